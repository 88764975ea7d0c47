//! What components below the root read from context: the model and how the reader wants
//! numbers shown, and whether the prerendered page is being taken over. Read-only: what a component changes leaves it as a `Callback` prop, and
//! only the root (`app.rs`) turns those into `Action`s.

use crate::model::display::{NumberStyle, UnitChoice};
use crate::model::{Lang, Model};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone)]
pub struct Shared {
    pub model: Rc<Model>,
    pub lang: Lang,
    pub units: UnitChoice,
    pub number_style: NumberStyle,
}

/// The same model by address, not by content (comparing two models field by field would cost
/// more than the render it saves).
impl PartialEq for Shared {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.model, &o.model)
            && (self.lang, self.units, self.number_style) == (o.lang, o.units, o.number_style)
    }
}

/// The model and display settings the root provides.
#[hook]
pub fn use_app() -> Shared {
    use_context::<Shared>().expect("Shared context (provided by Explorer)")
}

/// Whether the app is taking over the prerendered page right now (see `mount.rs`); false
/// outside the app (a component mounted alone in a test).
#[hook]
pub fn use_hydrating() -> bool {
    use_context::<Hydrating>().is_some_and(|h| h.0)
}

/// The site of cases the page belongs to, if any (see `SiteIndex`); `None` outside a site and
/// outside the app.
#[hook]
pub fn use_site() -> Option<SiteIndex> {
    use_context::<Option<SiteIndex>>().flatten()
}

/// Whether the current render takes over the prerendered page (true only until the root's first
/// effect has run): chart panels then start as their prerendered images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hydrating(pub bool);

/// The page's site of cases, when it is part of one (`<link rel="index">` written by the
/// prerender): the index's address relative to the page, and how many cases it lists. The header
/// links it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteIndex {
    pub href: String,
    pub count: usize,
}
