use super::localized;
use super::use_app::{use_app, use_hydrating, use_site};
use crate::i18n::tr;
use crate::state::{Source, View};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub view: View,
    pub source: Source,
    /// Whether the dataset panel is open.
    pub panel_open: bool,
    pub on_view: Callback<View>,
    pub on_toggle_panel: Callback<()>,
    /// The display settings, beside the dataset bar.
    pub children: Html,
}

#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let app = use_app();
    // Until the app is live (the prerendered page, then its first render in the browser), the
    // tabs and buttons are inert and a line says the page is starting.
    let starting = use_hydrating();
    let t = tr(app.lang);
    let place = app.model.dataset.case.place.get(app.lang).to_string();
    let title = app.model.story.title.value.get(app.lang).to_string();
    let title_shown = localized::marked(&app.model.story.title.value, app.lang);
    // The tab shows the case in use, not the one index.html was written for.
    use_effect_with(format!("{title} — {}", t.app_title), |tab| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(tab);
        }
    });
    let tabs = View::ALL.into_iter().map(|v| {
        let label = view_label(v, t);
        let current = p.view == v;
        let onclick = p.on_view.reform(move |_| v);
        html! {
            <li>
                <button type="button" class={classes!("tab", current.then_some("current"))}
                    aria-current={current.then_some("page")} data-view={v.code()} {onclick}
                    disabled={starting}>{label}</button>
            </li>
        }
    });
    // Part of a site of cases: a link to the index of them all.
    let site = use_site().map(|s| {
        html! {
            <a class="site-index-link" href={s.href}>{t.site_all_cases.replace("{n}", &s.count.to_string())}</a>
        }
    });
    let open = p.panel_open;
    let toggle = p.on_toggle_panel.reform(|_| ());
    html! {
        <header class="site-header">
            <div class="titles">
                <h1>{title_shown}</h1>
                <p class="subtitle">{place}{" · "}{t.app_subtitle}</p>
                { for site }
            </div>
            <div class="header-tools">
            <div class="dataset-bar">
                <span class="dataset-label">{t.dataset_current}<span id="dataset-name" class="dataset-name">{app.model.dataset.case.title.get(app.lang)}</span></span>
                if p.source != Source::Embedded { <span class="badge">{t.data_button}</span> }
                <button type="button" id="data-toggle" class={classes!("tab", open.then_some("current"))}
                    aria-expanded={if open { "true" } else { "false" }}
                    aria-controls={open.then_some("data-panel")} onclick={toggle}
                    disabled={starting}>{t.data_button}</button>
            </div>
            { p.children.clone() }
            </div>
            <nav aria-label={t.nav_label}><ul class="tabs">{ for tabs }</ul></nav>
            if starting {
                // The second sentence shows only if the app has not started ten seconds on (a
                // CSS animation: no script needed, as none may have run).
                <p id="app-starting" class="app-starting" role="status">{t.app_starting}
                    {" "}<span class="app-slow">{t.app_slow}</span></p>
            }
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
        View::Draft => t.draft_button,
        View::Compare => t.view_compare,
    }
}
