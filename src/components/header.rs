use super::controls::Controls;
use super::AppHandle;
use crate::i18n::tr;
use crate::state::{Action, Source, View};
use yew::prelude::*;

#[function_component(Header)]
pub fn header() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let t = tr(app.view.lang);
    let place = app.model.dataset.case.place.get(app.view.lang).to_string();
    let title = app.model.story.title.value.get(app.view.lang).to_string();
    // The tab shows the case in use, not the one index.html was written for.
    use_effect_with(format!("{title} — {}", t.app_title), |tab| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(tab);
        }
    });
    let tabs = View::ALL.into_iter().map(|v| {
        let label = view_label(v, t);
        let current = app.view.view == v;
        let onclick = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::SetView(v)))
        };
        html! {
            <li>
                <button type="button" class={classes!("tab", current.then_some("current"))}
                    aria-current={current.then_some("page")} data-view={v.code()} {onclick}>{label}</button>
            </li>
        }
    });
    let open = app.panel_open;
    let toggle = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::TogglePanel))
    };
    html! {
        <header class="site-header">
            <div class="titles">
                <h1>{title}</h1>
                <p class="subtitle">{place}{" · "}{t.app_subtitle}</p>
            </div>
            <div class="header-tools">
            <div class="dataset-bar">
                <span class="dataset-label">{t.dataset_current}<span id="dataset-name" class="dataset-name">{app.model.dataset.case.title.get(app.view.lang)}</span></span>
                if app.source != Source::Embedded { <span class="badge">{t.data_button}</span> }
                <button type="button" id="data-toggle" class={classes!("tab", open.then_some("current"))}
                    aria-expanded={if open { "true" } else { "false" }}
                    aria-controls={open.then_some("data-panel")} onclick={toggle}>{t.data_button}</button>
            </div>
            <Controls />
            </div>
            <nav aria-label={t.nav_label}><ul class="tabs">{ for tabs }</ul></nav>
        </header>
    }
}

pub fn view_label(v: View, t: &crate::i18n::Strings) -> &'static str {
    match v {
        View::Overview => t.view_overview,
        View::Table => t.view_table,
        View::Trail => t.view_trail,
        View::Quality => t.view_quality,
        View::Derived => t.view_derived,
        View::Channels => t.view_channels,
        View::Scenario => t.view_scenario,
        View::Timeline => t.view_timeline,
    }
}
