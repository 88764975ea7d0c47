//! What a figure is about, as data: one row per subject a proposed chart can group (incomes,
//! land restored, jobs and people, money spent, cover rates, output), each with its names per
//! interface language, the kind of unit it accepts and the words in a figure's label or quote
//! that point to it; then one fallback row per kind of unit, for figures no word places.
//!
//! Adding a subject is adding a row; the proposer (`presentation.rs`) only reads the table.

use super::lang::Lang;
use super::units::{Dims, Unit};
use super::vocabulary;

/// The kind of unit a subject accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An area (ha, mu, km²).
    Area,
    /// An amount of one currency, or money per something (yuan a year, per person); never an
    /// exchange rate.
    Money,
    /// A share of a whole, in percent.
    Share,
    /// A count of people, households, visits, animals, plants or things.
    Count,
    /// Any other amount: mass, volume, energy, power, length, a change in points.
    Other,
}

impl Kind {
    /// The kind of a unit, or `None` for what no chart groups (an exchange rate).
    pub fn of(unit: &Unit) -> Option<Kind> {
        let d = unit.dims();
        if unit.rate_pair().is_some() {
            None
        } else if unit.is_area() {
            Some(Kind::Area)
        } else if d.has_money() {
            Some(Kind::Money)
        } else if unit.is_percent() {
            Some(Kind::Share)
        } else if COUNTS.iter().any(|c| Dims::of(*c) == *d) {
            Some(Kind::Count)
        } else {
            Some(Kind::Other)
        }
    }
}

const COUNTS: [vocabulary::Exps; 6] = [
    vocabulary::PEOPLE,
    vocabulary::HOUSEHOLDS,
    vocabulary::VISITS,
    vocabulary::ANIMALS,
    vocabulary::PLANTS,
    vocabulary::ITEMS,
];

/// One subject.
#[derive(Debug, PartialEq)]
pub struct SubjectRow {
    /// Names the subject in proposed chart ids (`proposed-income-1`).
    pub code: &'static str,
    /// The name a chart about it takes, by interface language code; a language without an
    /// entry falls back to English.
    pub names: &'static [(&'static str, &'static str)],
    pub kind: Kind,
    /// Words in a figure's label or quote that point to the subject: English in lower case,
    /// matched at the start of a word ("earn" reads "earned", "earnings"); Chinese matched
    /// anywhere. A fallback row has none.
    pub words: &'static [&'static str],
}

impl SubjectRow {
    /// The subject's name in `lang`, else in English.
    pub fn name(&self, lang: Lang) -> &'static str {
        let of = |code: &str| self.names.iter().find(|(l, _)| *l == code).map(|n| n.1);
        of(lang.code()).or_else(|| of("en")).unwrap_or(self.code)
    }

    /// A row placed by words, not a fallback by the kind of unit.
    pub fn by_words(&self) -> bool {
        !self.words.is_empty()
    }
}

macro_rules! subject {
    ($code:literal, $kind:ident, [$(($l:literal, $n:literal)),*], [$($w:literal),*]) => {
        SubjectRow {
            code: $code,
            names: &[$(($l, $n)),*],
            kind: Kind::$kind,
            words: &[$($w),*],
        }
    };
}

/// The subjects, in the order they are tried: the first row whose kind fits the unit and one of
/// whose words the label or quote holds; else the fallback of the unit's kind.
#[rustfmt::skip]
pub static SUBJECTS: &[SubjectRow] = &[
    subject!("income", Money,
        [("en", "Incomes and revenue"), ("zh", "收入"), ("fr", "Revenus")],
        ["income", "earn", "revenue", "wage", "salar", "profit", "sales", "pay",
         "增收", "收入", "收益", "工资", "营收", "利润", "分红"]),
    subject!("spent", Money,
        [("en", "Money invested and spent"), ("zh", "投入与支出"), ("fr", "Sommes investies et dépensées")],
        ["invest", "spen", "outlay", "cost", "budget", "fund", "grant", "subsid", "compensation",
         "award", "donor", "pledge", "expenditure", "upkeep",
         "投入", "投资", "资金", "补贴", "补偿", "奖补", "费用", "自筹", "外援", "拨付"]),
    subject!("land-restored", Area,
        [("en", "Land restored, treated or planted"), ("zh", "治理、修复与种植面积"), ("fr", "Terres restaurées, traitées ou plantées")],
        ["restor", "treat", "rehabilit", "reclaim", "plant", "afforest", "reforest", "replant",
         "sand control", "irrigat", "green",
         "治理", "修复", "造林", "植树", "绿化", "种植", "退耕", "恢复", "灌溉", "封育"]),
    subject!("people", Count,
        [("en", "Jobs and people"), ("zh", "就业与人数"), ("fr", "Emplois et personnes")],
        ["job", "employ", "work", "people", "person", "farmer", "herder", "guard", "ranger",
         "staff", "villager", "household", "resident", "tourist", "visitor", "famil", "member",
         "就业", "务工", "用工", "人员", "护林员", "管护员", "农户", "贫困户", "农牧民", "群众",
         "游客", "岗位"]),
    subject!("cover-rates", Share,
        [("en", "Cover rates"), ("zh", "覆盖率"), ("fr", "Taux de couverture")],
        ["cover", "survival", "覆盖", "成活率"]),
    subject!("output", Other,
        [("en", "Output and production"), ("zh", "产出与产量"), ("fr", "Production")],
        ["output", "production", "produc", "yield", "harvest", "stock", "generat", "capacity",
         "产量", "产值", "蓄积", "发电", "装机", "产出", "出栏"]),
    // Fallbacks, one per kind of unit.
    subject!("areas", Area, [("en", "Areas"), ("zh", "面积"), ("fr", "Surfaces")], []),
    subject!("money", Money, [("en", "Amounts of money"), ("zh", "金额"), ("fr", "Montants")], []),
    subject!("shares", Share, [("en", "Shares and rates"), ("zh", "比例与比率"), ("fr", "Parts et taux")], []),
    subject!("counts", Count, [("en", "Counts"), ("zh", "数量"), ("fr", "Effectifs")], []),
    subject!("amounts", Other, [("en", "Other amounts"), ("zh", "其他数量"), ("fr", "Autres quantités")], []),
];

/// Whether `text` holds `word`: a word with a CJK character anywhere, any other at the start of
/// a word of the lower-cased text.
fn holds(text: &str, word: &str) -> bool {
    if word.chars().any(|c| (c as u32) >= 0x2E80) {
        return text.contains(word);
    }
    text.match_indices(word).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The subject of a figure with this unit, label and quote (any number of texts: the label in
/// each language and the quote).
pub fn subject_of<'a>(
    unit: &Unit,
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<&'static SubjectRow> {
    let kind = Kind::of(unit)?;
    let texts: Vec<String> = texts.into_iter().map(str::to_lowercase).collect();
    SUBJECTS
        .iter()
        .filter(|s| s.kind == kind && s.by_words())
        .find(|s| s.words.iter().any(|w| texts.iter().any(|t| holds(t, w))))
        .or_else(|| fallback(kind))
}

/// The fallback row of a kind of unit.
pub fn fallback(kind: Kind) -> Option<&'static SubjectRow> {
    SUBJECTS.iter().find(|s| s.kind == kind && !s.by_words())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_every_kind_has_a_fallback_and_every_row_an_english_name() {
        for (i, s) in SUBJECTS.iter().enumerate() {
            assert!(
                !SUBJECTS[..i].iter().any(|t| t.code == s.code),
                "{}",
                s.code
            );
            assert!(s.names.iter().any(|(l, _)| *l == "en"), "{}", s.code);
            for (l, _) in s.names {
                assert!(Lang::parse(l).is_some(), "{}: {l}", s.code);
            }
            for w in s.words {
                assert_eq!(*w, w.to_lowercase(), "{}", s.code);
            }
        }
        for k in [
            Kind::Area,
            Kind::Money,
            Kind::Share,
            Kind::Count,
            Kind::Other,
        ] {
            assert!(fallback(k).is_some(), "{k:?}");
        }
    }

    #[test]
    fn words_place_figures_and_units_decide_between_rows() {
        let cny = Unit::parse("CNY").expect("unit");
        let ha = Unit::parse("ha").expect("unit");
        let of = |u: &Unit, t: &str| subject_of(u, [t]).map(|s| s.code);
        assert_eq!(
            of(&cny, "Income from selling carbon credits"),
            Some("income")
        );
        assert_eq!(of(&cny, "旅游综合收入"), Some("income"));
        assert_eq!(of(&cny, "spending on rangers"), Some("spent"));
        assert_eq!(of(&cny, "Outside donors"), Some("spent"));
        assert_eq!(
            of(&ha, "Area under comprehensive treatment"),
            Some("land-restored")
        );
        // "pay" is a word of incomes, but an area is never an income.
        assert_eq!(of(&ha, "payments"), Some("areas"));
        // At the start of a word only: "repay" is not "pay", "untreated" is not "treat".
        assert_eq!(of(&cny, "repay"), Some("money"));
        assert_eq!(of(&ha, "untreated land"), Some("areas"));
        assert_eq!(of(&Unit::parse("CNY/USD").expect("unit"), "income"), None);
    }
}
