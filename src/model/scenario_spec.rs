//! A stand-in for the what-if scenario type, until the scenario work (`model/scenario.rs`)
//! brings the real `ScenarioSpec` and its reader; only the id is read here.

use super::dataset::Text;
use serde::Serialize;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// A what-if declared in data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub id: String,
    pub title: Text,
}
