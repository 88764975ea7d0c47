use crate::i18n::tr;
use crate::model::Lang;
use crate::state::Ignored;
use yew::prelude::*;

/// Ignored settings listed at most; the count of the rest is given (a crafted link may carry
/// tens of thousands).
pub const MAX_SHOWN_IGNORED: usize = 20;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub ignored: Vec<Ignored>,
    pub lang: Lang,
    pub on_dismiss: Callback<()>,
}

/// Says which parts of a link were ignored, so a tampered URL never fails silently.
#[function_component(Notice)]
pub fn notice(p: &NoticeProps) -> Html {
    if p.ignored.is_empty() {
        return html! {};
    }
    let t = tr(p.lang);
    let items = p.ignored.iter().take(MAX_SHOWN_IGNORED).map(|i| {
        html! { <li><code>{format!("{}={}", i.key, i.value)}</code></li> }
    });
    let more = p.ignored.len().saturating_sub(MAX_SHOWN_IGNORED);
    let onclick = p.on_dismiss.reform(|_| ());
    html! {
        <div class="notice" role="status" id="url-notice">
            <p>{t.notice_ignored}</p>
            <ul>{ for items }</ul>
            if more > 0 { <p class="more">{t.items_more.replace("{n}", &more.to_string())}</p> }
            <button type="button" {onclick}>{t.dismiss}</button>
        </div>
    }
}
