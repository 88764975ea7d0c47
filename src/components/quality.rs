use super::badges::{range_text, status_text};
use super::browser;
use super::figure_link::FigureLink;
use super::localized;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::{tr, Strings};
use crate::model::checks_text::{side_text, slip_name, slip_text};
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

/// A check's gap in words: "200 ha (20%)"; between shares, in percentage points.
pub fn gap_text(
    gap: f64,
    gap_pct: f64,
    unit: &Unit,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
) -> String {
    let t = tr(lang);
    // A gap beyond the numbers (an input near the largest float) is said in words, not "∞".
    if !gap.is_finite() {
        t.gap_overflow.to_string()
    } else if unit.is_percent() {
        // A gap between two shares is in percentage points; a percentage of it would read
        // as "192.725 % (193%)".
        let points = Unit::parse("pp").map_or_else(|| unit.symbol(lang), |u| u.symbol(lang));
        format!("{} {points}", num(gap))
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
    }
}

/// The gap row of a check that misses.
fn gap_row(gap: f64, gap_pct: f64, unit: &Unit, lang: Lang, num: &dyn Fn(f64) -> String) -> Html {
    if gap <= 0.0 {
        return html! {};
    }
    html! {
        <>
            <dt>{tr(lang).gap}</dt>
            <dd class="gap">{gap_text(gap, gap_pct, unit, lang, num)}</dd>
        </>
    }
}

/// What a card's link to a slip does besides going to its anchor (`slip-N` in the quality
/// view's list): the view grows its list, a page at a time, to the slip's place (from 0).
/// `None` where there is no list of slips to link to (the figure's detail, over any view): the
/// slips are named without a link.
pub type RevealSlip = Option<Callback<usize>>;

/// Up to three slips that would mend a check, after `intro`, each a link to its sentence in
/// the list of slips at the top of the view (a slip often explains several checks: it is
/// stated once); the check's own note.
fn slips_and_note(
    model: &Model,
    reveal: &RevealSlip,
    intro: &str,
    slips: &[Slip],
    note: Option<&Text>,
    lang: Lang,
) -> Html {
    let short = |s: &Slip| {
        let label = model
            .quantity(&s.figure)
            .map_or(s.figure.as_str(), |q| q.label.get(lang));
        format!("{label}{}{}", tr(lang).colon, slip_name(s.kind, lang))
    };
    html! {
        <>
            if !slips.is_empty() {
                <p>{intro}{tr(lang).colon.trim_end()}</p>
                <ul class="slips">{ for slips.iter().take(3).map(|s| html! {
                    <li>{ match (reveal, model.slips.place(s)) {
                        (Some(reveal), Some(i)) => {
                            let onclick = reveal.reform(move |_: MouseEvent| i);
                            html! { <a href={format!("#slip-{}", i + 1)} {onclick}>{short(s)}</a> }
                        }
                        (None, _) | (_, None) => html! { {short(s)} },
                    } }</li>
                }) }</ul>
            }
            if let Some(n) = note { <p class="muted">{n.get(lang)}</p> }
        </>
    }
}

fn finding_card(
    model: &Model,
    reveal: &RevealSlip,
    f: &Finding,
    lang: Lang,
    num: &dyn Fn(f64) -> String,
    on_select: &Callback<String>,
) -> Html {
    let t = tr(lang);
    let pct = |v: f64| numfmt::number(v, lang, Some(3), Default::default());
    html! {
        <li class={classes!("finding-card", format!("status-{}", f.status.code()))} id={format!("check-{}", f.relation)} data-relation={f.relation.clone()}>
            <h4><span class={classes!("badge", format!("status-{}", f.status.code()))}>{status_text(f.status, lang)}</span>{" "}{localized::text(&f.label, lang)}</h4>
            <p class="muted">{t.rule}{t.colon}{rule_name(&f.rule, t)}{format!(" · {} {}{}%", t.tolerance, pct(f.tolerance_pct), lang.rules().percent_space)}</p>
            <dl>
                <dt>{t.left_side}</dt><dd>{links(&f.left.ids, on_select)}<div>{side_text(model, &f.left, lang, num)}</div></dd>
                <dt>{t.right_side}</dt><dd>{links(&f.right.ids, on_select)}<div>{side_text(model, &f.right, lang, num)}</div></dd>
                { gap_row(f.gap, f.gap_pct, &f.left.unit, lang, num) }
            </dl>
            { slips_and_note(model, reveal, t.slip_explains, &f.slips, f.note.as_ref(), lang) }
        </li>
    }
}

pub fn reference_card(
    model: &Model,
    reveal: &RevealSlip,
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
        <li class={classes!("finding-card", "reference-card", format!("range-{code}"))} id={format!("check-{}", r.relation)} data-relation={r.relation.clone()}>
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
            { slips_and_note(model, reveal, t.slip_brings_inside, &r.slips, r.note.as_ref(), lang) }
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
        <li class="finding-card tension-card" id={format!("check-{}", x.relation)} data-relation={x.relation.clone()}>
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
    // A card's link to a slip the paged list has not shown yet: the list grows to it, then the
    // slip takes the focus (which scrolls it into view). A slip already shown is focused by the
    // link's own navigation to its anchor.
    let wanted = use_state(|| 0usize);
    use_effect_with(*wanted, |&n| {
        if n > 0 {
            browser::focus_id(&format!("slip-{n}"));
        }
    });
    let reveal: RevealSlip = {
        let wanted = wanted.clone();
        Some(Callback::from(move |i: usize| wanted.set(i + 1)))
    };
    let problems: Vec<usize> = (0..model.findings.len())
        .filter(|&i| model.findings[i].status != Status::Holds)
        .collect();
    let holds: Vec<usize> = (0..model.findings.len())
        .filter(|&i| model.findings[i].status == Status::Holds)
        .collect();
    let empty = |n: usize| (n == 0).then(|| html! { <p class="muted">{t.group_empty}</p> });
    // Each group a page at a time: a crafted dataset may hold thousands of checks.
    let findings = |picked: Vec<usize>| {
        let (model, reveal, on_select) = (model.clone(), reveal.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="findings-list">{ for picked[r].iter().map(|&i| finding_card(&model, &reveal, &model.findings[i], lang, &num, &on_select)) }</ol> }
        })
    };
    let (n_problems, n_holds) = (problems.len(), holds.len());
    let (problems, holds) = (findings(problems), findings(holds));
    let references = {
        let (model, reveal, on_select) = (model.clone(), reveal.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="references-list">{ for model.references[r].iter().map(|x| reference_card(&model, &reveal, x, lang, &num, &on_select)) }</ol> }
        })
    };
    let tensions = {
        let (model, on_select) = (model.clone(), p.on_select.clone());
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            html! { <ol class="tensions-list">{ for model.tensions[r].iter().map(|x| tension_card(&model, x, lang, &num, &on_select)) }</ol> }
        })
    };
    // The slips a page at a time too: a large case has thousands.
    let n_slips = model.slips.slips().len();
    let slip_list = {
        let model = model.clone();
        Callback::from(move |r: Range<usize>| {
            let num = |v: f64| numfmt::number(v, lang, Some(6), style);
            let start = r.start;
            // Keyed: the list grows under a slip that has the focus, and an unkeyed list would
            // patch that element into another slip (its id and text) as it grows.
            html! {
                <ol class="slips" start={(start + 1).to_string()}>{ for model.slips.slips()[r].iter().enumerate().map(|(i, s)| html! {
                    <li key={start + i} id={format!("slip-{}", start + i + 1)} tabindex="-1">{slip_text(&model, s, lang, &num)}</li>
                }) }</ol>
            }
        })
    };
    let groups = [
        ("problems", t.group_problems, None, n_problems, problems),
        (
            "references",
            t.group_references,
            Some(t.references_intro),
            model.references.len(),
            references,
        ),
        (
            "tensions",
            t.group_tensions,
            Some(t.tensions_intro),
            model.tensions.len(),
            tensions,
        ),
        ("holds", t.group_holds, None, n_holds, holds),
    ];
    // One group open, the first that has something; the others folded to their title and count.
    let open = groups.iter().position(|g| g.3 > 0).unwrap_or(0);
    html! {
        <section aria-labelledby="quality-title">
            <h2 id="quality-title">{t.view_quality}</h2>
            <p class="intro">{t.quality_intro}</p>
            if n_slips > 0 {
                <section class="quality-slips" id="slips" aria-labelledby="slips-title">
                    <h3 id="slips-title">{t.slips_title}</h3>
                    <p class="intro">{t.slips_intro}</p>
                    <Paged id="slips-list" total={n_slips} render={slip_list} {lang} at_least={*wanted} />
                </section>
            }
            { for groups.into_iter().enumerate().map(|(i, (key, title, intro, n, render))| {
                let title_id = format!("group-{key}-title");
                html! {
                    <details class="quality-group" id={format!("group-{key}")} open={i == open}>
                        <summary><h3 id={title_id}>{title}<span class="count">{format!(" ({})", numfmt::number(n as f64, lang, None, Default::default()))}</span></h3></summary>
                        if let Some(intro) = intro { <p class="intro">{intro}</p> }
                        { for empty(n) }
                        <Paged id={format!("findings-{key}")} total={n} {render} {lang} page={20} />
                    </details>
                }
            }) }
        </section>
    }
}
