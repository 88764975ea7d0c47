use super::AppHandle;
use crate::i18n::tr;
use crate::state::Action;
use yew::prelude::*;

/// Ignored settings listed at most; the count of the rest is given (a crafted link may carry
/// tens of thousands).
pub const MAX_SHOWN_IGNORED: usize = 20;

/// Says which parts of a link were ignored, so a tampered URL never fails silently.
#[function_component(Notice)]
pub fn notice() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    if app.ignored.is_empty() {
        return html! {};
    }
    let t = tr(app.view.lang);
    let items = app.ignored.iter().take(MAX_SHOWN_IGNORED).map(|i| {
        html! { <li><code>{format!("{}={}", i.key, i.value)}</code></li> }
    });
    let more = app.ignored.len().saturating_sub(MAX_SHOWN_IGNORED);
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissNotice))
    };
    html! {
        <div class="notice" role="status" id="url-notice">
            <p>{t.notice_ignored}</p>
            <ul>{ for items }</ul>
            if more > 0 { <p class="more">{t.items_more.replace("{n}", &more.to_string())}</p> }
            <button type="button" {onclick}>{t.dismiss}</button>
        </div>
    }
}
