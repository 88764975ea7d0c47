use super::badges::status_text;
use super::figure_link::FigureLink;
use super::paged::Paged;
use super::AppHandle;
use crate::i18n::tr;
use crate::model::checks_text::{side_text, slip_text};
use crate::model::{Lang, Rule};
use crate::numfmt;
use std::ops::Range;
use yew::prelude::*;

fn rule_name(rule: &Rule, lang: Lang) -> &'static str {
    match (rule, lang) {
        (Rule::SumEquals { .. }, Lang::En) => "parts add up to the total",
        (Rule::SumEquals { .. }, Lang::Zh) => "分项之和等于合计",
        (Rule::FitsWithin { .. }, Lang::En) => "an area fits inside another",
        (Rule::FitsWithin { .. }, Lang::Zh) => "面积不超过所属面积",
        (Rule::PartOf { .. }, Lang::En) => "a part is no larger than its whole",
        (Rule::PartOf { .. }, Lang::Zh) => "部分不大于整体",
        (Rule::RatioMatches { .. }, Lang::En) => "a ratio matches the stated rate",
        (Rule::RatioMatches { .. }, Lang::Zh) => "比值与所述比率相符",
        (Rule::Equal { .. }, Lang::En) => "two statements agree",
        (Rule::Equal { .. }, Lang::Zh) => "两处表述一致",
    }
}

fn links(ids: &[String]) -> Html {
    html! { <>{ for ids.iter().map(|id| html! { <FigureLink id={id.clone()} class="chip" /> }) }</> }
}

/// Every consistency finding, worst first, with the numbers on each side; a page at a time.
#[function_component(Quality)]
pub fn quality() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let lang = app.view.lang;
    let t = tr(lang);
    let style = app.view.number_style;
    let total = app.model.findings.len();
    let model = app.model.clone();
    let list = Callback::from(move |r: Range<usize>| {
        let model = &model;
        let num = |v: f64| numfmt::number(v, lang, Some(6), style);
        let items = model.findings[r].iter().map(|f| {
        html! {
            <li class={classes!("finding-card", format!("status-{}", f.status.code()))} data-relation={f.relation.clone()}>
                <h3><span class={classes!("badge", format!("status-{}", f.status.code()))}>{status_text(f.status, lang)}</span>{" "}{f.label.get(lang)}</h3>
                <p class="muted">{t.rule}{": "}{rule_name(&f.rule, lang)}{format!(" · {} {}%", t.tolerance, numfmt::number(f.tolerance_pct, lang, Some(3), style))}</p>
                <dl>
                    <dt>{t.left_side}</dt><dd>{links(&f.left.ids)}<div>{side_text(model, &f.left, lang, &num)}</div></dd>
                    <dt>{t.right_side}</dt><dd>{links(&f.right.ids)}<div>{side_text(model, &f.right, lang, &num)}</div></dd>
                    if f.gap > 0.0 {
                        <dt>{t.gap}</dt>
                        <dd class="gap">{format!("{} {} ({}%)", num(f.gap), f.left.unit.symbol(lang), numfmt::number(f.gap_pct, lang, Some(3), style))}</dd>
                    }
                </dl>
                if !f.slips.is_empty() {
                    <p>{t.slip_explains}{":"}</p>
                    <ul class="slips">{ for f.slips.iter().take(3).map(|s| html! { <li>{slip_text(model, s, lang, &num)}</li> }) }</ul>
                }
                if let Some(n) = &f.note { <p class="muted">{n.get(lang)}</p> }
            </li>
        }
    });
        html! { <ol class="findings-list">{ for items }</ol> }
    });
    html! {
        <section aria-labelledby="quality-title">
            <h2 id="quality-title">{t.view_quality}</h2>
            <p class="intro">{t.quality_intro}</p>
            <Paged id="findings" {total} render={list} {lang} page={20} />
        </section>
    }
}
