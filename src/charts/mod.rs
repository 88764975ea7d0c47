//! Charts: a pure spec of what to show, a pure layout, and plotters drawing for any backend.

pub mod draw;
pub mod export;
pub mod image;
pub mod layout;
pub mod spec;
