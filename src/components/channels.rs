use super::figure_link::FigureLink;
use super::localized;
use super::magnitude::Scales;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::show;
use crate::model::Model;
use crate::numfmt;
use crate::state::View;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

/// Indices of a channel's quantities and of its measures.
type Members = (Rc<[usize]>, Rc<[usize]>);

/// Quantities and measures (indices into their lists) by channel id, in one pass each.
fn by_channel(model: &Model) -> HashMap<String, Members> {
    let mut quantities: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, q) in model.quantities.iter().enumerate() {
        if let Some(c) = &q.channel {
            quantities.entry(c.as_str()).or_default().push(i);
        }
    }
    let mut measures: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in model.dataset.measures.iter().enumerate() {
        if let Some(c) = &m.channel {
            measures.entry(c.as_str()).or_default().push(i);
        }
    }
    model
        .dataset
        .channels
        .iter()
        .map(|c| {
            let q = quantities.remove(c.id.as_str()).unwrap_or_default();
            let m = measures.remove(c.id.as_str()).unwrap_or_default();
            (c.id.clone(), (q.into(), m.into()))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ChannelsProps {
    /// The channel the app is filtered to.
    pub channel: Option<String>,
    /// Filters the app to a channel, or back to all of them.
    pub on_channel: Callback<Option<String>>,
    pub on_select: Callback<String>,
}

/// The case's channels from conservation to income as a diagram of buttons: each node lists
/// its figures and measures; choosing one filters the rest of the app to it.
#[function_component(Channels)]
pub fn channels(p: &ChannelsProps) -> Html {
    let app = use_app();
    let model = &app.model;
    let lang = app.lang;
    let t = tr(lang);
    let groups = {
        let model = model.clone();
        use_memo(Rc::as_ptr(&model) as usize, move |_| by_channel(&model))
    };
    let nodes = model.dataset.channels.iter().map(|c| {
        let selected = p.channel.as_ref() == Some(&c.id);
        let onclick = {
            let id = c.id.clone();
            p.on_channel
                .reform(move |_| if selected { None } else { Some(id.clone()) })
        };
        let (figures, measures) = groups.get(&c.id).cloned().unwrap_or_default();
        let figure_list = {
            let (model, ids, on_select) = (model.clone(), figures.clone(), p.on_select.clone());
            let (units, style) = (app.units, app.number_style);
            // Each figure's bar against the largest of its unit in this channel.
            let shown: Vec<_> = ids
                .iter()
                .filter_map(|&i| model.quantities.get(i))
                .map(|q| show(&model, q, units, lang))
                .collect();
            let scales = Scales::of(&shown);
            Callback::from(move |r: Range<usize>| {
                let item = |&i: &usize| match model.quantities.get(i) {
                    Some(q) => {
                        let s = show(&model, q, units, lang);
                        html! {
                            <li class="entry"><FigureLink id={q.id.clone()} on_select={on_select.clone()} />
                                {": "}<span class="entry-amount"><span class="entry-value">{numfmt::shown(&s, lang, style)}</span>
                                {scales.bar(&s)}</span></li>
                        }
                    }
                    None => html! {},
                };
                html! { <ul class="plain">{ for ids[r].iter().map(item) }</ul> }
            })
        };
        let measure_list = {
            let (model, ids) = (model.clone(), measures.clone());
            Callback::from(move |r: Range<usize>| {
                let item = |&i: &usize| match model.dataset.measures.get(i) {
                    Some(m) => html! { <li>{m.label.get(lang)}</li> },
                    None => html! {},
                };
                html! { <ul class="plain">{ for ids[r].iter().map(item) }</ul> }
            })
        };
        html! {
            <li class={classes!("channel-node", selected.then_some("selected"))} data-channel={c.id.clone()}>
                <button type="button" class="channel-button" aria-pressed={selected.to_string()} {onclick}>
                    <strong>{localized::text(&c.label, lang)}</strong>
                    if selected { <span class="badge">{t.selected_channel}</span> }
                </button>
                <p>{localized::text(&c.summary, lang)}{format!(" ({} {})", t.paragraph_long, c.paragraph)}</p>
                <details>
                    <summary>{format!("{} · {}", t.figures_here, figures.len())}</summary>
                    <Paged id={format!("channel-{}-figures", c.id)} total={figures.len()} render={figure_list} {lang} />
                </details>
                <details>
                    <summary>{format!("{} · {}", t.measures, measures.len())}</summary>
                    <Paged id={format!("channel-{}-measures", c.id)} total={measures.len()} render={measure_list} {lang} />
                </details>
            </li>
        }
    });
    html! {
        <section aria-labelledby="channels-title">
            <h2 id="channels-title">{t.view_channels}</h2>
            <p class="intro">{(t.channels_intro)(model.dataset.channels.len())}</p>
            <div class="channel-diagram">
                <div class="channel-end" aria-hidden="true">{t.conservation}{" →"}</div>
                <ol class="channel-nodes">{ for nodes }</ol>
                <div class="channel-end" aria-hidden="true">{"→ "}{t.income}</div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChannelFilterProps {
    pub channel: Option<String>,
    /// The view shown: the channels view has its own way back.
    pub view: View,
    pub on_channel: Callback<Option<String>>,
}

/// A banner saying the app is filtered to one channel, with a way back.
#[function_component(ChannelFilter)]
pub fn channel_filter(p: &ChannelFilterProps) -> Html {
    let app = use_app();
    let Some(c) = p.channel.as_ref().and_then(|c| app.model.channel(c)) else {
        return html! {};
    };
    if p.view == View::Channels {
        return html! {};
    }
    let t = tr(app.lang);
    let onclick = p.on_channel.reform(|_| None);
    html! {
        <div class="filter-banner" role="status" id="channel-filter">
            {t.filtered_to}{" "}<strong>{c.label.get(app.lang)}</strong>{" "}
            <button type="button" {onclick}>{t.clear_filter}</button>
        </div>
    }
}
