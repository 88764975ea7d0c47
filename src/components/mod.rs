//! Yew components, one per file. Only `app` dispatches on its own; the rest receive the app
//! handle through context and send actions.

mod app;
mod badges;
mod browser;
mod card;
mod channels;
mod chart_panel;
mod controls;
mod dataset_panel;
mod derived_view;
mod draft_review;
mod figure_detail;
mod figure_link;
mod figure_table;
mod footer;
mod header;
mod mount;
mod narrative;
mod notice;
mod overview;
mod paged;
mod quality;
mod source_trail;
mod timeline;
mod what_if;

pub use app::{App, AppProps, Boot, Explorer, ExplorerProps};
pub use chart_panel::ChartPanel;
pub use dataset_panel::MAX_SHOWN_ERRORS;
pub use draft_review::{DraftReview, DraftReviewProps};
pub use figure_table::{filtered_ids, FigureTable};
pub use mount::mount;

use crate::state::AppState;
use yew::UseReducerHandle;

/// What every component reads the app state from and dispatches to.
pub type AppHandle = UseReducerHandle<AppState>;

/// Whether the current render takes over the prerendered page (true only until the root's first
/// effect has run): chart panels then start as their prerendered images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hydrating(pub bool);
