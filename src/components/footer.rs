use super::localized;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::Provenance;
use yew::prelude::*;

#[function_component(Footer)]
pub fn footer() -> Html {
    let app = use_app();
    let lang = app.lang;
    let t = tr(lang);
    html! {
        <footer class="site-footer">
            <p><strong>{t.footer_source}{": "}</strong>{localized::text(&app.model.dataset.case.citation, lang)}</p>
            // The dataset's own notes, or the general one on context figures.
            if app.model.story.footer.by == Provenance::Declared {
                { for app.model.story.footer.value.iter().map(|n| html! { <p>{localized::text(n, lang)}</p> }) }
            } else {
                <p>{t.footer_context}</p>
            }
            <p>{t.footer_never_corrected}</p>
        </footer>
    }
}
