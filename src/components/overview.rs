use super::card::Card;
use super::chart_panel::ChartPanel;
use super::localized;
use super::narrative::Narrative;
use super::use_app::use_app;
use crate::charts::spec::all_charts;
use crate::i18n::{tr, Strings};
use crate::model::text::{language_name, written_in};
use crate::model::{narrative, Lang, Provenance, Story, FORMAT_VERSION};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub dark: bool,
    pub selected: Option<String>,
    /// The channel the app is filtered to.
    pub channel: Option<String>,
    pub on_select: Callback<String>,
    /// Opens another view (the quality summary's link).
    pub on_view: Callback<crate::state::View>,
}

/// "Declared by the dataset: intro, charts. Proposed from the data: headline figures."
fn provenance(story: &Story, t: &Strings) -> Html {
    let parts = [
        (story.title.by, t.part_title),
        (story.intro.by, t.part_intro),
        (story.headlines.by, t.part_headlines),
        (story.charts.by, t.part_charts),
        (story.narrative.by, t.part_narrative),
        (story.footer.by, t.part_footer),
    ];
    let list = |by: Provenance| -> Vec<&str> {
        parts
            .iter()
            .filter(|(b, _)| *b == by)
            .map(|(_, name)| *name)
            .collect()
    };
    let line = |by: Provenance, label: &str| {
        let names = list(by);
        (!names.is_empty()).then(|| {
            html! {
                <span class={classes!("provenance-part", by.code())}><strong>{label}{t.colon}</strong>{names.join(t.list_separator)}{t.full_stop}</span>
            }
        })
    };
    html! {
        <p class="provenance" id="provenance">
            { line(Provenance::Declared, t.provenance_declared) }
            { line(Provenance::Proposed, t.provenance_proposed) }
        </p>
    }
}

/// A small mark after a heading whose content was proposed from the data.
fn proposed_mark(by: Provenance, t: &Strings) -> Html {
    match by {
        Provenance::Proposed => {
            html! { <span class="badge proposed-mark">{t.provenance_proposed_short}</span> }
        }
        Provenance::Declared => html! {},
    }
}

/// One list item per verdict that some item has, worst verdict first (`all` runs mildest first):
/// how many, and the verdict in words with its class.
fn counts<V: Copy + PartialEq, T>(
    all: &[V],
    items: &[T],
    verdict: impl Fn(&T) -> V,
    words: impl Fn(V) -> (&'static str, String),
) -> Html {
    all.iter()
        .rev()
        .filter_map(|&v| {
            let n = items.iter().filter(|x| verdict(x) == v).count();
            (n > 0).then(|| {
                let (word, class) = words(v);
                html! { <li class={class}><strong>{n}</strong>{" "}{word}</li> }
            })
        })
        .collect()
}

/// How many checks give each verdict, worst first, and the same for the published references:
/// the data quality view in two lines (also what a reader without JavaScript gets of it).
fn quality_summary(
    model: &crate::model::Model,
    lang: crate::model::Lang,
    open: Callback<MouseEvent>,
) -> Html {
    use super::badges::{range_text, status_text};
    use crate::model::{RangeVerdict, Status};
    let t = tr(lang);
    let checks = counts(
        &Status::ALL,
        &model.findings,
        |f| f.status,
        |s| (status_text(s, lang), format!("status-{}", s.code())),
    );
    let references = counts(
        &RangeVerdict::ALL,
        &model.references,
        |r| r.verdict,
        |v| (range_text(v, lang), format!("range-{}", v.code())),
    );
    html! {
        <section id="quality-summary" class="quality-summary" aria-labelledby="quality-summary-title">
            <h2 id="quality-summary-title">{t.quality_summary}</h2>
            if !model.findings.is_empty() {
                <p>{t.quality_checks}{t.colon}</p><ul class="quality-counts">{checks}</ul>
            }
            if !model.references.is_empty() {
                <p>{t.group_references}{t.colon}</p><ul class="quality-counts">{references}</ul>
            }
            <button type="button" class="link" onclick={open}>{t.quality_open}</button>
        </section>
    }
}

/// "This dataset is not written in French: its texts are shown in English."
fn not_written_in(model: &crate::model::Model, lang: Lang) -> String {
    let r = lang.rules();
    let reader = language_name(lang.code(), lang);
    let own = language_name(&model.dataset.case.language, lang);
    (r.not_written_in)(&reader, &own)
}

#[function_component(Overview)]
pub fn overview(p: &OverviewProps) -> Html {
    let app = use_app();
    let v = &app;
    let t = tr(v.lang);
    let story = &app.model.story;
    let charts = all_charts(
        &app.model,
        v.units,
        v.number_style,
        v.lang,
        p.channel.as_deref(),
    );
    let on_select = &p.on_select;
    // Ids missing from the model cannot be here (they are validated), but a channel filter
    // leaves only its own.
    let ids: Vec<&str> = story
        .headlines
        .value
        .iter()
        .map(String::as_str)
        .filter(|id| {
            app.model
                .quantity(id)
                .is_some_and(|q| p.channel.is_none() || q.channel.as_ref() == p.channel.as_ref())
        })
        .collect();
    // The lead sentences' language when they fall back to the dataset's own.
    let narrative_lang =
        narrative::fallback_tag(&story.narrative.value, v.lang).map(AttrValue::from);
    html! {
        <>
            if let Some(from) = app.model.migrated_from {
                <p class="notice-inline" id="format-migrated" role="status">
                    {format!("{} {from} → {FORMAT_VERSION}", t.format_migrated)}
                </p>
            }
            if !written_in(&app.model.dataset.case.languages, v.lang) {
                <p class="notice-inline" id="language-fallback" role="note">{not_written_in(&app.model, v.lang)}</p>
            }
            <p class="intro">{localized::marked(&story.intro.value, v.lang)}</p>
            { provenance(story, t) }
            <section aria-labelledby="headline-title">
                <h2 id="headline-title">{t.headline}{" "}{proposed_mark(story.headlines.by, t)}</h2>
                <ul class="cards">{ for ids.into_iter().map(|id| html! { <Card id={id.to_string()} selected={p.selected.as_deref() == Some(id)} on_select={on_select.clone()} /> }) }</ul>
            </section>
            <Narrative sentences={narrative::overview(&app.model, v.lang)} class="lead" lang={narrative_lang}
                on_select={p.on_select.clone()} />
            { quality_summary(&app.model, v.lang, p.on_view.reform(|_| crate::state::View::Quality)) }
            <section aria-labelledby="charts-title">
                <h2 id="charts-title">{t.charts}{" "}{proposed_mark(story.charts.by, t)}</h2>
                <p class="hint">{t.chart_hint}</p>
                <div class="charts">
                    { for charts.into_iter().map(|spec| html! {
                        <ChartPanel narrative={narrative::sentences(&app.model, &spec.key, v.lang)}
                            narrative_lang={narrative::chart_fallback_tag(&app.model, &spec.key, v.lang).map(AttrValue::from)}
                            spec={std::rc::Rc::new(spec)} lang={v.lang} dark={p.dark}
                            selected={p.selected.clone()} on_select={on_select.clone()} />
                    }) }
                </div>
            </section>
        </>
    }
}
