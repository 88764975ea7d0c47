use super::badges::{status_text, KindBadge, StatusBadge};
use super::browser;
use super::figure_link::FigureLink;
use super::localized;
use super::quality::{gap_text, reference_card, tension_card};
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::checks_text::{side_text, slip_text};
use crate::model::display::{show, NumberStyle, Shown, FULL_DIGITS};
use crate::model::format::{period_text, qualifier_text};
use crate::model::{Lang, RateRule};
use crate::numfmt;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureDetailProps {
    /// The figure or derived metric shown.
    pub selected: AttrValue,
    pub on_select: Callback<String>,
    pub on_close: Callback<()>,
}

/// Everything known about one figure or derived metric.
#[function_component(FigureDetail)]
pub fn figure_detail(p: &FigureDetailProps) -> Html {
    let app = use_app();
    // The element that opened the detail (a card, a link, a chart) gets the focus back when it
    // closes: the reader is where they were, and the page did not scroll (the detail lies over
    // it).
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let opener = opener.clone();
        use_effect_with((), move |_| {
            *opener.borrow_mut() = browser::active_element();
            move || {
                if let Some(el) = opener.borrow_mut().take() {
                    browser::focus_without_scroll(&el);
                }
            }
        });
    }
    use_effect_with(p.selected.clone(), |_| browser::focus_id("detail-title"));
    // Below the header while it is on screen: the tab bar stays usable with the detail open.
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with((), move |_| {
            let place = move || {
                if let Some(el) = panel.cast::<web_sys::HtmlElement>() {
                    browser::place_below_header(&el);
                }
            };
            place();
            let listeners = browser::window().map(|w| {
                let (a, b) = (place.clone(), place);
                [
                    gloo::events::EventListener::new(&w, "scroll", move |_| a()),
                    gloo::events::EventListener::new(&w, "resize", move |_| b()),
                ]
            });
            move || drop(listeners)
        });
    }
    let model = &app.model;
    let v = &app;
    let lang = v.lang;
    let t = tr(lang);
    let Some(q) = model.quantity(&p.selected) else {
        return html! {};
    };
    let s = show(model, q, v.units, lang);
    let on_select = &p.on_select;
    let close = p.on_close.reform(|_| ());
    let onkeydown = {
        let close = p.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    let rate = s.rate.as_ref().map(|r| {
        let rule = match r.rule {
            RateRule::SameYear => t.rate_same_year,
            RateRule::MeanOfYears => t.rate_mean,
            RateRule::Latest => t.rate_latest,
            RateRule::Nearest => t.rate_nearest,
        };
        let years: Vec<String> = r.years.iter().map(|y| y.to_string()).collect();
        let per = crate::model::Unit::parse(&format!("{}/{}", r.pair.0, r.pair.1))
            .map_or(String::new(), |u| u.symbol(lang));
        html! { <p class="rate">{format!("{}: {} {} ({}; {})", t.rate_used, numfmt::number(r.value, lang, Some(5), Default::default()), per, rule, years.join(", "))}</p> }
    });
    let figure = model.figure(&q.id);
    let derived = model.derived(&q.id);
    let paragraph = model.paragraph_of(&q.id).and_then(|n| model.paragraph(n));
    let source = figure.map(|f| {
        html! {
            <>
                // Once: the value as printed, and under it the words of the text that print it.
                <dt>{t.as_reported}</dt>
                <dd class="as-printed">{as_printed(model, f, lang)}
                    if let Some(qt) = &f.source.quote { <div class="quote"><q>{qt.clone()}</q></div> }
                </dd>
                <dt>{t.team_note}</dt><dd>{localized::text(&f.source.note, lang)}</dd>
                if let Some(ext) = &f.source.external { <dt>{t.external_source}</dt><dd>{ext.clone()}</dd> }
                if let Some(r) = &f.repeats { <dt>{t.repeats}</dt><dd><FigureLink id={r.to_string()} on_select={on_select.clone()} /></dd> }
            </>
        }
    });
    let formula = derived.map(|d| {
        html! {
            <>
                <dt>{t.formula}</dt><dd>{d.formula.get(lang)}{" — "}<code>{d.symbols.clone()}</code></dd>
                <dt>{t.inputs}</dt>
                <dd><ul class="plain">{ for d.inputs.iter().map(|i| html! { <li><FigureLink id={i.to_string()} on_select={on_select.clone()} /></li> }) }</ul></dd>
                if let Some(n) = &d.note { <dt>{t.notes}</dt><dd>{n.get(lang)}</dd> }
            </>
        }
    });
    // What it measures, named for comparing cases.
    let concept = figure
        .and_then(|f| f.concept.as_deref())
        .or_else(|| derived.and_then(|d| d.concept.as_deref()))
        .and_then(crate::model::concepts::find)
        .map(|c| {
            html! {
                <>
                    <dt>{t.measures_concept}</dt>
                    <dd class="concept" data-concept={c.code}>{c.name(lang.code())}</dd>
                </>
            }
        });
    let used_by = model.derived_using(&q.id);
    let findings = model.findings_for(&q.id);
    let references = model.references_for(&q.id);
    let tensions = model.tensions_for(&q.id);
    let digits = |v: f64| numfmt::number(v, lang, Some(6), app.number_style);
    let full = Shown {
        digits: s.digits.map(|d| d.max(FULL_DIGITS)),
        ..s.clone()
    };
    html! {
        <aside class="detail" ref={panel} aria-labelledby="detail-title" {onkeydown}>
            <div class="detail-head">
                <h2 id="detail-title" tabindex="-1">{localized::marked(&q.label, lang)}</h2>
                <button type="button" class="close" onclick={close} aria-label={t.close}>{"×"}</button>
            </div>
            <p class="detail-value">{numfmt::shown_html(&s, lang, v.number_style)}</p>
            // Cards and tables round a derived value and scale words stand for digits: the
            // detail writes the value in full too.
            if numfmt::shown(&s, lang, v.number_style) != numfmt::shown(&full, lang, NumberStyle::Full) {
                <p class="detail-full">{t.number_full}{t.colon}{numfmt::shown_html(&full, lang, NumberStyle::Full)}</p>
            }
            <p><KindBadge origin={q.origin} lang={lang} />{" "}<StatusBadge status={model.status_of(&q.id)} lang={lang} />{" "}{period_text(q.period.as_ref(), lang)}</p>
            { for rate }
            <dl>
                { for source }
                { for formula }
                { for concept }
                if let Some(p) = paragraph {
                    <dt>{t.source}</dt>
                    <dd>{format!("{} {} — {}: ", t.paragraph_long, p.n, p.title.get(lang))}{localized::text(&p.summary, lang)}</dd>
                }
            </dl>
            if !used_by.is_empty() {
                <h3>{t.used_by}</h3>
                <ul class="plain">{ for used_by.iter().map(|d| html! { <li><FigureLink id={d.id.clone()} on_select={on_select.clone()} /></li> }) }</ul>
            }
            // The heading of consistency checks stays when no check of any kind names the figure.
            if !findings.is_empty() || (references.is_empty() && tensions.is_empty()) { <h3>{t.findings}</h3> }
            if findings.is_empty() && references.is_empty() && tensions.is_empty() { <p>{t.no_findings}</p> }
            <ul class="plain findings">
                { for findings.iter().map(|f| html! {
                    <li class={format!("finding status-{}", f.status.code())}>
                        <strong>{status_text(f.status, lang)}{t.colon}</strong>{localized::text(&f.label, lang)}
                        <div>{side_text(model, &f.left, lang, &digits)}{" ⟷ "}{side_text(model, &f.right, lang, &digits)}</div>
                        if f.gap > 0.0 { <div>{format!("{}{}{}", t.gap, t.colon, gap_text(f.gap, f.gap_pct, &f.left.unit, lang, &digits))}</div> }
                        if !f.slips.is_empty() {
                            <div>{t.slip_explains}{t.colon.trim_end()}</div>
                            <ul class="slips">{ for f.slips.iter().take(3).map(|sl| html! { <li>{slip_text(model, sl, lang, &digits)}</li> }) }</ul>
                        }
                    </li>
                }) }
            </ul>
            if !references.is_empty() {
                <h3>{t.detail_references}</h3>
                <ol class="references-list references">{ for references.iter().map(|r| reference_card(model, &None, r, lang, &digits, on_select)) }</ol>
            }
            if !tensions.is_empty() {
                <h3>{t.detail_tensions}</h3>
                <ol class="tensions-list tensions">{ for tensions.iter().map(|x| tension_card(model, x, lang, &digits, on_select)) }</ol>
            }
        </aside>
    }
}

/// The value as the source printed it: "more than 21 %", "50.457 million yuan".
fn as_printed(model: &crate::model::Model, f: &crate::model::Figure, lang: Lang) -> String {
    let unit = model
        .unit(&f.unit)
        .map_or(f.unit.clone(), |u| u.symbol(lang));
    let q = match f.qualifier {
        crate::model::Qualifier::Exact => String::new(),
        other => format!("{} ", qualifier_text(other, lang)),
    };
    format!(
        "{q}{}{} {unit}",
        numfmt::number(f.value, lang, None, Default::default()),
        crate::model::format::scale_text(f.scale, lang)
    )
}
