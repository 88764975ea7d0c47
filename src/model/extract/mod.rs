//! From plain text to a draft dataset: figures with their spans, units, scales, qualifiers,
//! periods and short labels, and the relations the wording implies. English and Chinese.
//!
//! Offsets are **byte** offsets into the text as given (UTF-8), so `&text[span]` is the quote.
//! The vocabulary is data (`tables.rs`); the scanner is hand-written (no regex crate in the wasm).
//! Nothing here is accepted silently: every guess the extractor makes is listed as a `Doubt`.

mod doubt;
mod draft;
mod draft_figure;
mod front;
mod label;
mod number;
mod period;
mod relations;
mod scan;
mod skipped;
mod tables;
mod text;

pub use doubt::Doubt;
pub use draft::{draft, draft_json, AddError, Draft, DraftParagraph};
pub use draft_figure::DraftFigure;
pub use front::Front;
/// A label as a text in both languages, the other's copy marked until written.
pub use label::in_both;
pub use number::decimal;
pub use relations::{ProposedRelation, RelationWhy};
pub use skipped::{SkipReason, Skipped};
/// The unit a code names, the drafter's counted things (`{well}`) included.
pub use tables::unit;
