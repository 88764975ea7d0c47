//! Units, their dimensions and conversions, read from the vocabulary (`vocabulary.rs`) and from
//! the units a dataset declares. Every computation happens in base units (kg, m, year, one of a
//! count, one unit of each currency); display converts back.
//!
//! A unit code is one row's code or a compound of them in UCUM's syntax: terms joined by `.`
//! (times) and `/` (per), read left to right: `CNY/{person}/a` is yuan per person per year.

use super::codes::code_table;
pub use super::currency::Currency;
use super::vocabulary::{self, Name, Role, UnitRow, CURRENCIES, UNITS};
use std::fmt;
use std::sync::Arc;

code_table! {
    /// The base dimensions a unit is made of, besides money (which is kept per currency).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Base {
        Mass = "mass",
        Length = "length",
        Time = "time",
        People = "people",
        Households = "households",
        Visits = "visits",
        Animals = "animals",
        Plants = "plants",
        Items = "items",
    }
}

/// Exponents of the base dimensions and of each currency: `CNY/ha/a` is CNY¹·length⁻²·time⁻¹.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Dims {
    base: [i8; 9],
    /// Sorted by currency, no zero exponent.
    money: Vec<(Currency, i8)>,
}

impl Dims {
    pub fn of(base: [i8; 9]) -> Dims {
        Dims {
            base,
            money: Vec::new(),
        }
    }

    /// The same dimensions, whatever the currencies: yuan per hectare and dollars per hectare
    /// measure the same kind of thing.
    pub fn same_shape(&self, o: &Dims) -> bool {
        let power = |d: &Dims| d.money.iter().map(|(_, x)| i32::from(*x)).sum::<i32>();
        self.base == o.base && power(self) == power(o)
    }

    pub fn money(c: Currency) -> Dims {
        Dims {
            base: [0; 9],
            money: vec![(c, 1)],
        }
    }

    /// The dimensions raised to a power (±1 in unit codes).
    pub fn pow(&self, e: i8) -> Dims {
        Dims {
            base: self.base.map(|x| x * e),
            money: self
                .money
                .iter()
                .map(|(c, x)| (*c, x * e))
                .filter(|(_, x)| *x != 0)
                .collect(),
        }
    }

    pub fn times(&self, o: &Dims) -> Dims {
        let mut base = self.base;
        for (b, x) in base.iter_mut().zip(o.base) {
            *b += x;
        }
        let mut money = self.money.clone();
        for (c, x) in &o.money {
            match money.iter_mut().find(|(m, _)| m == c) {
                Some(m) => m.1 += x,
                None => money.push((*c, *x)),
            }
        }
        money.retain(|(_, x)| *x != 0);
        money.sort();
        Dims { base, money }
    }

    pub fn over(&self, o: &Dims) -> Dims {
        self.times(&o.pow(-1))
    }

    pub fn exponent(&self, b: Base) -> i8 {
        self.base[b as usize]
    }

    /// The one currency of a money amount (CNY¹, CNY¹/ha …), if the dimensions hold exactly one
    /// currency to the first power.
    pub fn currency(&self) -> Option<Currency> {
        match self.money.as_slice() {
            [(c, 1)] => Some(*c),
            _ => None,
        }
    }

    /// Whether any currency appears.
    pub fn has_money(&self) -> bool {
        !self.money.is_empty()
    }

    /// "length²·CNY", for messages.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = Base::ALL
            .iter()
            .filter(|b| self.exponent(**b) != 0)
            .map(|b| power(b.code(), self.exponent(*b)))
            .collect();
        parts.extend(self.money.iter().map(|(c, x)| power(c.code(), *x)));
        if parts.is_empty() {
            "a pure number".to_string()
        } else {
            parts.join("·")
        }
    }
}

fn power(name: &str, e: i8) -> String {
    if e == 1 {
        name.to_string()
    } else {
        format!("{name}^{e}")
    }
}

/// A unit a dataset declares for itself (format 3, `units`): its dimensions and factor are
/// checked when the dataset is read.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredUnit {
    pub code: String,
    pub dims: Dims,
    pub factor: f64,
    /// (language tag, as written after a number, as a denominator).
    pub names: Vec<(String, String, String)>,
}

/// The dimensions and base factor a declared unit's `dimension` names: a base dimension, a
/// derived one (area, volume, energy, power) or an ISO 4217 currency.
pub fn dimension_named(name: &str) -> Option<(Dims, f64)> {
    use vocabulary as v;
    let (exps, k) = match name {
        "mass" => (v::MASS, 1.0),
        "length" => (v::LENGTH, 1.0),
        "area" => (v::AREA, 1.0),
        "volume" => (v::VOLUME, 1.0),
        "time" => (v::TIME, 1.0),
        "energy" => (v::ENERGY, v::JOULE),
        "power" => (v::POWER, v::WATT),
        "people" => (v::PEOPLE, 1.0),
        "households" => (v::HOUSEHOLDS, 1.0),
        "visits" => (v::VISITS, 1.0),
        "animals" => (v::ANIMALS, 1.0),
        "plants" => (v::PLANTS, 1.0),
        "items" => (v::ITEMS, 1.0),
        other => return Currency::parse(other).map(|c| (Dims::money(c), 1.0)),
    };
    Some((Dims::of(exps), k))
}

/// The names `dimension_named` takes besides currency codes (for messages and the schema).
pub const DIMENSION_NAMES: &str = "mass, length, area, volume, time, energy, power, people, \
households, visits, animals, plants, items, or an ISO 4217 currency code";

/// One term of a unit: a vocabulary row, a currency or a declared unit.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Row(&'static UnitRow),
    Money(Currency),
    Declared(Arc<DeclaredUnit>),
}

impl Atom {
    fn dims(&self) -> Dims {
        match self {
            Atom::Row(r) => Dims::of(r.dims),
            Atom::Money(c) => Dims::money(*c),
            Atom::Declared(d) => d.dims.clone(),
        }
    }
    fn factor(&self) -> f64 {
        match self {
            Atom::Row(r) => r.factor,
            Atom::Money(_) => 1.0,
            Atom::Declared(d) => d.factor,
        }
    }
    fn code(&self) -> &str {
        match self {
            Atom::Row(r) => r.code,
            Atom::Money(c) => c.code(),
            Atom::Declared(d) => &d.code,
        }
    }
    /// (as written after a number, as a denominator) in `lang`, English when missing.
    fn names(&self, lang: Lang) -> (String, String) {
        match self {
            Atom::Row(r) => {
                let pick = |l: &str| r.names.iter().find(|n: &&Name| n.lang == l);
                pick(lang.code())
                    .or_else(|| pick("en"))
                    .map_or((r.code.to_string(), r.code.to_string()), |n| {
                        (n.symbol.to_string(), n.per.to_string())
                    })
            }
            Atom::Money(c) => (c.symbol(lang), c.symbol(lang)),
            Atom::Declared(d) => {
                let pick = |l: &str| d.names.iter().find(|n| n.0 == l);
                pick(lang.code())
                    .or_else(|| pick("en"))
                    .or_else(|| d.names.first())
                    .map_or((d.code.clone(), d.code.clone()), |n| {
                        (n.1.clone(), n.2.clone())
                    })
            }
        }
    }
}

#[derive(Debug, PartialEq)]
struct Def {
    code: String,
    /// Terms in the order written; the exponent is 1 or −1.
    terms: Vec<(Atom, i8)>,
    dims: Dims,
    factor: f64,
}

/// A unit: one term or a compound of terms. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Unit(Arc<Def>);

impl PartialEq for Unit {
    fn eq(&self, o: &Unit) -> bool {
        Arc::ptr_eq(&self.0, &o.0) || self.0.code == o.0.code
    }
}
impl Eq for Unit {}
impl std::hash::Hash for Unit {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.code.hash(h)
    }
}

/// The units a dataset can name: the vocabulary and the dataset's own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vocabulary {
    declared: Vec<Arc<DeclaredUnit>>,
}

impl Vocabulary {
    pub fn with(declared: Vec<DeclaredUnit>) -> Vocabulary {
        Vocabulary {
            declared: declared.into_iter().map(Arc::new).collect(),
        }
    }

    /// The dataset's well-formed declarations (`validate` reports the others).
    pub fn of(d: &super::dataset::Dataset) -> Vocabulary {
        let plain = Vocabulary::default();
        let mut declared: Vec<DeclaredUnit> = Vec::new();
        for u in &d.units {
            let Some((dims, k)) = dimension_named(&u.dimension) else {
                continue;
            };
            let fits = u.factor.is_finite() && u.factor > 0.0 && (u.factor * k).is_finite();
            let fresh = !u.code.is_empty()
                && !u.code.contains(['/', '.', ' '])
                && plain.atom(&u.code).is_none()
                && !declared.iter().any(|x| x.code == u.code);
            if !(fits && fresh) {
                continue;
            }
            let names = u
                .symbol
                .iter()
                .map(|(tag, symbol)| {
                    let per = u.per.as_ref().and_then(|p| p.in_tag(tag)).unwrap_or(symbol);
                    (tag.to_string(), symbol.clone(), per.clone())
                })
                .collect();
            declared.push(DeclaredUnit {
                code: u.code.clone(),
                dims,
                factor: u.factor * k,
                names,
            });
        }
        Vocabulary::with(declared)
    }

    /// Whether the vocabulary alone (without the dataset's units) has this code as one term.
    pub fn knows_term(code: &str) -> bool {
        Vocabulary::default().atom(code).is_some()
    }

    /// The units the dataset declares.
    pub fn declared(&self) -> impl Iterator<Item = &DeclaredUnit> {
        self.declared.iter().map(|d| d.as_ref())
    }

    fn atom(&self, code: &str) -> Option<Atom> {
        if let Some(d) = self.declared.iter().find(|d| d.code == code) {
            return Some(Atom::Declared(d.clone()));
        }
        if let Some(r) = UNITS.iter().find(|r| r.code == code) {
            return Some(Atom::Row(r));
        }
        Currency::parse(code).map(Atom::Money)
    }

    /// The unit with this code, if every term of it is known.
    pub fn parse(&self, code: &str) -> Option<Unit> {
        if code.is_empty() || code.len() > 64 {
            return None;
        }
        let mut terms = Vec::new();
        for (i, segment) in code.split('/').enumerate() {
            let e = if i == 0 { 1 } else { -1 };
            // A row's own code may hold a dot ("kW.h"): try the segment whole first.
            if let Some(a) = self.atom(segment) {
                terms.push((a, e));
            } else if i == 0 {
                for part in segment.split('.') {
                    terms.push((self.atom(part)?, 1));
                }
            } else {
                return None;
            }
        }
        Some(Unit::from_terms(code.to_string(), terms))
    }
}

impl Unit {
    fn from_terms(code: String, terms: Vec<(Atom, i8)>) -> Unit {
        let mut dims = Dims::default();
        let mut factor = 1.0;
        for (a, e) in &terms {
            dims = dims.times(&a.dims().pow(*e));
            factor *= a.factor().powi(i32::from(*e));
        }
        Unit(Arc::new(Def {
            code,
            terms,
            dims,
            factor,
        }))
    }

    /// A unit of the vocabulary alone (no dataset units).
    pub fn parse(code: &str) -> Option<Unit> {
        Vocabulary::default().parse(code)
    }

    /// A vocabulary unit the code itself names (tests, and the drafter's own tables).
    pub fn builtin(code: &'static str) -> Unit {
        Unit::parse(code).unwrap_or_else(|| Unit::from_terms(code.to_string(), Vec::new()))
    }

    pub fn code(&self) -> &str {
        &self.0.code
    }

    pub fn dims(&self) -> &Dims {
        &self.0.dims
    }

    /// Multiply a value in this unit by this to get base units.
    pub fn to_base(&self) -> f64 {
        self.0.factor
    }

    fn single(&self) -> Option<&Atom> {
        match self.0.terms.as_slice() {
            [(a, 1)] => Some(a),
            _ => None,
        }
    }

    fn role(&self) -> Role {
        match self.single() {
            Some(Atom::Row(r)) => r.role,
            Some(Atom::Money(_) | Atom::Declared(_)) | None => Role::Amount,
        }
    }

    pub fn is_area(&self) -> bool {
        *self.dims() == Dims::of(vocabulary::AREA)
    }

    /// An amount of one currency (not a rate or a price per something).
    pub fn is_money(&self) -> bool {
        matches!(self.single(), Some(Atom::Money(_)))
    }

    /// A count of people or of visits.
    pub fn is_headcount(&self) -> bool {
        let d = self.dims();
        *d == Dims::of(vocabulary::PEOPLE) || *d == Dims::of(vocabulary::VISITS)
    }

    /// Shares of a whole: a value above 100 cannot be right.
    pub fn is_percent(&self) -> bool {
        self.role() == Role::Share
    }

    /// Units whose values may be negative (a change, not an amount).
    pub fn may_be_negative(&self) -> bool {
        self.role() == Role::Change
    }

    /// An exchange rate: one currency per another (`CNY/USD`), as (numerator, denominator).
    pub fn rate_pair(&self) -> Option<(Currency, Currency)> {
        match self.0.terms.as_slice() {
            [(Atom::Money(a), 1), (Atom::Money(b), -1)] if a != b => Some((*a, *b)),
            _ => None,
        }
    }

    /// The same unit with each term that `swap` maps replaced (display conversions), and the
    /// factor that converts a value into it.
    pub fn map_terms(&self, swap: &dyn Fn(&str, &Dims) -> Option<Unit>) -> Option<(Unit, f64)> {
        let mut changed = false;
        let mut terms = Vec::with_capacity(self.0.terms.len());
        for (a, e) in &self.0.terms {
            match swap(a.code(), &a.dims()).and_then(|u| u.single().cloned()) {
                Some(b) if b.code() != a.code() => {
                    changed = true;
                    terms.push((b, *e));
                }
                Some(_) | None => terms.push((a.clone(), *e)),
            }
        }
        if !changed {
            return None;
        }
        let code = terms
            .iter()
            .enumerate()
            .map(|(i, (a, e))| {
                let sep = match (i, e) {
                    (0, _) => "",
                    (_, -1) => "/",
                    _ => ".",
                };
                format!("{sep}{}", a.code())
            })
            .collect();
        let unit = Unit::from_terms(code, terms);
        let k = self.to_base() / unit.to_base();
        Some((unit, k))
    }

    /// Each term's code and dimensions, and whether it is the whole unit.
    pub fn terms(&self) -> impl Iterator<Item = (&str, Dims, bool)> + '_ {
        let whole = self.0.terms.len() == 1;
        self.0
            .terms
            .iter()
            .map(move |(a, _)| (a.code(), a.dims(), whole))
    }

    /// The currency of the unit's one money term, with its exponent (CNY/ha: CNY, 1).
    pub fn money_term(&self) -> Option<(Currency, i8)> {
        let mut found = self.0.terms.iter().filter_map(|(a, e)| match a {
            Atom::Money(c) => Some((*c, *e)),
            Atom::Row(_) | Atom::Declared(_) => None,
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The currency when the unit is one alone ("USD", not "USD/ha").
    pub fn currency_alone(&self) -> Option<Currency> {
        match self.0.terms.as_slice() {
            [(Atom::Money(c), 1)] => Some(*c),
            _ => None,
        }
    }

    /// How the unit is written after a number in `lang`: "yuan per person per year",
    /// "元/人·年". A compound joins its terms' names with the language's words.
    pub fn symbol(&self, lang: Lang) -> String {
        let rules = lang.rules();
        let (over_first, over_next, times) = (rules.per_first, rules.per_next, rules.unit_times);
        let mut out = String::new();
        let mut denominators = 0;
        for (i, (a, e)) in self.0.terms.iter().enumerate() {
            let (symbol, per) = a.names(lang);
            if *e < 0 {
                out.push_str(if denominators == 0 {
                    over_first
                } else {
                    over_next
                });
                out.push_str(&per);
                denominators += 1;
            } else {
                if i > 0 {
                    out.push_str(times);
                }
                out.push_str(&symbol);
            }
        }
        if out.is_empty() {
            self.code().to_string()
        } else {
            out
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

code_table! {
    /// The kinds of unit the reader may choose a display unit for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Family {
        Area = "area",
        Length = "length",
        Volume = "volume",
        Mass = "mass",
        Energy = "energy",
        Power = "power",
    }
}

impl Family {
    pub fn dims(self) -> Dims {
        Dims::of(match self {
            Family::Area => vocabulary::AREA,
            Family::Length => vocabulary::LENGTH,
            Family::Volume => vocabulary::VOLUME,
            Family::Mass => vocabulary::MASS,
            Family::Energy => vocabulary::ENERGY,
            Family::Power => vocabulary::POWER,
        })
    }

    /// The family of a term's dimensions, if it is one.
    pub fn of(dims: &Dims) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.dims() == *dims)
    }

    /// The vocabulary's units of this family, offered as display choices.
    pub fn choices(self) -> impl Iterator<Item = &'static UnitRow> {
        let dims = self.dims();
        UNITS
            .iter()
            .filter(move |r| r.choice && Dims::of(r.dims) == dims)
    }
}

/// The vocabulary unit a display choice names (`area=mu`), if it is one of the family's.
pub fn choice_code(family: Family, code: &str) -> Option<&'static str> {
    family.choices().find(|r| r.code == code).map(|r| r.code)
}

/// Every unit of the vocabulary, one row each, then the currencies it names.
pub fn vocabulary_units() -> impl Iterator<Item = Unit> {
    UNITS
        .iter()
        .map(|r| r.code)
        .chain(CURRENCIES.iter().map(|c| c.code))
        .filter_map(Unit::parse)
}

/// Convert a value between two units of one kind (`None`: different dimensions).
pub fn convert(value: f64, from: &Unit, to: &Unit) -> Option<f64> {
    (from.dims() == to.dims()).then(|| value * from.to_base() / to.to_base())
}

/// A format-2 unit code as it is written in format 3.
pub fn migrate_code(code: &str) -> Option<&'static str> {
    vocabulary::FORMAT_2_CODES
        .iter()
        .find(|(old, _)| *old == code)
        .map(|(_, new)| *new)
}

pub use super::digits::{round_significant, significant_digits};
pub use super::lang::Lang;
pub use super::rates::{rate_for, rate_from, AnnualRate, RateChoice, RateRule, RateTable};
