//! Sentences told from the dataset's templates, in the manner of chart "widget sentences":
//! each number is a reference to a quantity, so the page can format it in the reader's units
//! and link it to its source. Bounds and undated figures are worded by the quantity itself
//! ("more than 21%"); the templates live in the dataset's `presentation`.

use super::presentation::{holds, Template};
use super::units::Lang;
use super::Model;

pub use super::presentation::Segment;

pub type Sentence = Vec<Segment>;

/// The sentences of `templates` that can be told: every quantity they name is in the model and
/// their condition holds.
pub fn told(model: &Model, templates: &[Template], lang: Lang) -> Vec<Sentence> {
    templates
        .iter()
        .filter(|t| holds(t.when.as_ref(), |r| model.relation_status(r)))
        .filter(|t| {
            t.get(lang).iter().all(|s| match s {
                Segment::Quantity(id) => model.quantity(id).is_some(),
                Segment::Text(_) => true,
            })
        })
        .map(|t| t.get(lang).to_vec())
        .collect()
}

/// Sentences describing one chart, by its id.
pub fn sentences(model: &Model, chart: &str, lang: Lang) -> Vec<Sentence> {
    model
        .story
        .charts
        .value
        .iter()
        .find(|c| c.id == chart)
        .map(|c| told(model, &c.sentences, lang))
        .unwrap_or_default()
}

/// The overview's lead sentences.
pub fn overview(model: &Model, lang: Lang) -> Vec<Sentence> {
    told(model, &model.story.narrative.value, lang)
}

/// The language of sentences told from `templates` when it is not the reader's (they fall back
/// to the dataset's own), as a tag for the element's `lang`.
pub fn fallback_tag(templates: &[Template], lang: Lang) -> Option<String> {
    templates
        .first()
        .and_then(|t| t.pick(lang))
        .filter(|p| p.fallback)
        .map(|p| p.tag.to_string())
}

/// `fallback_tag` of a chart's sentences.
pub fn chart_fallback_tag(model: &Model, chart: &str, lang: Lang) -> Option<String> {
    let c = model.story.charts.value.iter().find(|c| c.id == chart)?;
    fallback_tag(&c.sentences, lang)
}

/// The interface language a sentence in `tag` is worded in (its numbers' words and digits), if
/// the interface speaks it.
pub fn interface_language(tag: &str) -> Option<Lang> {
    Lang::ALL
        .into_iter()
        .find(|l| super::language_tag::names_language(tag, l.code()))
}
