//! A dataset text as the page shows it: in the reader's language, or else in the dataset's own,
//! then inside an element carrying that language's tag (a screen reader switches voice) and,
//! where the text stands on its own, marked "(in English)".

use crate::model::text::language_name;
use crate::model::{Lang, Text};
use yew::prelude::*;

/// The text; a fallback in a `<span lang>`.
pub fn text(t: &Text, lang: Lang) -> Html {
    show(t, lang, false)
}

/// The text; a fallback in a `<span lang>` followed by a small mark naming its language.
pub fn marked(t: &Text, lang: Lang) -> Html {
    show(t, lang, true)
}

fn show(t: &Text, lang: Lang, mark: bool) -> Html {
    match t.pick(lang) {
        None => html! {},
        Some(p) if !p.fallback => html! { {p.value.clone()} },
        Some(p) => {
            let note = mark.then(|| (lang.rules().in_language)(&language_name(p.tag, lang)));
            html! {
                <>
                    <span lang={p.tag.to_string()}>{p.value.clone()}</span>
                    if let Some(note) = note {
                        {" "}<small class="lang-mark">{note}</small>
                    }
                </>
            }
        }
    }
}
