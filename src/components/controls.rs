use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::NumberStyle;
use crate::model::{AreaUnit, Currency, Lang};
use crate::state::Theme;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct SelectProps {
    id: AttrValue,
    label: AttrValue,
    value: AttrValue,
    options: Vec<(AttrValue, AttrValue)>,
    onchange: Callback<String>,
}

/// A labelled native select: keyboard and screen readers work without extra code.
#[function_component(LabelledSelect)]
fn labelled_select(p: &SelectProps) -> Html {
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                cb.emit(sel.value());
            }
        })
    };
    html! {
        <label class="control" for={p.id.clone()}>
            <span>{p.label.clone()}</span>
            <select id={p.id.clone()} {onchange}>
                { for p.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == p.value}>{l.clone()}</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The language, units and number style shown are `use_app()`'s.
    pub theme: Theme,
    pub on_lang: Callback<Lang>,
    pub on_area: Callback<AreaUnit>,
    pub on_currency: Callback<Currency>,
    pub on_number_style: Callback<NumberStyle>,
    pub on_theme: Callback<Theme>,
}

/// The display settings, folded behind one disclosure button on narrow screens (the stylesheet
/// shows them inline from 761 px up, where the button is hidden): a phone's first screen is left
/// to the case. Escape folds them again and gives the focus back to the button.
#[function_component(Controls)]
pub fn controls(p: &ControlsProps) -> Html {
    let open = use_state(|| false);
    let button = use_node_ref();
    let v = use_app();
    let t = tr(v.lang);
    // A value the select does not offer (never, short of a tampered page) changes nothing.
    fn send<T: 'static>(to: &Callback<T>, parse: fn(&str) -> Option<T>) -> Callback<String> {
        let to = to.clone();
        Callback::from(move |s: String| {
            if let Some(x) = parse(&s) {
                to.emit(x);
            }
        })
    }
    let o = |v: &'static str, l: &'static str| (AttrValue::from(v), AttrValue::from(l));
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        let button = button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.prevent_default();
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    // What is chosen, in short, on the folded button.
    let summary = format!(
        "{} · {} · {}",
        v.lang.code().to_ascii_uppercase(),
        match v.units.area {
            AreaUnit::Hectare => "ha",
            AreaUnit::Mu => "mu",
            AreaUnit::SquareKm => "km²",
        },
        match v.units.currency {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    );
    html! {
        <section class={classes!("controls", open.then_some("open"))} aria-label={t.controls_label} {onkeydown}>
            <button type="button" id="settings-toggle" class="settings-toggle" ref={button}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls="settings-panel"
                onclick={toggle}>
                <span class="gear" aria-hidden="true">{"⚙"}</span>{t.settings_button}
                <span class="settings-summary">{summary}</span>
            </button>
            <div id="settings-panel" class="settings-panel">
                <LabelledSelect id="ctl-lang" label={t.language} value={v.lang.code()}
                    options={Lang::ALL.iter().map(|l| o(l.code(), l.language().name)).collect::<Vec<_>>()}
                    onchange={send(&p.on_lang, Lang::parse)} />
                <LabelledSelect id="ctl-area" label={t.area_unit} value={v.units.area.code()}
                    options={vec![o("ha", t.unit_ha), o("mu", t.unit_mu), o("km2", t.unit_km2)]}
                    onchange={send(&p.on_area, AreaUnit::parse)} />
                <LabelledSelect id="ctl-currency" label={t.currency} value={v.units.currency.code()}
                    options={vec![o("cny", t.cur_cny), o("usd", t.cur_usd)]}
                    onchange={send(&p.on_currency, Currency::parse)} />
                <LabelledSelect id="ctl-number" label={t.number_style} value={v.number_style.code()}
                    options={vec![o("full", t.number_full), o("wan", t.number_wan)]}
                    onchange={send(&p.on_number_style, NumberStyle::parse)} />
                <LabelledSelect id="ctl-theme" label={t.theme} value={p.theme.code()}
                    options={vec![o("system", t.theme_system), o("light", t.theme_light), o("dark", t.theme_dark)]}
                    onchange={send(&p.on_theme, Theme::parse)} />
            </div>
        </section>
    }
}
