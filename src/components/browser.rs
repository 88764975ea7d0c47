//! The few browser calls the components need, each failing softly (a missing window is no panic).

use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The value of a form control (an input, a select or a text area) as a string; "" for any
/// other element.
pub fn control_value(el: &web_sys::EventTarget) -> String {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

/// The value of the control an event came from ("" when none).
pub fn event_value(e: &web_sys::Event) -> String {
    e.target().map(|t| control_value(&t)).unwrap_or_default()
}

pub fn location_search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's whole address (`location.href`): what an exported chart cites.
pub fn location_href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Put `query` in the address bar; `push` adds a history entry, otherwise the current one changes.
pub fn set_query(query: &str, push: bool) {
    let Some(w) = window() else { return };
    let Ok(history) = w.history() else { return };
    let path = w.location().pathname().unwrap_or_else(|_| "/".into());
    let url = format!("{path}{query}");
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// The element the app lives in (`<div id="app">` in index.html).
pub fn app_root() -> Option<web_sys::Element> {
    window()?.document()?.get_element_by_id("app")
}

/// The case a published site's page carries (`<script type="application/json" id="case-data">`,
/// written by the prerender beside the app's element): its text, and the case's id when the
/// page is that case's own (`data-case`; the site's main page has none).
pub fn page_case() -> Option<(Option<String>, String)> {
    let el = window()?
        .document()?
        .get_element_by_id(crate::storage::CASE_DATA_ID)?;
    Some((el.get_attribute("data-case"), el.text_content()?))
}

/// The site of cases this page belongs to, as the prerender wrote it in the page's head
/// (`<link rel="index" href="../cases/" data-count="6">`).
pub fn site_index() -> Option<super::use_app::SiteIndex> {
    let el = window()?
        .document()?
        .query_selector("link[rel=index][data-count]")
        .ok()??;
    Some(super::use_app::SiteIndex {
        href: el.get_attribute("href")?,
        count: el.get_attribute("data-count")?.parse().ok()?,
    })
}

/// The language of the page prerendered into the app's element at build time
/// (`data-prerendered="zh"`), if it was.
pub fn prerendered_lang() -> Option<crate::model::Lang> {
    crate::model::Lang::parse(&app_root()?.get_attribute("data-prerendered")?)
}

pub fn set_root_attr(name: &str, value: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Setting an attribute of <html>, even to the value it has, makes the browser recompute
        // the style of the whole page (every update did so: ~13 ms at 10,000 figures).
        if el.get_attribute(name).as_deref() != Some(value) {
            let _ = el.set_attribute(name, value);
        }
    }
}

/// Offer `content` as a file download.
pub fn download_text(filename: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn download_url(filename: &str, url: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(el) = doc.create_element("a") else {
        return;
    };
    let Ok(a) = el.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(url);
    a.set_download(filename);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// A canvas element outside the page, for drawing an export.
pub fn detached_canvas() -> Option<web_sys::HtmlCanvasElement> {
    window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()
}

pub fn device_pixel_ratio() -> f64 {
    window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0)
}

/// Whether `el` is on screen or within `margin` CSS pixels of it (a layout read: call it from an
/// effect, where the patched DOM is laid out for the coming frame anyway).
pub fn near_viewport(el: &web_sys::Element, margin: f64) -> bool {
    let Some(height) = window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
    else {
        return true;
    };
    let r = el.get_bounding_client_rect();
    r.bottom() > -margin && r.top() < height + margin
}

/// The message of a JavaScript error (or the thrown string), for the page to show.
pub fn error_text(e: &wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The absolute URL of `file` beside the page's boot script (`boot-<hash>.js`, which `xtask
/// harden` writes after every Trunk build, `trunk serve` too): the scripts built apart (the
/// drafting worker, the modules loaded on demand) and the site's root are there, whatever folder
/// the site is served from.
/// `Ok(None)` on a page without a boot script (the wasm-bindgen test runner's).
pub fn beside_boot(file: &str) -> Result<Option<String>, String> {
    let doc = window().and_then(|w| w.document()).ok_or("no document")?;
    let Some(src) = doc
        .query_selector("script[type=module][src*=\"boot-\"]")
        .ok()
        .flatten()
        .and_then(|s| s.get_attribute("src"))
    else {
        return Ok(None);
    };
    let base = doc
        .base_uri()
        .ok()
        .flatten()
        .ok_or("the page has no base URL")?;
    let boot = web_sys::Url::new_with_base(&src, &base).map_err(|e| error_text(&e))?;
    let url = web_sys::Url::new_with_base(file, &boot.href()).map_err(|e| error_text(&e))?;
    Ok(Some(url.href()))
}

/// Start the user-timing measure `name` (a mark `{name}-start`); [`measure`] ends it. For work
/// that spans tasks (an IndexedDB read); [`timed`] wraps work done in one.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("{name}-start"));
    }
}

/// End the user-timing measure `name` begun by [`mark`] (read by the benchmark and the e2e tests
/// with `performance.getEntriesByName`); nothing where the browser has no `performance`.
pub fn measure(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, &format!("{name}-start"));
    }
}

/// Time what `work` does as the user-timing measure `name`.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    mark(name);
    let out = work();
    measure(name);
    out
}

/// The page's clock and pause for work done in slices (`model::pace`): `performance.now()`, and
/// a zero timeout, after which the page has painted and handled input if it had any waiting.
pub struct PageClock;

impl crate::model::pace::Clock for PageClock {
    fn now_ms(&self) -> f64 {
        window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }
    fn pause(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
        Box::pin(yew::platform::time::sleep(std::time::Duration::ZERO))
    }
}

/// The longest slice of work between two pauses, in milliseconds: well below the 50 ms at which
/// the browser counts a task as long, so that an input waits at most about that long.
pub const SLICE_MS: f64 = 40.0;

/// Move keyboard focus to the element with this id, if it exists.
/// The focused element, when it is an HTML element inside the page (not the body).
pub fn active_element() -> Option<web_sys::HtmlElement> {
    let doc = window()?.document()?;
    let el = doc.active_element()?;
    if doc.body().is_some_and(|b| b.is_same_node(Some(&el))) {
        return None;
    }
    el.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Give the focus back to an element without scrolling to it (it is where the reader left it),
/// when it is still in the page.
pub fn focus_without_scroll(el: &web_sys::HtmlElement) {
    if !el.is_connected() {
        return;
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

pub fn focus_id(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The value of the textarea with this id ("" when there is none).
pub fn textarea_value(id: &str) -> String {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}

/// Set the value of the textarea with this id (nothing when there is none).
pub fn set_textarea_value(id: &str, value: &str) {
    if let Some(t) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        t.set_value(value);
    }
}

/// Width below which the figure detail is a bottom sheet (the stylesheet's 760 px block).
const SHEET_MAX_WIDTH: f64 = 760.0;

/// Keep a side panel below the site header while the header is on screen, so that the tab bar
/// stays usable with the panel open; once the header has scrolled away the panel takes the full
/// height. On a phone (a bottom sheet) the stylesheet's place is left alone. The panel's `top`
/// is set through the CSSOM, which the page's style policy allows (an inline style attribute it
/// refuses).
pub fn place_below_header(panel: &web_sys::HtmlElement) {
    let Some(w) = window() else {
        return;
    };
    let width = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let style = panel.style();
    if width <= SHEET_MAX_WIDTH {
        let _ = style.remove_property("top");
        return;
    }
    let bottom = w
        .document()
        .and_then(|d| d.query_selector(".site-header").ok().flatten())
        .map_or(0.0, |h| h.get_bounding_client_rect().bottom());
    // Whole pixels, as an integer: the float formatter would add its tables to the wasm.
    let top = bottom.max(0.0).round() as i64;
    let _ = style.set_property("top", &format!("{top}px"));
}
