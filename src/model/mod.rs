//! The case study as data: parsing, validation, units, derived metrics and consistency checks.
//! Pure Rust: nothing here touches yew, web-sys or gloo, so all of it is tested natively.

mod case_model;
mod checks;
pub mod checks_text;
pub(crate) mod codes;
pub mod compare;
pub mod concepts;
mod currency;
mod dataset;
mod decode;
mod derive;
mod digits;
pub mod display;
mod embedded;
mod error;
mod estimate;
pub mod export;
pub mod extract;
mod finding;
pub mod format;
mod json_path;
mod json_read;
mod json_slices;
mod lang;
pub mod language_tag;
pub mod limits;
mod load;
mod migrate;
pub mod narrative;
pub mod pace;
pub mod presentation;
mod quantity;
mod rates;
pub mod scenario;
pub mod status;
pub mod subjects;
pub mod text;
pub mod units;
mod validate;
pub mod vocabulary;

pub use case_model::Model;
pub use checks::{range_verdict, DOUBTFUL_BAND_PCT};
pub use dataset::*;
pub use embedded::EMBEDDED_JSON;
pub use error::{DatasetError, ErrorKind};
pub use estimate::{Estimate, Shape};
pub use finding::{
    Finding, RangeVerdict, ReferenceFinding, Side, Slip, SlipKind, SlipList, TensionFinding,
};
pub use presentation::{Provenance, Story};
pub use quantity::{Origin, Quantity};
pub use scenario::ScenarioSpec;
pub use status::Status;
pub use units::{AnnualRate, Currency, Family, Lang, RateChoice, RateRule, Unit, Vocabulary};
pub use validate::MAX_DATASET_BYTES;
