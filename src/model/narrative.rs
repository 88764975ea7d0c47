//! Sentences generated from the data, in both languages, in the manner of chart "widget
//! sentences": each number is a reference to a quantity, so the page can format it in the
//! reader's units and link it to its source. Bounds and undated figures are worded by the
//! quantity itself ("more than 21%"), and the templates never add a year the text lacks.

use super::units::Lang;
use super::{Model, Status};

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// A quantity, shown with its value and unit and linked to its detail.
    Quantity(String),
}

pub type Sentence = Vec<Segment>;

enum Part {
    T(&'static str, &'static str),
    Q(&'static str),
}
use Part::{Q, T};

/// A sentence of parts, or nothing when the dataset lacks one of its quantities.
fn sentence(model: &Model, lang: Lang, parts: &[Part]) -> Option<Sentence> {
    parts
        .iter()
        .map(|p| match p {
            T(en, zh) => Some(Segment::Text(
                if lang == Lang::En { en } else { zh }.to_string(),
            )),
            Q(id) => model.quantity(id).map(|q| Segment::Quantity(q.id.clone())),
        })
        .collect()
}

fn flagged(model: &Model, id: &str) -> bool {
    model.status_of(id) == Some(Status::Contradicts)
}

/// Sentences describing one chart (or view) by its key.
pub fn sentences(model: &Model, key: &str, lang: Lang) -> Vec<Sentence> {
    let s = |parts: &[Part]| sentence(model, lang, parts);
    let list: Vec<Option<Sentence>> = match key {
        "cover" => vec![
            s(&[T("Forest coverage is now ", "森林覆盖率目前"), Q("forest_cover_rate"), T(", ", "，比 2002 年提高"), Q("forest_cover_gain"), T(" above its 2002 level, which puts 2002 at ", "，据此推算 2002 年为"), Q("forest_cover_2002"), T(".", "。")]),
            s(&[T("In the conservation area, vegetation coverage rose from ", "生态保护区植被覆盖率由"), Q("vegetation_cover_before"), T(" to ", "升至"), Q("vegetation_cover_now"), T(", a gain of ", "，提高"), Q("vegetation_cover_gain"), T("; the text does not say when the starting level was measured.", "；原文未说明起始水平测于何时。")]),
        ],
        "subsidies" => {
            let mut v = vec![s(&[
                T("For 2014–2017 the text lists ", "2014–2017 年，原文列出"), Q("subsidy_farmland_to_forest"),
                T(" for returning farmland to forest, ", "退耕还林补贴、"), Q("subsidy_public_forest"),
                T(" for public-benefit forests and ", "公益林补偿和"), Q("subsidy_grassland"),
                T(" in grassland awards: together ", "草原奖补，合计"), Q("subsidy_parts_sum"), T(".", "。"),
            ])];
            if flagged(model, "subsidy_total") {
                v.push(s(&[T("Yet it states the total as ", "但原文给出的合计为"), Q("subsidy_total"), T(", which cannot be the sum of those parts; the consistency checks show the gap.", "，不可能是上述分项之和；差距见一致性检查。")]));
            } else {
                v.push(s(&[T("The text states the total as ", "原文给出的合计为"), Q("subsidy_total"), T(".", "。")]));
            }
            v
        }
        "incomes" => vec![s(&[
            T("Since 2014, work on ecological projects has raised the income of local farmers and herders by ", "2014 年以来，参与生态工程使当地农牧民增收"),
            Q("income_gain_all"), T("; ", "，其中贫困农牧民增收"), Q("income_gain_poor"),
            T(" of it went to poor households, a share of ", "，占"), Q("poor_share_of_income_gain"), T(".", "。"),
        ])],
        "land" => {
            let mut v = vec![s(&[
                T("In recent years ", "近年来，科尔沁沙地完成综合治理"), Q("desert_treated_area"),
                T(" of the Horqin Desert were treated, ", "，相当于全旗面积（"), Q("banner_area"),
                T(" of land, about ", "）的"), Q("treated_share_of_banner"),
                T(" of the banner's area ", "；全旗林业用地达到"), Q("forestry_land_area"),
                T("); forestry land reached ", "。"),
            ])];
            // The English order differs; rebuild it rather than force one order on both.
            if lang == Lang::En {
                v = vec![s(&[
                    T("In recent years ", ""), Q("desert_treated_area"),
                    T(" of the Horqin Desert were treated, ", ""), Q("treated_share_of_banner"),
                    T(" of the banner's ", ""), Q("banner_area"),
                    T("; forestry land reached ", ""), Q("forestry_land_area"), T(".", ""),
                ])];
            }
            if flagged(model, "forest_land_area") {
                v.push(s(&[T("The forest land area given in the results, ", "成效段给出的林地面积"), Q("forest_land_area"), T(", would be ", "相当于全旗面积的"), Q("forest_land_share_of_banner"), T(" of the banner, so it cannot be right as printed.", "，按原文数字不可能成立。")]));
            }
            v
        }
        "tourism" => vec![s(&[
            T("In 2017 the banner received ", "2017 年全旗接待游客"), Q("tourists_2017"),
            T(" and earned ", "，实现旅游综合收入"), Q("tourism_income_2017"),
            T(" in comprehensive tourism income, or ", "，折合"), Q("tourism_income_per_visit"), T(".", "。"),
        ])],
        "guards" => vec![
            s(&[Q("forest_guards"), T(" registered poor residents were hired as forest guards at ", "建档立卡贫困人口受聘为生态护林员，每人年薪"), Q("guard_salary"), T(", a payroll of ", "，年工资总额"), Q("guard_payroll_per_year"), T(".", "。")]),
            s(&[T("The text does not say since when; if all were paid through 2014–2017 the total would be ", "原文未说明聘用起始时间；若 2014–2017 年每年发放，合计为"), Q("guard_payroll_over_subsidy_period"), T(".", "。")]),
        ],
        _ => Vec::new(),
    };
    list.into_iter().flatten().collect()
}

/// The case in three sentences, for the overview.
pub fn overview(model: &Model, lang: Lang) -> Vec<Sentence> {
    ["land", "incomes", "guards"]
        .iter()
        .filter_map(|k| sentences(model, k, lang).into_iter().next())
        .collect()
}
