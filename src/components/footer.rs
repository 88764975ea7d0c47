use super::AppHandle;
use crate::i18n::tr;
use yew::prelude::*;

#[function_component(Footer)]
pub fn footer() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let lang = app.view.lang;
    let t = tr(lang);
    html! {
        <footer class="site-footer">
            <p><strong>{t.footer_source}{": "}</strong>{app.model.dataset.case.citation.get(lang)}</p>
            <p>{t.footer_context}</p>
            <p>{t.footer_never_corrected}</p>
        </footer>
    }
}
