use super::AppHandle;
use crate::i18n::tr;
use crate::state::Action;
use yew::prelude::*;

/// Says which parts of a link were ignored, so a tampered URL never fails silently.
#[function_component(Notice)]
pub fn notice() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    if app.ignored.is_empty() {
        return html! {};
    }
    let t = tr(app.view.lang);
    let items = app.ignored.iter().map(|i| {
        html! { <li><code>{format!("{}={}", i.key, i.value)}</code></li> }
    });
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissNotice))
    };
    html! {
        <div class="notice" role="status" id="url-notice">
            <p>{t.notice_ignored}</p>
            <ul>{ for items }</ul>
            <button type="button" {onclick}>{t.dismiss}</button>
        </div>
    }
}
