//! The whole view state, one value: it round-trips through the URL query string, so a copied
//! link reopens the same view and back/forward walk through past views.

use crate::model::codes::code_table;
use crate::model::display::{NumberStyle, UnitChoice};
use crate::model::{scenario, units, Currency, DatasetError, Family, Lang, Model, Origin, Status};
use crate::record::{Problem, StoredDataset};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum View {
        #[default]
        Overview = "overview",
        Table = "table",
        Quality = "quality",
        Derived = "derived",
        Channels = "channels",
        Scenario = "whatif",
        Timeline = "timeline",
        Trail = "trail",
        /// The draft editor: a text made into a dataset, step by step.
        Draft = "draft",
        /// Cases side by side on one concept (`model::compare`).
        Compare = "compare",
    }
}

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Theme {
        #[default]
        System = "system",
        Light = "light",
        Dark = "dark",
    }
}

code_table! {
    /// Columns of the figure table.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SortKey {
        Label = "label",
        Value = "value",
        Unit = "unit",
        Period = "period",
        Kind = "kind",
        Channel = "channel",
        #[default]
        Source = "source",
        Status = "status",
    }
}

/// Which dataset a view shows: the built-in case or one kept in this browser, by its id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DatasetRef {
    #[default]
    Builtin,
    Local(String),
}

impl DatasetRef {
    /// Ids of stored datasets: 1 to 64 ASCII letters, digits, `-` and `_`.
    pub fn valid_id(id: &str) -> bool {
        (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
    /// The URL form: `builtin` or `local:<id>`.
    pub fn code(&self) -> String {
        match self {
            DatasetRef::Builtin => "builtin".into(),
            DatasetRef::Local(id) => format!("local:{id}"),
        }
    }
    pub fn parse(s: &str) -> Option<DatasetRef> {
        match s.strip_prefix("local:") {
            Some(id) => DatasetRef::valid_id(id).then(|| DatasetRef::Local(id.into())),
            None => (s == "builtin").then_some(DatasetRef::Builtin),
        }
    }
}

/// Everything that decides what the page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// The dataset shown (`ds` in the URL).
    pub dataset: DatasetRef,
    pub view: View,
    pub selected: Option<String>,
    pub channel: Option<String>,
    /// Only quantities of this origin (reported, derived or context); `None`: all.
    pub kind: Option<Origin>,
    pub status: Option<Status>,
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
    pub units: UnitChoice,
    pub number_style: NumberStyle,
    pub lang: Lang,
    pub theme: Theme,
    /// The what-if inputs as typed; an input not listed shows its reported value.
    pub scenario: ScenarioText,
    /// The comparison view's cases, concept and basis.
    /// (Shared: the actions that carry a whole view stay small.)
    pub compare: Rc<crate::model::compare::Choice>,
}

/// One what-if input: the dataset's scenario id and the input's id within it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputKey {
    pub scenario: String,
    pub input: String,
}

impl InputKey {
    /// Its URL parameter: `w.<scenario>.<input>`.
    pub fn param(&self) -> String {
        format!("{SCENARIO_PREFIX}{}.{}", self.scenario, self.input)
    }

    /// The input a URL parameter (after `w.`) names. Ids may hold dots, so the split is the
    /// one the dataset declares; without a dataset, at the first dot.
    fn from_param(rest: &str, model: Option<&Model>) -> Option<InputKey> {
        let key = match model {
            Some(m) => scenario::scenarios(m).iter().find_map(|s| {
                let input = rest.strip_prefix(s.id.as_str())?.strip_prefix('.')?;
                s.inputs.iter().any(|i| i.id == input).then(|| InputKey {
                    scenario: s.id.clone(),
                    input: input.to_string(),
                })
            }),
            None => rest.split_once('.').map(|(s, i)| InputKey {
                scenario: s.to_string(),
                input: i.to_string(),
            }),
        }?;
        (fits_url(&key.scenario) && fits_url(&key.input) && !key.input.is_empty()).then_some(key)
    }
}

/// Raw text of the what-if inputs, kept as typed so an invalid entry can be shown and fixed.
pub type ScenarioText = BTreeMap<InputKey, String>;

/// How a what-if input's URL parameter begins.
const SCENARIO_PREFIX: &str = "w.";

/// Longest what-if input kept from a URL.
pub const MAX_INPUT_CHARS: usize = 24;

/// What a URL held that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub key: String,
    pub value: String,
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            // Two hex digits only: `u8::from_str_radix` would also take a sign ("%+1" → 0x01).
            b'%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A value as an address writes it (percent-encoded).
pub fn encode_param(s: &str) -> String {
    encode(s)
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Longest search text kept from a URL.
pub const MAX_SEARCH_CHARS: usize = 200;
/// Longest figure or channel id carried in a URL: a longer one (a dataset may hold any length)
/// stays selected in the page but is left out of the address, which must stay loadable (a
/// megabyte-long address gets HTTP 414 on reload).
pub const MAX_URL_ID_CHARS: usize = 200;

/// Whether an id fits in a URL parameter.
fn fits_url(id: &str) -> bool {
    id.chars().nth(MAX_URL_ID_CHARS).is_none()
}

impl ViewState {
    /// Read a query string (with or without the leading `?`). Unknown keys and bad values are
    /// left at their defaults and reported back, never fatal.
    pub fn from_query(query: &str, model: Option<&Model>) -> (ViewState, Vec<Ignored>) {
        ViewState::from_query_on(query, model, Lang::default())
    }

    /// [`ViewState::from_query`] on a page in `page`'s language (`/zh/`): the language is the
    /// page's unless the query names another. The address decides the language, never a
    /// stored setting.
    pub fn from_query_on(
        query: &str,
        model: Option<&Model>,
        page: Lang,
    ) -> (ViewState, Vec<Ignored>) {
        let mut s = ViewState::prerendered(page);
        let mut ignored = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            let known_id = |id: &str| model.is_none_or(|m| m.quantity(id).is_some());
            let ok = match k.as_str() {
                "view" => View::parse(&v).map(|x| s.view = x).is_some(),
                "ds" => DatasetRef::parse(&v).map(|x| s.dataset = x).is_some(),
                "fig" => {
                    let good = fits_url(&v) && known_id(&v) && !v.is_empty();
                    if good {
                        s.selected = Some(v.clone());
                    }
                    good
                }
                "channel" => {
                    let good = fits_url(&v)
                        && model.is_none_or(|m| m.channel(&v).is_some())
                        && !v.is_empty();
                    if good {
                        s.channel = Some(v.clone());
                    }
                    good
                }
                "kind" => Origin::parse(&v).map(|x| s.kind = Some(x)).is_some(),
                "status" => Status::parse(&v).map(|x| s.status = Some(x)).is_some(),
                "q" => {
                    s.search = v.chars().take(MAX_SEARCH_CHARS).collect();
                    true
                }
                "sort" => SortKey::parse(&v).map(|x| s.sort = x).is_some(),
                "dir" => match v.as_str() {
                    "asc" => {
                        s.descending = false;
                        true
                    }
                    "desc" => {
                        s.descending = true;
                        true
                    }
                    _ => false,
                },
                // A currency the dataset has neither money nor a rate in is not offered.
                "cur" => Currency::parse(&v.to_ascii_uppercase())
                    .filter(|c| model.is_none_or(|m| m.currencies().contains(c)))
                    .map(|x| s.units.currency = Some(x))
                    .is_some(),
                "num" => NumberStyle::read(&v).map(|x| s.number_style = x).is_some(),
                "lang" => Lang::parse(&v).map(|x| s.lang = x).is_some(),
                "theme" => Theme::parse(&v).map(|x| s.theme = x).is_some(),
                "cases" | "concept" | "ccur" | "carea" => {
                    Rc::make_mut(&mut s.compare).read(&k, &v) == Some(true)
                }
                other if Family::parse(other).is_some() => Family::parse(other)
                    .and_then(|f| Some((f, units::choice_code(f, &v)?)))
                    .map(|(f, code)| s.units.set(f, Some(code)))
                    .is_some(),
                other => match other
                    .strip_prefix(SCENARIO_PREFIX)
                    .and_then(|rest| InputKey::from_param(rest, model))
                {
                    Some(key) => {
                        s.scenario
                            .insert(key, v.chars().take(MAX_INPUT_CHARS).collect());
                        true
                    }
                    None => false,
                },
            };
            if !ok {
                ignored.push(Ignored {
                    key: k.chars().take(40).collect(),
                    value: v.chars().take(40).collect(),
                });
            }
        }
        (s, ignored)
    }

    /// This state as its URL keeps it: an id too long for an address is left out, and typed
    /// text is cut at the length a URL may bring in.
    pub fn linkable(&self) -> ViewState {
        let mut s = self.clone();
        s.selected = s.selected.filter(|f| fits_url(f));
        s.channel = s.channel.filter(|c| fits_url(c));
        if s.search.chars().nth(MAX_SEARCH_CHARS).is_some() {
            s.search = s.search.chars().take(MAX_SEARCH_CHARS).collect();
        }
        s.scenario
            .retain(|k, _| fits_url(&k.scenario) && fits_url(&k.input));
        for text in s.scenario.values_mut() {
            if text.chars().nth(MAX_INPUT_CHARS).is_some() {
                *text = text.chars().take(MAX_INPUT_CHARS).collect();
            }
        }
        s
    }

    /// The view a page is prerendered in at build time: every default, in `lang`.
    pub fn prerendered(lang: Lang) -> ViewState {
        ViewState {
            lang,
            ..ViewState::default()
        }
    }

    /// The query string for this state; defaults are left out so links stay short, and an id
    /// too long for an address is left out (see [`ViewState::linkable`]).
    pub fn to_query(&self) -> String {
        self.to_query_on(Lang::default())
    }

    /// The query string on a page in `page`'s language: the language is written only when it
    /// is not the page's.
    pub fn to_query_on(&self, page: Lang) -> String {
        let linkable = self.linkable();
        let this = &linkable;
        let d = ViewState::prerendered(page);
        let mut parts: Vec<(&str, String)> = Vec::new();
        if this.dataset != d.dataset {
            parts.push(("ds", this.dataset.code()));
        }
        if this.view != d.view {
            parts.push(("view", this.view.code().into()));
        }
        if let Some(f) = this.selected.as_ref() {
            parts.push(("fig", f.clone()));
        }
        if let Some(c) = this.channel.as_ref() {
            parts.push(("channel", c.clone()));
        }
        if let Some(k) = this.kind {
            parts.push(("kind", k.code().into()));
        }
        if let Some(st) = this.status {
            parts.push(("status", st.code().into()));
        }
        if !this.search.is_empty() {
            parts.push(("q", this.search.clone()));
        }
        if this.sort != d.sort {
            parts.push(("sort", this.sort.code().into()));
        }
        if this.descending {
            parts.push(("dir", "desc".into()));
        }
        for f in Family::ALL {
            if let Some(code) = this.units.get(f) {
                parts.push((f.code(), code.into()));
            }
        }
        if let Some(c) = this.units.currency {
            parts.push(("cur", c.code().into()));
        }
        if this.number_style != d.number_style {
            parts.push(("num", this.number_style.code().into()));
        }
        if this.lang != d.lang {
            parts.push(("lang", this.lang.code().into()));
        }
        if this.theme != d.theme {
            parts.push(("theme", this.theme.code().into()));
        }
        parts.extend(this.compare.params());
        if parts.is_empty() && this.scenario.is_empty() {
            return String::new();
        }
        let body: Vec<String> = parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .chain(
                this.scenario
                    .iter()
                    .map(|(k, v)| format!("{}={}", encode(&k.param()), encode(v))),
            )
            .collect();
        format!("?{}", body.join("&"))
    }
}

/// Where the dataset in use came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    /// The case study built into the app.
    #[default]
    Embedded,
    /// Opened from a file (its name) or dropped.
    File(String),
    Pasted,
    /// Kept in the browser from an earlier visit.
    Stored,
}

/// What the last action of the dataset panel led to.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LoadOutcome {
    #[default]
    None,
    /// Refused, with every problem found; the dataset in use stays.
    Refused(Rc<Vec<DatasetError>>),
    Loaded,
    /// The stored data was removed.
    Removed,
}

/// The JSON text of the dataset in use, shared, compared by pointer first. Yew compares the
/// state (and the context that carries it) on every update; `Rc<str>` has no pointer shortcut
/// in its equality (std's applies to sized `Eq` types only), so a 100 MB text was compared byte
/// by byte two or three times per keystroke. Texts at different addresses still compare by content.
#[derive(Debug, Clone)]
pub struct SharedText(pub Rc<str>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The app's state: the model in use, the view, and notices for the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub model: Rc<Model>,
    pub source: Source,
    /// The JSON text the dataset in use was read from: what "export" writes, byte for byte
    /// (serializing the model again would link serde's serializers for the whole format).
    pub text: Option<SharedText>,
    pub view: ViewState,
    pub ignored: Vec<Ignored>,
    /// Problems with the data kept in the browser, shown until dismissed.
    pub problems: Vec<Problem>,
    /// Whether the dataset panel is open (not part of the URL), and what it last did.
    pub panel_open: bool,
    pub outcome: LoadOutcome,
    /// Whether the dataset and settings are kept in the browser; off once the reader removes
    /// what was stored, for the rest of the visit.
    pub persist: bool,
    /// Why the dataset in use is not kept in the browser although `persist` is on: the browser
    /// refused to store it (full) or allows no storage (unavailable). Unlike `problems` it is
    /// not dismissed; a later successful store clears it.
    pub unsaved: Option<Problem>,
    /// The title of the dataset that `unsaved` is about (the panel names it).
    pub unsaved_title: String,
    /// Whether the browser keeps this origin's storage until the reader removes it (asked when
    /// a dataset is first kept; `None`: not known, or the browser does not say).
    pub persistent: Option<bool>,
    /// Counts commits of typed text (what-if inputs: change, blur, Enter, reset); the address
    /// bar edits its entry while typing and adds one at each commit.
    pub commits: u32,
    /// The datasets kept in this browser, for the panel's list.
    pub datasets: Vec<StoredDataset>,
    /// Another tab changed the kept datasets since this one last did (the panel says so).
    pub datasets_changed_elsewhere: bool,
}

impl AppState {
    pub fn new(model: Rc<Model>, view: ViewState, ignored: Vec<Ignored>) -> AppState {
        AppState {
            model,
            source: Source::Embedded,
            text: None,
            view,
            ignored,
            problems: Vec::new(),
            panel_open: false,
            outcome: LoadOutcome::None,
            persist: true,
            unsaved: None,
            unsaved_title: String::new(),
            persistent: None,
            commits: 0,
            datasets: Vec::new(),
            datasets_changed_elsewhere: false,
        }
    }

    /// Note a problem with the browser storage, once. Storage that is unavailable keeps nothing.
    pub fn note_problem(&mut self, p: Problem) {
        if p == Problem::Unavailable {
            self.unsaved = Some(p);
        }
        if !self.problems.contains(&p) {
            self.problems.push(p);
        }
    }
}

pub enum Action {
    /// Replace the view (from the URL, e.g. on back/forward).
    Restore(ViewState, Vec<Ignored>),
    SetView(View),
    /// The comparison view's choice (cases, concept, basis).
    SetCompare(crate::model::compare::Choice),
    Select(Option<String>),
    SetChannel(Option<String>),
    SetKind(Option<Origin>),
    SetStatus(Option<Status>),
    SetSearch(String),
    /// Sort by a column; choosing the current column again flips the direction.
    SortBy(SortKey),
    /// The display unit of a family (`None`: the dataset's own).
    SetUnit(Family, Option<&'static str>),
    /// The currency money is shown in (`None`: as reported).
    SetCurrency(Option<Currency>),
    SetNumberStyle(NumberStyle),
    SetLang(Lang),
    SetTheme(Theme),
    /// A what-if input changed; `None` resets it to the reported value.
    SetScenarioInput(InputKey, Option<String>),
    /// Every input of this scenario back to its reported value.
    ResetScenario(String),
    /// Typed text was committed (change, blur, Enter): the address bar gets a history entry.
    CommitTyping,
    DismissNotice,
    /// Switch to another validated dataset, read from this text, named so in the URL. The view
    /// stays; a selected figure or channel the new dataset lacks is cleared.
    UseModel(Rc<Model>, Source, Rc<str>, DatasetRef),
    /// The datasets kept in this browser changed (stored, removed).
    Datasets(Vec<StoredDataset>),
    /// Another tab stored or removed datasets: the list read again.
    DatasetsElsewhere(Vec<StoredDataset>),
    /// A dataset was refused: these problems are shown, nothing else changes.
    Refused(Vec<DatasetError>),
    TogglePanel,
    /// Report a problem with the browser storage (once, however often it happens).
    Problem(Problem),
    DismissProblems,
    /// One problem is settled (e.g. the record it was about was removed): its notice goes.
    ForgetProblem(Problem),
    /// The dataset in use was stored in the browser.
    Saved,
    /// A dataset could not be stored (full, unavailable): noted, and said in the panel with its
    /// title.
    Unsaved(Problem, String),
    /// What the browser said of keeping this origin's storage (persistent or not).
    Persistent(Option<bool>),
    /// The reader removed what was stored: keep nothing more during this visit.
    StopPersisting,
}

/// The root's handle on the app state: only `components/app.rs` holds it (and
/// `requests.rs`, which carries out what the root asks).
pub type AppHandle = yew::UseReducerHandle<AppState>;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let v = &mut next.view;
        match action {
            Action::Restore(view, ignored) => {
                // The dataset in use stays: the app switches datasets before restoring a view
                // that names another (see the popstate listener).
                let dataset = std::mem::take(&mut next.view.dataset);
                next.view = view;
                next.view.dataset = dataset;
                next.ignored = ignored;
            }
            Action::SetView(x) => v.view = x,
            Action::SetCompare(x) => v.compare = Rc::new(x),
            Action::Select(x) => v.selected = x,
            Action::SetChannel(x) => v.channel = x,
            Action::SetKind(x) => v.kind = x,
            Action::SetStatus(x) => v.status = x,
            Action::SetSearch(x) => v.search = x.chars().take(MAX_SEARCH_CHARS).collect(),
            Action::SortBy(k) => {
                if v.sort == k {
                    v.descending = !v.descending;
                } else {
                    v.sort = k;
                    v.descending = false;
                }
            }
            Action::SetUnit(f, x) => v.units.set(f, x),
            Action::SetCurrency(x) => v.units.currency = x,
            Action::SetNumberStyle(x) => v.number_style = x,
            Action::SetLang(x) => v.lang = x,
            Action::SetTheme(x) => v.theme = x,
            Action::SetScenarioInput(key, text) => match text {
                Some(t) => {
                    v.scenario
                        .insert(key, t.chars().take(MAX_INPUT_CHARS).collect());
                }
                None => {
                    v.scenario.remove(&key);
                }
            },
            Action::ResetScenario(id) => {
                v.scenario.retain(|k, _| k.scenario != id);
                next.commits = next.commits.wrapping_add(1);
            }
            Action::CommitTyping => next.commits = next.commits.wrapping_add(1),
            Action::DismissNotice => next.ignored.clear(),
            Action::UseModel(model, source, text, dataset) => {
                v.dataset = dataset;
                // A draft opened in the explorer is shown as readers will see it.
                if v.view == View::Draft {
                    v.view = View::Overview;
                }
                if v.selected
                    .as_deref()
                    .is_some_and(|id| model.quantity(id).is_none())
                {
                    v.selected = None;
                }
                if v.channel
                    .as_deref()
                    .is_some_and(|c| model.channel(c).is_none())
                {
                    v.channel = None;
                }
                // What-if inputs the new dataset does not declare no longer apply.
                v.scenario
                    .retain(|k, _| scenario::find_input(&model, &k.scenario, &k.input).is_some());
                next.outcome = if source == Source::Embedded {
                    LoadOutcome::None
                } else {
                    LoadOutcome::Loaded
                };
                next.model = model;
                next.source = source;
                next.text = Some(SharedText(text));
            }
            Action::Refused(errors) => {
                next.outcome = LoadOutcome::Refused(Rc::new(errors));
                // A draft refused by the explorer: its problems are listed in the data panel.
                if v.view == View::Draft {
                    next.panel_open = true;
                }
            }
            Action::TogglePanel => {
                next.panel_open = !next.panel_open;
                next.outcome = LoadOutcome::None;
            }
            Action::Problem(p) => next.note_problem(p),
            Action::DismissProblems => next.problems.clear(),
            Action::ForgetProblem(p) => next.problems.retain(|x| *x != p),
            Action::Saved => next.unsaved = None,
            Action::Unsaved(p, title) => {
                next.note_problem(p);
                next.unsaved = Some(p);
                next.unsaved_title = title;
            }
            Action::Persistent(x) => next.persistent = x,
            Action::Datasets(list) => {
                next.datasets = list;
                next.datasets_changed_elsewhere = false;
            }
            Action::DatasetsElsewhere(list) => {
                next.datasets_changed_elsewhere = list != next.datasets;
                next.datasets = list;
            }
            Action::StopPersisting => {
                next.persist = false;
                next.outcome = LoadOutcome::Removed;
            }
        }
        Rc::new(next)
    }
}
