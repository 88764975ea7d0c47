use super::badges::{range_text, status_text};
use super::figure_link::FigureLink;
use super::localized;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::{tr, Strings};
use crate::model::checks_text::{side_text, slip_text};
use crate::model::format::{period_text, shape_text};
use crate::model::{
    Finding, Lang, Model, ReferenceFinding, Rule, Slip, Status, TensionFinding, Text, Unit,
};
use crate::numfmt;
use std::ops::Range;
use yew::prelude::*;

/// What a relation's rule checks, in words.
fn rule_name(rule: &Rule, t: &Strings) -> &'static str {
    match rule {
        Rule::SumEquals { .. } => t.rule_sum_equals,
        Rule::FitsWithin { .. } => t.rule_fits_within,
        Rule::PartOf { .. } => t.rule_part_of,
        Rule::RatioMatches { .. } => t.rule_ratio_matches,
        Rule::Equal { .. } => t.rule_equal,
        Rule::ReferenceRange { .. } => t.rule_reference_range,
        Rule::Tension { .. } => t.rule_tension,
    }
}

fn links(ids: &[String], on_select: &Callback<String>) -> Html {
    html! { <>{ for ids.iter().map(|id| html! { <FigureLink id={id.clone()} class="chip" on_select={on_select.clone()} /> }) }</> }
}

/// A link to a published source, only for web addresses; anything else stays text.
fn source_link(url: &str) -> Html {
    if url.starts_with("https://") || url.starts_with("http://") {
        html! { <a href={url.to_string()} rel="noopener noreferrer" target="_blank">{url.to_string()}</a> }
    } else {
        html! { <span>{url.to_string()}</span> }
    }
}

/// "1.38 m³ per ha".
fn value_text(
    v: &crate::model::Estimate,
    unit: &crate::model::Unit,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
) -> String {
    format!("{} {}", shape_text(v.shape(), lang, num), unit.symbol(lang))
}

/// "10–95 m³ per ha (2014–2018)".
fn range_value(r: &ReferenceFinding, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let period = r
        .reference
        .period
        .as_ref()
        .map(|p| format!(" ({})", period_text(Some(p), lang)))
        .unwrap_or_default();
    format!(
        "{}–{} {}{period}",
        num(r.reference.low),
        num(r.reference.high),
        r.unit.symbol(lang)
    )
}

/// "9.82×", "more than 2.1×".
fn ratio_text(t: &TensionFinding, s: &Strings, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    match t.ratio {
        Some(_) if t.overflows() => s.ratio_overflow.to_string(),
        Some(r) => format!("{}×", shape_text(r.shape(), lang, num)),
        None => s.ratio_unknown.to_string(),
    }
}

/// The gap row of a check that misses: "200 ha (20%)".
fn gap_row(gap: f64, gap_pct: f64, unit: &Unit, lang: Lang, num: &dyn Fn(f64) -> String) -> Html {
    if gap <= 0.0 {
        return html! {};
    }
    let t = tr(lang);
    // A gap beyond the numbers (an input near the largest float) is said in words, not "∞".
    let text = if !gap.is_finite() {
        t.gap_overflow.to_string()
    } else if !gap_pct.is_finite() {
        format!("{} {}", num(gap), unit.symbol(lang))
    } else {
        let pct = numfmt::number(gap_pct, lang, Some(3), Default::default());
        format!(
            "{} {} ({pct}{}%)",
            num(gap),
            unit.symbol(lang),
            lang.rules().percent_space
        )
    };
    html! {
        <>
            <dt>{t.gap}</dt>
            <dd class="gap">{text}</dd>
        </>
    }
}

/// Up to three slips that would mend a check, after `intro`; the check's own note.
fn slips_and_note(
    model: &Model,
    intro: &str,
    slips: &[Slip],
    note: Option<&Text>,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
) -> Html {
    html! {
        <>
            if !slips.is_empty() {
                <p>{intro}{tr(lang).colon.trim_end()}</p>
                <ul class="slips">{ for slips.iter().take(3).map(|s| html! { <li>{slip_text(model, s, lang, num)}</li> }) }</ul>
            }
            if let Some(n) = note { <p class="muted">{n.get(lang)}</p> }
        </>
    }
}

fn finding_card(
    model: &Model,
    f: &Finding,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
    on_select: &Callback<String>,
) -> Html {
    let t = tr(lang);
    let pct = |v: f64| numfmt::number(v, lang, Some(3), Default::default());
    html! {
        <li class={classes!("finding-card", format!("status-{}", f.status.code()))} data-relation={f.relation.clone()}>
            <h4><span class={classes!("badge", format!("status-{}", f.status.code()))}>{status_text(f.status, lang)}</span>{" "}{localized::text(&f.label, lang)}</h4>
            <p class="muted">{t.rule}{t.colon}{rule_name(&f.rule, t)}{format!(" · {} {}{}%", t.tolerance, pct(f.tolerance_pct), lang.rules().percent_space)}</p>
            <dl>
                <dt>{t.left_side}</dt><dd>{links(&f.left.ids, on_select)}<div>{side_text(model, &f.left, lang, num)}</div></dd>
                <dt>{t.right_side}</dt><dd>{links(&f.right.ids, on_select)}<div>{side_text(model, &f.right, lang, num)}</div></dd>
                { gap_row(f.gap, f.gap_pct, &f.left.unit, lang, num) }
            </dl>
            { slips_and_note(model, t.slip_explains, &f.slips, f.note.as_ref(), lang, num) }
        </li>
    }
}

pub fn reference_card(
    model: &Model,
    r: &ReferenceFinding,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
    on_select: &Callback<String>,
) -> Html {
    let t = tr(lang);
    let code = r.verdict.code();
    let subject = model
        .quantity(&r.subject)
        .map_or(r.subject.as_str(), |q| q.label.get(lang));
    let src = &r.reference.source;
    html! {
        <li class={classes!("finding-card", "reference-card", format!("range-{code}"))} data-relation={r.relation.clone()}>
            <h4><span class={classes!("badge", format!("range-{code}"))}>{range_text(r.verdict, lang)}</span>{" "}{r.label.get(lang)}</h4>
            <dl>
                <dt>{t.this_case}</dt>
                <dd><FigureLink id={r.subject.clone()} class="chip" on_select={on_select.clone()} /><div class="computed">{format!("{subject}: {}", value_text(&r.value, &r.unit, lang, num))}</div></dd>
                <dt>{t.reference_range}</dt><dd class="range">{range_value(r, lang, num)}</dd>
                { gap_row(r.gap, r.gap_pct, &r.unit, lang, num) }
                <dt>{t.source}</dt>
                <dd class="ref-source"><cite>{src.name.clone()}</cite>{format!(", {}, {} · {}", src.publisher, src.year, src.locator)}
                    if let Some(u) = &src.url { <div class="url">{source_link(u)}</div> }
                </dd>
                <dt>{t.reference_published}</dt><dd class="published">{src.published.clone()}</dd>
                <dt>{t.reference_why}</dt><dd class="muted">{r.reference.note.get(lang)}</dd>
            </dl>
            { slips_and_note(model, t.slip_brings_inside, &r.slips, r.note.as_ref(), lang, num) }
        </li>
    }
}

pub fn tension_card(
    model: &Model,
    x: &TensionFinding,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
    on_select: &Callback<String>,
) -> Html {
    let t = tr(lang);
    let side = |id: &str| {
        model.quantity(id).map_or(String::new(), |q| {
            format!(
                "{}: {}",
                q.label.get(lang),
                value_text(&q.value, &q.unit, lang, num)
            )
        })
    };
    html! {
        <li class="finding-card tension-card" data-relation={x.relation.clone()}>
            <h4>{localized::text(&x.label, lang)}</h4>
            <p class="ratio"><span class="sr-only">{t.ratio}{t.colon}</span><strong>{ratio_text(x, t, lang, num)}</strong></p>
            <p class="meaning">{localized::text(&x.meaning, lang)}</p>
            <dl>
                <dt>{t.formula}</dt>
                <dd class="formula"><FigureLink id={x.numerator.clone()} class="chip" on_select={on_select.clone()} />{" ÷ "}<FigureLink id={x.denominator.clone()} class="chip" on_select={on_select.clone()} /></dd>
                <dt>{t.inputs}</dt>
                <dd><ul class="plain"><li>{side(&x.numerator)}</li><li>{side(&x.denominator)}</li></ul></dd>
            </dl>
            if let Some(n) = &x.note { <p class="muted">{n.get(lang)}</p> }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct QualityProps {
    pub on_select: Callback<String>,
}

/// Every check, in four groups: where the figures disagree (worst first), against published
/// references (outside first), tensions, and what holds.
#[function_component(Quality)]
pub fn quality(p: &QualityProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let t = tr(lang);
    let style = app.number_style;
    let model = app.model.clone();
    let problems: Vec<usize> = (0..model.findings.len())
        .filter(|&i| model.findings[i].status != Status::Holds)
        .collect();
    let holds: Vec<usize> = (0..model.findings.len())
        .filter(|&i| model.findings[i].status == Status::Holds)
        .collect();
    let empty = |n: usize| (n == 0).then(|| html! { <p class="muted">{t.group_empty}</p> });
    // Each group a page at a time: a crafted dataset may hold thousands of checks.
    let findings = |picked: Vec<usize>| {
        let (model, on_select) = (model.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="findings-list">{ for picked[r].iter().map(|&i| finding_card(&model, &model.findings[i], lang, &num, &on_select)) }</ol> }
        })
    };
    let (n_problems, n_holds) = (problems.len(), holds.len());
    let (problems, holds) = (findings(problems), findings(holds));
    let references = {
        let (model, on_select) = (model.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="references-list">{ for model.references[r].iter().map(|x| reference_card(&model, x, lang, &num, &on_select)) }</ol> }
        })
    };
    let tensions = {
        let (model, on_select) = (model.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="tensions-list">{ for model.tensions[r].iter().map(|x| tension_card(&model, x, lang, &num, &on_select)) }</ol> }
        })
    };
    html! {
        <section aria-labelledby="quality-title">
            <h2 id="quality-title">{t.view_quality}</h2>
            <p class="intro">{t.quality_intro}</p>
            <section class="quality-group" id="group-problems" aria-labelledby="group-problems-title">
                <h3 id="group-problems-title">{t.group_problems}</h3>
                { for empty(n_problems) }
                <Paged id="findings-problems" total={n_problems} render={problems} {lang} page={20} />
            </section>
            <section class="quality-group" id="group-references" aria-labelledby="group-references-title">
                <h3 id="group-references-title">{t.group_references}</h3>
                <p class="intro">{t.references_intro}</p>
                { for empty(model.references.len()) }
                <Paged id="findings-references" total={model.references.len()} render={references} {lang} page={20} />
            </section>
            <section class="quality-group" id="group-tensions" aria-labelledby="group-tensions-title">
                <h3 id="group-tensions-title">{t.group_tensions}</h3>
                <p class="intro">{t.tensions_intro}</p>
                { for empty(model.tensions.len()) }
                <Paged id="findings-tensions" total={model.tensions.len()} render={tensions} {lang} page={20} />
            </section>
            <section class="quality-group" id="group-holds" aria-labelledby="group-holds-title">
                <h3 id="group-holds-title">{t.group_holds}</h3>
                { for empty(n_holds) }
                <Paged id="findings-holds" total={n_holds} render={holds} {lang} page={20} />
            </section>
        </section>
    }
}
