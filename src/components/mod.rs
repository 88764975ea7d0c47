//! Yew components, one per file. Only `app` owns the reducer and dispatches; the leaves take
//! props and `Callback`s, and read the model and display settings with `use_app()`
//! (`tests/only_root_dispatches.rs` keeps it so, and lists the file not yet converted).

mod app;
mod badges;
pub(crate) mod browser;
mod card;
mod channels;
mod chart_panel;
mod compare;
mod controls;
mod dataset_panel;
mod derived_view;
mod draft_review;
mod figure_detail;
mod figure_link;
mod figure_table;
mod footer;
mod header;
mod localized;
mod magnitude;
mod mount;
mod narrative;
mod notice;
mod on_demand;
mod overview;
mod paged;
mod quality;
mod source_trail;
mod timeline;
mod use_app;
mod what_if;

pub use crate::state::AppHandle;
pub use app::{App, AppProps, Boot, Explorer, ExplorerProps};
pub use chart_panel::ChartPanel;
pub use dataset_panel::MAX_SHOWN_ERRORS;
pub use draft_review::{DraftReview, DraftReviewProps};
pub use figure_table::{filtered_ids, FigureTable};
pub use mount::mount;
pub use on_demand::{
    choice_from_json, choice_to_json, install_views_on_page, CompareInput, CompareView,
    EditorInput, EditorView, ModuleHost, ModuleProps, OnDemand,
};
pub use use_app::{Hydrating, SiteIndex};
