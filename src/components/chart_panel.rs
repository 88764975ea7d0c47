use super::browser;
use super::use_app::use_app;
use super::use_app::use_hydrating;
use crate::charts::draw::{draw, draw_sheet, DARK, LIGHT};
use crate::charts::export::{self, Sheet};
use crate::charts::image;
use crate::charts::layout::{layout, Layout, EXPORT_SCALE};
use crate::charts::spec::{ChartSpec, Role};
use crate::i18n::tr;
use crate::model::Lang;
use gloo::events::EventListener;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The bar under the pointer or keyboard focus. Kept in a shared cell so quick key presses each
/// see the result of the one before, and mirrored in a state that re-renders.
#[derive(Clone)]
struct Active {
    now: Rc<std::cell::Cell<Option<usize>>>,
    shown: UseStateHandle<Option<usize>>,
}

impl Active {
    fn get(&self) -> Option<usize> {
        self.now.get()
    }
    fn set(&self, v: Option<usize>) {
        self.now.set(v);
        self.shown.set(v);
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub spec: Rc<ChartSpec>,
    pub lang: Lang,
    pub dark: bool,
    #[prop_or_default]
    pub selected: Option<String>,
    pub on_select: Callback<String>,
    /// Generated sentences about the chart, numbers linked.
    #[prop_or_default]
    pub narrative: Vec<crate::model::narrative::Sentence>,
    /// The sentences' language when they fall back to the dataset's own.
    #[prop_or_default]
    pub narrative_lang: Option<AttrValue>,
}

/// How far off screen (CSS pixels) a chart still counts as seen: redrawn at once.
const NEAR_PX: f64 = 200.0;

/// A redraw put off until after the next frame: it runs in the frame after that one, so the
/// frame that shows the change (and any task queued before it) does not wait for it.
#[derive(Default)]
struct Deferred {
    first: Option<AnimationFrame>,
    second: Rc<std::cell::RefCell<Option<AnimationFrame>>>,
}

/// Draws the chart on its canvas, sized for the device's pixels, and marks it drawn.
fn paint(
    el: &web_sys::HtmlCanvasElement,
    spec: &ChartSpec,
    geometry: &Layout,
    dark: bool,
    active: Option<usize>,
) {
    let dpr = browser::device_pixel_ratio();
    el.set_width((geometry.width * dpr).round() as u32);
    el.set_height((geometry.height * dpr).round() as u32);
    let _ = el
        .style()
        .set_property("width", &format!("{}px", geometry.width.round() as i32));
    let _ = el
        .style()
        .set_property("height", &format!("{}px", geometry.height.round() as i32));
    if let Some(backend) = CanvasBackend::with_canvas_object(el.clone()) {
        let area = backend.into_drawing_area();
        let palette = if dark { &DARK } else { &LIGHT };
        let ok = draw(&area, spec, geometry, palette, dpr, active).is_ok();
        let _ = el.set_attribute("data-drawn", if ok { "true" } else { "error" });
    }
}

/// The chart drawn for publication on a canvas of its own at `EXPORT_SCALE`, as a PNG data URL.
fn sheet_png(spec: &ChartSpec, sheet: &Sheet) -> Option<String> {
    let l = sheet.layout(spec);
    let el = browser::detached_canvas()?;
    el.set_width((l.width * EXPORT_SCALE).round() as u32);
    el.set_height((l.height * EXPORT_SCALE).round() as u32);
    let area = CanvasBackend::with_canvas_object(el.clone())?.into_drawing_area();
    draw_sheet(&area, spec, &l, &LIGHT, EXPORT_SCALE).ok()?;
    el.to_data_url().ok()
}

/// What the chart's colours and marks mean: only those it draws.
fn legend(spec: &ChartSpec, lang: Lang) -> Html {
    let t = tr(lang);
    html! {
        <ul class="legend" aria-label={t.legend_title}>
            { for spec.legend().into_iter().map(|m| html! {
                <li class={classes!("legend-entry", format!("mark-{}", m.code()))} data-mark={m.code()}>
                    // The swatch's shape and colour (the bar's, per theme) come from the stylesheet.
                    <span class="swatch" aria-hidden="true"></span><span>{m.label(lang)}</span>
                </li>
            }) }
        </ul>
    }
}

/// A chart on a canvas, its tooltip, and its twins: a data table and a description.
#[function_component(ChartPanel)]
pub fn chart_panel(p: &ChartPanelProps) -> Html {
    let t = tr(p.lang);
    let canvas = use_node_ref();
    let wrap = use_node_ref();
    let tip_ref = use_node_ref();
    let width = use_state(|| 0.0_f64);
    let active = Active {
        now: use_mut_ref_cell(),
        shown: use_state(|| None::<usize>),
    };
    let key = p.spec.key.clone();
    // While the app takes over a prerendered page, the chart is the image drawn at build time
    // (the same elements as that page); the canvas replaces it right after, in the same box.
    let hydrating = use_hydrating();
    let pictured = use_state(|| hydrating);
    {
        let pictured = pictured.clone();
        use_effect_with((), move |_| {
            // Each chart swaps in its own task, after the takeover: the page stays responsive
            // between them instead of drawing every canvas in the hydration's task.
            let swap = (*pictured).then(|| Timeout::new(0, move || pictured.set(false)));
            move || drop(swap)
        });
    }

    // Measure the container, and again on every resize.
    {
        let wrap = wrap.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let measure = {
                let wrap = wrap.clone();
                let width = width.clone();
                move || {
                    if let Some(el) = wrap.cast::<web_sys::HtmlElement>() {
                        let w = el.client_width() as f64;
                        if w > 0.0 && (w - *width).abs() >= 1.0 {
                            width.set(w);
                        }
                    }
                }
            };
            measure();
            let listener =
                browser::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }

    let geometry: Rc<Layout> = Rc::new(layout(&p.spec, if *width > 0.0 { *width } else { 640.0 }));

    // A chart off screen is redrawn a frame later instead of in the update that changed it (a
    // language, a unit, the theme): what the reader sees is painted first. Dropping the handles
    // cancels a redraw that a newer one replaces.
    let deferred = use_mut_ref(Deferred::default);
    {
        let canvas = canvas.clone();
        let tip_ref = tip_ref.clone();
        let spec = p.spec.clone();
        let geometry = geometry.clone();
        use_effect_with(
            (spec, geometry, *active.shown, p.dark, *pictured),
            move |(spec, geometry, active, dark, _)| {
                // The tooltip is placed through the CSSOM: the Content-Security-Policy
                // (`style-src 'self'`) refuses `style` attributes.
                let bar = active.and_then(|i| geometry.bars.get(i));
                if let (Some(bx), Some(tip)) = (bar, tip_ref.cast::<web_sys::HtmlElement>()) {
                    // Inside the chart's box, whose width the page keeps inside the viewport:
                    // its right edge is at most the box's, measured with its text in it at the
                    // box's left (an absolute box narrows as it nears the right edge).
                    let style = tip.style();
                    let _ = style.set_property("left", "0px");
                    let tip_width = f64::from(tip.offset_width());
                    let left = bx
                        .x_lo
                        .max(geometry.plot_x0)
                        .min(geometry.width - tip_width);
                    let _ = style.set_property("top", &format!("{}px", (bx.row_y1 + 2.0) as i32));
                    let _ = style.set_property("left", &format!("{}px", left.max(0.0) as i32));
                }
                *deferred.borrow_mut() = Deferred::default();
                if let Some(el) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                    // A canvas's first drawing is never put off: each chart of a page drawn
                    // anew (or taken over from its image) comes in its own task, as before.
                    let first = !el.has_attribute("data-drawn");
                    if first || browser::near_viewport(&el, NEAR_PX) {
                        paint(&el, spec, geometry, *dark, *active);
                    } else {
                        let _ = el.set_attribute("data-drawn", "pending");
                        let (spec, geometry, dark, active) =
                            (spec.clone(), geometry.clone(), *dark, *active);
                        let second = deferred.borrow().second.clone();
                        let first = request_animation_frame(move |_| {
                            let then = request_animation_frame(move |_| {
                                paint(&el, &spec, &geometry, dark, active)
                            });
                            *second.borrow_mut() = Some(then);
                        });
                        deferred.borrow_mut().first = Some(first);
                    }
                }
            },
        );
    }

    let bars: Vec<_> = p.spec.bars().cloned().collect();
    let count = bars.len();
    let onkeydown = {
        let active = active.clone();
        let on_select = p.on_select.clone();
        let bars = bars.clone();
        Callback::from(move |e: KeyboardEvent| {
            let cur = active.get();
            let next = match e.key().as_str() {
                "ArrowDown" | "ArrowRight" => Some(cur.map_or(0, |i| (i + 1) % count.max(1))),
                "ArrowUp" | "ArrowLeft" => {
                    Some(cur.map_or(count.saturating_sub(1), |i| (i + count - 1) % count.max(1)))
                }
                "Home" => Some(0),
                "End" => Some(count.saturating_sub(1)),
                "Enter" | " " => {
                    if let Some(b) = cur.and_then(|i| bars.get(i)) {
                        on_select.emit(b.id.clone());
                    }
                    e.prevent_default();
                    return;
                }
                "Escape" => {
                    active.set(None);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            active.set(next);
        })
    };
    let point = |e: &MouseEvent| -> Option<(f64, f64)> {
        let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let r = el.get_bounding_client_rect();
        Some((
            e.client_x() as f64 - r.left(),
            e.client_y() as f64 - r.top(),
        ))
    };
    let onmousemove = {
        let active = active.clone();
        let geometry = geometry.clone();
        Callback::from(move |e: MouseEvent| {
            let hit = point(&e).and_then(|(x, y)| geometry.hit(x, y));
            if hit != active.get() {
                active.set(hit);
            }
        })
    };
    let onmouseleave = {
        let active = active.clone();
        Callback::from(move |_: MouseEvent| active.set(None))
    };
    let onclick = {
        let geometry = geometry.clone();
        let on_select = p.on_select.clone();
        let bars = bars.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(b) = point(&e)
                .and_then(|(x, y)| geometry.hit(x, y))
                .and_then(|i| bars.get(i))
            {
                on_select.emit(b.id.clone());
            }
        })
    };
    let onblur = {
        let active = active.clone();
        Callback::from(move |_: FocusEvent| active.set(None))
    };
    // Exports cite the case and the address the reader is at.
    let app = use_app();
    let case_title = app.model.dataset.case.title.get(p.lang).to_string();
    let sheet_of = {
        let spec = p.spec.clone();
        let lang = p.lang;
        move || Sheet::new(&spec, lang, &case_title, &browser::location_href())
    };
    let on_png = {
        let spec = p.spec.clone();
        let key = key.clone();
        let sheet_of = sheet_of.clone();
        Callback::from(move |_| {
            if let Some(url) = sheet_png(&spec, &sheet_of()) {
                browser::download_url(&export::file_name(&key, "png"), &url);
            }
        })
    };
    let on_svg = {
        let spec = p.spec.clone();
        let key = key.clone();
        Callback::from(move |_| {
            if let Ok(text) = export::svg(&spec, &sheet_of()) {
                browser::download_text(&export::file_name(&key, "svg"), "image/svg+xml", &text);
            }
        })
    };
    let on_csv = {
        let spec = p.spec.clone();
        let key = key.clone();
        Callback::from(move |_| {
            if let Ok(text) = export::csv(&spec) {
                browser::download_text(
                    &export::file_name(&key, "csv"),
                    "text/csv;charset=utf-8",
                    &text,
                );
            }
        })
    };

    // The tooltip element is always there (hidden when idle) so the canvas beside it keeps its
    // place in the DOM, and with it the keyboard focus.
    let tip = active
        .shown
        .and_then(|i| Some((bars.get(i)?, geometry.bars.get(i)?)));
    let tooltip = match tip {
        Some((b, _)) => {
            html! {
                <div class="tooltip" id={format!("tip-{key}")} ref={tip_ref.clone()}>
                    <strong>{b.label.clone()}</strong>
                    if b.role != Role::Value { <span class="tip-role">{b.role.label(p.lang)}</span> }
                    <span>{b.text.clone()}</span>
                    if let Some(share) = &b.share { <span>{share.clone()}</span> }
                    <span>{format!("{}: {}", t.period, b.period)}</span>
                    <span>{b.paragraph.map(|n| format!("{} {n}", t.paragraph_long)).unwrap_or_default()}</span>
                </div>
            }
        }
        None => html! { <div class="tooltip" hidden=true></div> },
    };
    let live = active
        .shown
        .and_then(|i| bars.get(i))
        .map(|b| format!("{}: {}, {}", b.label, b.text, b.period))
        .unwrap_or_default();
    let desc_id = format!("desc-{key}");
    // A form's roles (start and end, parts and total or whole) get a column of their own.
    let roles = bars.iter().any(|b| b.role != Role::Value);
    let (image_w, image_h) = image::size(&p.spec);
    html! {
        <figure class="chart-panel" id={format!("chart-{key}")} data-chart={key.clone()} data-kind={p.spec.kind.code()}>
            <figcaption><h3>{p.spec.title.clone()}</h3></figcaption>
            if let Some(note) = &p.spec.note { <p class="chart-note">{note.clone()}</p> }
            if !p.narrative.is_empty() { <super::narrative::Narrative sentences={p.narrative.clone()} lang={p.narrative_lang.clone()} on_select={p.on_select.clone()} /> }
            <div class="canvas-wrap" ref={wrap}>
                if *pictured {
                    <img class="chart-static" src={image::path(&key)}
                        width={image_w.to_string()} height={image_h.to_string()}
                        alt={p.spec.title.clone()} aria-describedby={desc_id.clone()} />
                } else {
                    <canvas ref={canvas} class="chart" tabindex="0" role="img"
                        aria-label={format!("{}. {}", p.spec.title, t.chart_hint)}
                        aria-describedby={desc_id.clone()}
                        {onkeydown} {onmousemove} {onmouseleave} {onclick} {onblur}></canvas>
                }
                { tooltip }
            </div>
            { legend(&p.spec, p.lang) }
            <p class="sr-only" aria-live="polite">{live}</p>
            <p class="chart-description" id={desc_id}>{p.spec.description.clone()}</p>
            <details class="chart-twin">
                <summary>{t.chart_table}</summary>
                <table class="twin-table">
                    <caption class="sr-only">{p.spec.title.clone()}</caption>
                    <thead><tr><th scope="col">{t.label}</th>
                        if roles { <th scope="col">{t.chart_role}</th> }
                        <th scope="col">{t.value}</th><th scope="col">{t.period}</th><th scope="col">{t.paragraph_long}</th></tr></thead>
                    <tbody>
                        { for bars.iter().map(|b| {
                            let id = b.id.clone();
                            let cb = p.on_select.clone();
                            let sel = p.selected.as_deref() == Some(b.id.as_str());
                            html! {
                                <tr class={classes!(sel.then_some("selected"))}>
                                    <th scope="row"><button type="button" class="link" onclick={Callback::from(move |_| cb.emit(id.clone()))}>{b.label.clone()}</button></th>
                                    if roles { <td>{b.role.label(p.lang)}</td> }
                                    <td>{b.text.clone()}{b.share.as_ref().map(|s| format!(" ({s})")).unwrap_or_default()}</td>
                                    <td>{b.period.clone()}</td>
                                    <td>{b.paragraph.map(|n| n.to_string()).unwrap_or_default()}</td>
                                </tr>
                            }
                        }) }
                        // A parts-of-total chart's sum and gap: computed, so not links.
                        { for p.spec.panels.iter().filter_map(|panel| panel.gap.as_ref()).map(|g| html! {
                            <>
                                <tr class="computed"><th scope="row">{t.parts_sum}</th><td></td><td>{g.sum_text.clone()}</td><td></td><td></td></tr>
                                <tr class="computed gap"><th scope="row">{t.parts_gap}</th><td></td><td>{g.gap_text.clone()}</td><td></td><td></td></tr>
                            </>
                        }) }
                    </tbody>
                </table>
            </details>
            <div class="chart-exports">
                <button type="button" class="secondary" data-export="png" onclick={on_png}>{t.export_png}</button>
                <button type="button" class="secondary" data-export="svg" onclick={on_svg}>{t.export_svg}</button>
                <button type="button" class="secondary" data-export="csv" onclick={on_csv}>{t.export_csv}</button>
            </div>
        </figure>
    }
}

#[hook]
fn use_mut_ref_cell() -> Rc<std::cell::Cell<Option<usize>>> {
    (*use_memo((), |_| Rc::new(std::cell::Cell::new(None)))).clone()
}
