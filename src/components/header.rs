use super::controls::Controls;
use super::AppHandle;
use crate::i18n::tr;
use crate::state::{Action, View};
use yew::prelude::*;

#[function_component(Header)]
pub fn header() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let t = tr(app.view.lang);
    let place = app.model.dataset.case.place.get(app.view.lang).to_string();
    let tabs = View::ALL.into_iter().map(|v| {
        let label = match v {
            View::Overview => t.view_overview,
            View::Table => t.view_table,
            View::Trail => t.view_trail,
        };
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
    html! {
        <header class="site-header">
            <div class="titles">
                <h1>{t.app_title}</h1>
                <p class="subtitle">{place}{" · "}{t.app_subtitle}</p>
            </div>
            <nav aria-label={t.nav_label}><ul class="tabs">{ for tabs }</ul></nav>
            <Controls />
        </header>
    }
}
