//! What-if scenarios. "Who protects, who benefits": a forest-guard payroll from a number of
//! guards, an annual pay and a number of years, set against what the case study reports. And
//! "subsidy per hectare": the subsidies spread over each of the areas the text gives.

use super::units::Lang;
use super::{Model, Origin};

/// Inputs of the guard payroll scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuardInputs {
    pub guards: f64,
    /// Yuan per guard per year.
    pub pay: f64,
    pub years: f64,
}

/// Accepted ranges: wide enough for any banner, narrow enough to catch a slip of the keyboard.
pub const MAX_GUARDS: f64 = 100_000.0;
pub const MAX_PAY: f64 = 1_000_000.0;
pub const MAX_YEARS: f64 = 50.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputField {
    Guards,
    Pay,
    Years,
}

impl InputField {
    pub fn code(self) -> &'static str {
        match self {
            InputField::Guards => "guards",
            InputField::Pay => "pay",
            InputField::Years => "years",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub field: InputField,
    pub message_en: String,
    pub message_zh: String,
}

impl InputError {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::Zh => &self.message_zh,
        }
    }
}

impl GuardInputs {
    /// The reported values: 310 guards, 10,000 yuan a year, over the 2014–2017 subsidy period.
    /// `None` when the dataset lacks one of them: no number is made up for it.
    pub fn reported(model: &Model) -> Option<GuardInputs> {
        let [guards, pay, years] = Self::reported_each(model);
        Some(GuardInputs {
            guards: guards?,
            pay: pay?,
            years: years?,
        })
    }

    /// Each reported input on its own (guards, pay, years), where the dataset has it.
    pub fn reported_each(model: &Model) -> [Option<f64>; 3] {
        ["forest_guards", "guard_salary", "subsidy_years"]
            .map(|id| model.quantity(id).map(|q| q.value.central()))
    }

    /// Parse and range-check raw text from the inputs; every problem is reported.
    pub fn parse(guards: &str, pay: &str, years: &str) -> Result<GuardInputs, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut read = |field: InputField, text: &str, max: f64, whole: bool| -> f64 {
            let t = text.trim().replace([',', '，', ' '], "");
            // serde_json's number reader: core's f64 parser would add its large tables to the wasm.
            let number = if t.is_empty() {
                Err(())
            } else {
                serde_json::from_str::<f64>(&t).map_err(|_| ())
            };
            let (en, zh) = match number {
                Err(_) => (
                    format!("“{}” is not a number", text.trim()),
                    format!("“{}”不是数字", text.trim()),
                ),
                Ok(v) if !v.is_finite() => (
                    "must be a finite number".to_string(),
                    "必须是有限数值".to_string(),
                ),
                Ok(v) if v < 0.0 => ("cannot be negative".to_string(), "不能为负数".to_string()),
                Ok(v) if v > max => (
                    format!("must be at most {}", super::format::plain_number(max, 0)),
                    format!("不能超过 {}", super::format::plain_number(max, 0)),
                ),
                Ok(v) if whole && v.fract() != 0.0 => (
                    "must be a whole number".to_string(),
                    "必须是整数".to_string(),
                ),
                Ok(v) => return v,
            };
            errors.push(InputError {
                field,
                message_en: en,
                message_zh: zh,
            });
            0.0
        };
        let g = read(InputField::Guards, guards, MAX_GUARDS, true);
        let p = read(InputField::Pay, pay, MAX_PAY, false);
        let y = read(InputField::Years, years, MAX_YEARS, false);
        if errors.is_empty() {
            Ok(GuardInputs {
                guards: g,
                pay: p,
                years: y,
            })
        } else {
            Err(errors)
        }
    }
}

/// One comparison of the scenario's total with a reported amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The figure or derived metric compared with.
    pub id: String,
    /// That amount in yuan (central value).
    pub amount: f64,
    /// Scenario total as a percentage of it.
    pub pct: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GuardResult {
    pub per_year: f64,
    pub total: f64,
    pub comparisons: Vec<Comparison>,
}

/// Amounts the payroll is set against, if the dataset has them.
const COMPARE_WITH: &[&str] = &[
    "income_gain_poor",
    "income_gain_all",
    "subsidy_total",
    "subsidy_parts_sum",
];

pub fn guard_payroll(model: &Model, i: GuardInputs) -> GuardResult {
    let per_year = i.guards * i.pay;
    let total = per_year * i.years;
    let comparisons = COMPARE_WITH
        .iter()
        .filter_map(|id| {
            let q = model.quantity(id)?;
            let amount = q.base().central();
            (amount > 0.0).then(|| Comparison {
                id: id.to_string(),
                amount,
                pct: total / amount * 100.0,
            })
        })
        .collect();
    GuardResult {
        per_year,
        total,
        comparisons,
    }
}

/// The assumptions the payroll scenario rests on, in words; the period and the flagged total
/// come from the dataset, so another case gets its own.
pub fn guard_assumptions(model: &Model, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = vec![if zh {
        "假定每名护林员在期内每年都领取全额年薪。"
    } else {
        "Every guard is paid the full annual salary in every year of the period."
    }
    .to_string()];
    let period = model
        .quantity("subsidy_total")
        .and_then(|q| q.period.as_ref());
    let years = model.quantity("subsidy_years").map(|q| q.value.central());
    out.push(match (period, years) {
        (Some(p), Some(y)) => {
            let p = super::format::period_text(Some(p), lang);
            let y = super::format::plain_number(y, 2);
            if zh {
                format!("原文未说明护林员何时受聘；默认年数取补贴期（{p}，{y} 年）。")
            } else {
                format!("The text does not say when the guards were hired; the default number of years is the subsidy period ({p}, {y} years).")
            }
        }
        _ => if zh {
            "该数据集没有补贴期，年数需自行输入。"
        } else {
            "This dataset gives no subsidy period: enter the number of years."
        }
        .to_string(),
    });
    out.push(
        if zh {
            "工资为名义人民币，未按通胀调整。"
        } else {
            "Salaries are nominal yuan, not adjusted for inflation."
        }
        .to_string(),
    );
    if model.status_of("subsidy_total") == Some(super::Status::Contradicts) {
        out.push(if zh {
            "对比金额均按原文；原文补贴合计与其分项矛盾（见一致性检查）。"
        } else {
            "The comparison amounts are as printed; the stated subsidy total is contradicted by its own parts (see the checks)."
        }
        .to_string());
    }
    out
}

/// Subsidies over one reading of the area they could be spread over.
#[derive(Debug, Clone, PartialEq)]
pub struct PerHectare {
    pub subsidy_id: String,
    pub area_id: String,
    /// Multiplier applied to the printed area (1, or 1/15 when read as mu).
    pub area_factor: f64,
    pub yuan_per_ha_per_year: f64,
}

/// Every combination of subsidy amount and area reading, per hectare and year.
pub fn subsidy_per_hectare(model: &Model) -> Vec<PerHectare> {
    // Without the period's length there is no "per year": nothing is assumed in its place.
    let Some(years) = model
        .quantity("subsidy_years")
        .map(|q| q.value.central())
        .filter(|y| *y > 0.0)
    else {
        return Vec::new();
    };
    let subsidies = ["subsidy_total", "subsidy_parts_sum"];
    let mut areas: Vec<(&str, f64)> = [
        "desert_treated_area",
        "forestry_land_area",
        "forest_land_area",
        "banner_area",
    ]
    .into_iter()
    .map(|a| (a, 1.0))
    .collect();
    // The forest land figure read as mu, the slip the checks point at.
    areas.insert(3, ("forest_land_area", 1.0 / 15.0));
    let mut out = Vec::new();
    for s in subsidies {
        let Some(sq) = model.quantity(s) else {
            continue;
        };
        for (a, factor) in &areas {
            let Some(aq) = model.quantity(a) else {
                continue;
            };
            if !aq.unit.is_area() || aq.origin == Origin::Derived {
                continue;
            }
            let ha = aq.base().central() * factor;
            if ha > 0.0 {
                out.push(PerHectare {
                    subsidy_id: s.to_string(),
                    area_id: a.to_string(),
                    area_factor: *factor,
                    yuan_per_ha_per_year: sq.base().central() / ha / years,
                });
            }
        }
    }
    out
}
