//! The case study built into the app, as the text of its dataset.

/// The dataset embedded in the app.
pub const EMBEDDED_JSON: &str = include_str!("../../data/kezuohou.json");
