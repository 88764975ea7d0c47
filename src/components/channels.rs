use super::figure_link::FigureLink;
use super::AppHandle;
use crate::i18n::tr;
use crate::state::{Action, View};
use yew::prelude::*;

/// The three channels from conservation to income as a diagram of buttons: each node lists
/// its figures and measures; choosing one filters the rest of the app to it.
#[function_component(Channels)]
pub fn channels() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let model = &app.model;
    let lang = app.view.lang;
    let t = tr(lang);
    let nodes = model.dataset.channels.iter().map(|c| {
        let selected = app.view.channel.as_ref() == Some(&c.id);
        let onclick = {
            let app = app.clone();
            let id = c.id.clone();
            Callback::from(move |_| {
                app.dispatch(Action::SetChannel(if selected { None } else { Some(id.clone()) }))
            })
        };
        let figures: Vec<_> = model.quantities.iter().filter(|q| q.channel.as_ref() == Some(&c.id)).collect();
        let measures: Vec<_> = model.dataset.measures.iter().filter(|m| m.channel.as_ref() == Some(&c.id)).collect();
        html! {
            <li class={classes!("channel-node", selected.then_some("selected"))} data-channel={c.id.clone()}>
                <button type="button" class="channel-button" aria-pressed={selected.to_string()} {onclick}>
                    <strong>{c.label.get(lang)}</strong>
                    if selected { <span class="badge">{t.selected_channel}</span> }
                </button>
                <p>{c.summary.get(lang)}{format!(" ({} {})", t.paragraph_long, c.paragraph)}</p>
                <details>
                    <summary>{format!("{} · {}", t.figures_here, figures.len())}</summary>
                    <ul class="plain">{ for figures.iter().map(|q| html! { <li><FigureLink id={q.id.clone()} /></li> }) }</ul>
                </details>
                <details>
                    <summary>{format!("{} · {}", t.measures, measures.len())}</summary>
                    <ul class="plain">{ for measures.iter().map(|m| html! { <li>{m.label.get(lang)}</li> }) }</ul>
                </details>
            </li>
        }
    });
    html! {
        <section aria-labelledby="channels-title">
            <h2 id="channels-title">{t.view_channels}</h2>
            <p class="intro">{t.channels_intro}</p>
            <div class="channel-diagram">
                <div class="channel-end" aria-hidden="true">{t.conservation}{" →"}</div>
                <ol class="channel-nodes">{ for nodes }</ol>
                <div class="channel-end" aria-hidden="true">{"→ "}{t.income}</div>
            </div>
        </section>
    }
}

/// A banner saying the app is filtered to one channel, with a way back.
#[function_component(ChannelFilter)]
pub fn channel_filter() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let Some(c) = app.view.channel.as_ref().and_then(|c| app.model.channel(c)) else {
        return html! {};
    };
    if app.view.view == View::Channels {
        return html! {};
    }
    let t = tr(app.view.lang);
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::SetChannel(None)))
    };
    html! {
        <div class="filter-banner" role="status" id="channel-filter">
            {t.filtered_to}{" "}<strong>{c.label.get(app.view.lang)}</strong>{" "}
            <button type="button" {onclick}>{t.clear_filter}</button>
        </div>
    }
}
