//! What a figure measures, from a vocabulary shared by every case, so that figures of different
//! cases can be set side by side: SDG indicator codes where one fits (`sdg:15.1.1`), the
//! project's own short list otherwise (`area_restored`). A figure or derived metric names one in
//! its `concept` field; the drafter proposes one from the words of a figure's label.
//!
//! Adding a concept is adding a row; nothing else in the code names one.

use super::units::Unit;

/// One concept: its code, its name by interface language, the units it can be measured in (a
/// unit of the same dimension as one of them, money in any currency), and the words that point
/// to it in a figure's label (English in lower case, and Chinese).
#[derive(Debug, PartialEq)]
pub struct ConceptRow {
    pub code: &'static str,
    pub names: &'static [(&'static str, &'static str)],
    pub units: &'static [&'static str],
    pub words: &'static [&'static str],
}

#[rustfmt::skip]
pub static CONCEPTS: &[ConceptRow] = &[
    ConceptRow {
        code: "sdg:15.1.1",
        names: &[("en", "Forest area as a share of land area (SDG 15.1.1)"),
                 ("zh", "森林面积占陆地面积的比例（可持续发展目标 15.1.1）"),
                 ("fr", "Surface forestière en part de la surface terrestre (ODD 15.1.1)")],
        units: &["%"],
        words: &["forest cover", "forest coverage", "forest area", "森林覆盖率", "森林覆盖"],
    },
    ConceptRow {
        code: "sdg:15.3.1",
        names: &[("en", "Degraded land as a share of land area (SDG 15.3.1)"),
                 ("zh", "退化土地占土地面积的比例（可持续发展目标 15.3.1）"),
                 ("fr", "Terres dégradées en part de la surface terrestre (ODD 15.3.1)")],
        units: &["%"],
        words: &["degraded land", "desertified", "desertification rate", "沙化", "退化土地", "荒漠化"],
    },
    ConceptRow {
        code: "sdg:1.1.1",
        names: &[("en", "Share of people below the poverty line (SDG 1.1.1)"),
                 ("zh", "贫困线以下人口比例（可持续发展目标 1.1.1）"),
                 ("fr", "Part de la population sous le seuil de pauvreté (ODD 1.1.1)")],
        units: &["%"],
        words: &["poverty rate", "poverty incidence", "incidence of poverty", "贫困发生率"],
    },
    ConceptRow {
        code: "area_restored",
        names: &[("en", "Area restored"), ("zh", "治理修复面积"), ("fr", "Surface restaurée")],
        units: &["ha"],
        words: &["restored", "restoration", "treated", "treatment", "rehabilitated", "afforest", "planted", "greening", "controlled",
                 "治理", "修复", "造林", "绿化", "种植"],
    },
    ConceptRow {
        code: "investment",
        names: &[("en", "Investment and spending"), ("zh", "投资与支出"), ("fr", "Investissements et dépenses")],
        units: &["CNY"],
        words: &["invest", "funding", "funds", "spent", "subsid", "budget", "compensation",
                 "投资", "资金", "补贴", "补助", "投入"],
    },
    ConceptRow {
        code: "income_gain",
        names: &[("en", "Income gain"), ("zh", "增收"), ("fr", "Gain de revenu")],
        units: &["CNY", "CNY/{person}", "CNY/{household}", "CNY/{person}/a", "CNY/{household}/a", "%"],
        words: &["income", "earn", "wage", "salary", "收入", "增收", "工资"],
    },
    ConceptRow {
        code: "people_out_of_poverty",
        names: &[("en", "People lifted out of poverty"), ("zh", "脱贫人口"), ("fr", "Personnes sorties de la pauvreté")],
        units: &["{person}", "{household}"],
        words: &["out of poverty", "lifted", "escaped poverty", "脱贫", "摆脱贫困"],
    },
    ConceptRow {
        code: "jobs",
        names: &[("en", "Jobs"), ("zh", "就业岗位"), ("fr", "Emplois")],
        units: &["{person}", "{person-day}"],
        words: &["jobs", "employ", "hired", "workers", "staff", "就业", "岗位", "务工", "聘用"],
    },
    ConceptRow {
        code: "cost_per_hectare",
        names: &[("en", "Cost per hectare restored"), ("zh", "每公顷治理成本"), ("fr", "Coût par hectare restauré")],
        units: &["CNY/ha"],
        words: &["per hectare", "per mu", "每公顷", "每亩"],
    },
    ConceptRow {
        code: "vegetation_cover",
        names: &[("en", "Vegetation cover"), ("zh", "植被覆盖度"), ("fr", "Couvert végétal")],
        units: &["%"],
        words: &["vegetation cover", "vegetation coverage", "植被覆盖"],
    },
];

/// The row of a code, if the vocabulary has it.
pub fn find(code: &str) -> Option<&'static ConceptRow> {
    CONCEPTS.iter().find(|c| c.code == code)
}

impl ConceptRow {
    /// Its name in `lang` (a language code), else in English.
    pub fn name(&self, lang: &str) -> &'static str {
        self.names
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.names.first())
            .map_or(self.code, |(_, n)| n)
    }

    /// Whether a figure in `unit` can measure this concept: its dimension is one of the
    /// concept's units' (money of any currency counts as money).
    pub fn fits(&self, unit: &Unit) -> bool {
        self.units
            .iter()
            .filter_map(|code| Unit::parse(code))
            .any(|u| u.dims().same_shape(unit.dims()))
    }
}

/// The concept a label's words point to, among those `unit` fits: the row with the longest
/// matching word (so "forest cover" wins over a shorter word), `None` when no word matches.
pub fn propose(label: &str, unit: &Unit) -> Option<&'static ConceptRow> {
    let lower = label.to_lowercase();
    CONCEPTS
        .iter()
        .filter(|c| c.fits(unit))
        .filter_map(|c| {
            let best = c
                .words
                .iter()
                .filter(|w| lower.contains(*w))
                .map(|w| w.chars().count())
                .max()?;
            Some((best, c))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
}
