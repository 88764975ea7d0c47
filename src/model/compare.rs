//! Cases side by side on one concept (`concepts.rs`): each case's figures and derived metrics
//! naming the concept, on a common basis — money in one currency at each case's own dated rate
//! (`display::show`), every family of units (area, mass …) in one unit, "per" terms only where
//! the unit carries them. Values that cannot be brought to the basis most of them share are
//! listed apart with the reason; a value far from the other cases' is marked.
//!
//! **Far from its peers**: a value is marked when the median of the *other* cases' values (its
//! peers; at least two) is positive and the value is more than [`FAR_FACTOR`] times it or less
//! than a [`FAR_FACTOR`]th of it. The peers' range (lowest to highest) is shown beside it.

use super::concepts;
use super::display::{show, Shown, UnitChoice};
use super::units::{Currency, Family};
use super::{Lang, Model, Origin};

/// How far from the peers' median a value must be to be marked (both ways).
pub const FAR_FACTOR: f64 = 3.0;

/// One case at hand: its key (a site case's id, or `local:<digest>`), its title, its model.
pub struct CaseIn<'a> {
    pub key: &'a str,
    pub model: &'a Model,
}

/// The basis the reader chose: the currency money is shown in and the area unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// `None`: money as reported.
    pub currency: Option<Currency>,
    /// A vocabulary area unit code (`ha`, `km2`, `mu` …).
    pub area: &'static str,
}

/// One value of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub case: String,
    /// The figure or derived metric's id.
    pub id: String,
    pub origin: Origin,
    /// Shown on the basis (or as reported, for a value set apart): value, unit words, the rate
    /// used, the digits kept.
    pub shown: Shown,
    /// The period as written.
    pub period: Option<String>,
    /// The paragraph of the case study, for a reported figure.
    pub paragraph: Option<u32>,
}

/// Why a value is not compared with the others.
#[derive(Debug, Clone, PartialEq)]
pub enum Apart {
    /// Money in a currency the case has no rate into the chosen one for: shown as reported.
    NoRate { from: Currency, to: Currency },
    /// Its unit is not the one the compared values share (another "per" basis, a share against
    /// an amount …): `compared` is the compared values' unit.
    OtherBasis { compared: String },
}

/// A compared value with where it stands among the other cases' values.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub entry: Entry,
    /// The other cases' values: lowest, median, highest (`None` with fewer than two).
    pub peers: Option<(f64, f64, f64)>,
    /// More than [`FAR_FACTOR`] from the peers' median.
    pub far: bool,
}

/// The comparison of the chosen cases on one concept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// The unit every compared value is in (empty when nothing is compared).
    pub unit: String,
    pub compared: Vec<Compared>,
    pub apart: Vec<(Entry, Apart)>,
    /// Chosen cases with nothing naming the concept.
    pub silent: Vec<String>,
}

/// The units every case is shown in: the chosen area unit, and for every other family the
/// vocabulary's first choice, so that two cases never differ by their own default unit.
pub fn choice(basis: Basis) -> UnitChoice {
    let mut c = UnitChoice {
        currency: basis.currency,
        ..UnitChoice::default()
    };
    for f in Family::ALL {
        let code = match f {
            Family::Area => Some(basis.area),
            _ => f.choices().next().map(|r| r.code),
        };
        c.set(f, code);
    }
    c
}

/// The ids, in the dataset's order, of the figures and derived metrics naming `concept`.
pub fn naming(model: &Model, concept: &str) -> Vec<String> {
    let d = &model.dataset;
    d.figures
        .iter()
        .filter(|f| f.concept.as_deref() == Some(concept))
        .map(|f| f.id.clone())
        .chain(
            d.derived
                .iter()
                .filter(|m| m.concept.as_deref() == Some(concept))
                .map(|m| m.id.clone()),
        )
        .collect()
}

/// The concepts some of `models` name, in the vocabulary's order.
pub fn named_concepts<'a>(models: impl Iterator<Item = &'a Model> + Clone) -> Vec<&'static str> {
    concepts::CONCEPTS
        .iter()
        .map(|c| c.code)
        .filter(|code| models.clone().any(|m| !naming(m, code).is_empty()))
        .collect()
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Whether `v` is far from a positive median `m` (see the module's note).
pub fn is_far(v: f64, m: f64) -> bool {
    m > 0.0 && v.is_finite() && (v > FAR_FACTOR * m || v * FAR_FACTOR < m)
}

/// Compare `cases` on `concept` on `basis`, with units in `lang`'s words.
pub fn compare(cases: &[CaseIn], concept: &str, basis: Basis, lang: Lang) -> Comparison {
    let units = choice(basis);
    let mut shown: Vec<Entry> = Vec::new();
    let mut out = Comparison::default();
    for c in cases {
        let ids = naming(c.model, concept);
        if ids.is_empty() {
            out.silent.push(c.key.to_string());
        }
        for id in ids {
            let Some(q) = c.model.quantity(&id) else {
                continue;
            };
            let s = show(c.model, q, units, lang);
            let entry = Entry {
                case: c.key.to_string(),
                id: id.clone(),
                origin: q.origin,
                shown: s,
                period: q
                    .period
                    .is_some()
                    .then(|| super::format::period_text(q.period.as_ref(), lang)),
                paragraph: c.model.paragraph_of(&id),
            };
            // Money still in another currency: the case has no rate into the chosen one.
            match (q.unit.money_term(), basis.currency) {
                (Some((from, _)), Some(to)) if from != to && entry.shown.rate.is_none() => {
                    out.apart.push((entry, Apart::NoRate { from, to }));
                }
                (Some(_) | None, _) => shown.push(entry),
            }
        }
    }
    // The unit most values share (the first met of equals) is the one compared.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in &shown {
        match counts.iter_mut().find(|(u, _)| *u == e.shown.unit) {
            Some((_, n)) => *n += 1,
            None => counts.push((&e.shown.unit, 1)),
        }
    }
    let best = counts
        .iter()
        .fold(None::<(&str, usize)>, |acc, &(u, n)| match acc {
            Some((_, m)) if m >= n => acc,
            _ => Some((u, n)),
        })
        .map(|(u, _)| u.to_string())
        .unwrap_or_default();
    for e in shown {
        if e.shown.unit == best {
            out.compared.push(Compared {
                entry: e,
                peers: None,
                far: false,
            });
        } else {
            out.apart.push((
                e,
                Apart::OtherBasis {
                    compared: best.clone(),
                },
            ));
        }
    }
    let values: Vec<(String, f64)> = out
        .compared
        .iter()
        .map(|c| (c.entry.case.clone(), c.entry.shown.value.central()))
        .collect();
    for c in &mut out.compared {
        let mut peers: Vec<f64> = values
            .iter()
            .filter(|(case, v)| *case != c.entry.case && v.is_finite())
            .map(|(_, v)| *v)
            .collect();
        if peers.len() < 2 {
            continue;
        }
        peers.sort_by(f64::total_cmp);
        let m = median(&peers);
        c.peers = Some((peers[0], m, peers[peers.len() - 1]));
        c.far = is_far(c.entry.shown.value.central(), m);
    }
    out.unit = best;
    out
}

/// How many cases a comparison's address may name.
pub const MAX_CASES: usize = 24;

/// What the reader chose, as the address keeps it (`cases`, `concept`, `ccur`, `carea`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    /// Case keys: a site case's id, or `local:<digest>` for a dataset kept in this browser.
    pub cases: Vec<String>,
    pub concept: Option<String>,
    /// `None`: US dollars.
    pub currency: Option<Currency>,
    /// `None`: hectares.
    pub area: Option<&'static str>,
}

/// The currency (ISO 4217) and area unit when the reader has chosen none.
pub const DEFAULT_CURRENCY: &str = "USD";
pub const DEFAULT_AREA: &str = "ha";

/// Whether a key can name a case: a site case id (1 to 64 ASCII letters, digits, `-`, `_`, `.`,
/// starting with a letter or digit) or `local:` and a stored dataset's id.
pub fn valid_key(key: &str) -> bool {
    let id = key.strip_prefix("local:").unwrap_or(key);
    (1..=64).contains(&id.len())
        && id.as_bytes()[0].is_ascii_alphanumeric()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

impl Choice {
    pub fn basis(&self) -> Basis {
        Basis {
            currency: self.currency.or_else(|| Currency::parse(DEFAULT_CURRENCY)),
            area: self.area.unwrap_or(DEFAULT_AREA),
        }
    }

    /// Read one address parameter; `None` when the key is not this view's, `Some(false)` when
    /// its value cannot be used (the reader is told; nothing else changes).
    pub fn read(&mut self, key: &str, value: &str) -> Option<bool> {
        Some(match key {
            "cases" => {
                let keys: Vec<&str> = value.split(',').filter(|k| !k.is_empty()).collect();
                let good = keys.len() <= MAX_CASES && keys.iter().all(|k| valid_key(k));
                if good {
                    self.cases = Vec::new();
                    for k in keys {
                        if !self.cases.iter().any(|c| c == k) {
                            self.cases.push(k.to_string());
                        }
                    }
                }
                good
            }
            "concept" => concepts::find(value)
                .map(|c| self.concept = Some(c.code.to_string()))
                .is_some(),
            "ccur" => Currency::parse(&value.to_ascii_uppercase())
                .map(|c| self.currency = Some(c))
                .is_some(),
            "carea" => super::units::choice_code(Family::Area, value)
                .map(|c| self.area = Some(c))
                .is_some(),
            _ => return None,
        })
    }

    /// The address parameters of this choice, defaults left out.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.cases.is_empty() {
            out.push(("cases", self.cases.join(",")));
        }
        if let Some(c) = &self.concept {
            out.push(("concept", c.clone()));
        }
        if let Some(c) = self.currency {
            out.push(("ccur", c.code().to_string()));
        }
        if let Some(a) = self.area {
            out.push(("carea", a.to_string()));
        }
        out
    }
}
