use super::use_app::{use_app, use_hydrating};
use crate::i18n::tr;
use crate::i18n::Strings;
use crate::model::display::NumberStyle;
use crate::model::{Currency, Family, Lang};
use crate::state::Theme;
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
    // Inert until the app is live: a choice made on the prerendered page would do nothing.
    let starting = use_hydrating();
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| cb.emit(super::browser::event_value(&e)))
    };
    html! {
        <label class="control" for={p.id.clone()}>
            <span>{p.label.clone()}</span>
            <select id={p.id.clone()} {onchange} disabled={starting}>
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
    pub on_unit: Callback<(Family, Option<&'static str>)>,
    pub on_currency: Callback<Option<Currency>>,
    pub on_number_style: Callback<NumberStyle>,
    pub on_theme: Callback<Theme>,
}

/// The display settings, folded behind one disclosure button on narrow screens (the stylesheet
/// shows them inline from 761 px up, where the button is hidden): a phone's first screen is left
/// to the case. Escape folds them again and gives the focus back to the button.
#[function_component(Controls)]
pub fn controls(p: &ControlsProps) -> Html {
    let starting = use_hydrating();
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
    let model = v.model.clone();
    // One choice per family of units the dataset uses: its units of the vocabulary.
    let shown = |f: Family| v.units.get(f).or_else(|| model.default_unit(f));
    let family_selects: Html = model
        .families()
        .map(|f| {
            let options = f
                .choices()
                .map(|r| {
                    let name = crate::model::Unit::builtin(r.code).symbol(v.lang);
                    (AttrValue::from(r.code), AttrValue::from(name))
                })
                .collect::<Vec<_>>();
            let on_unit = p.on_unit.clone();
            let default = model.default_unit(f);
            let onchange = Callback::from(move |s: String| {
                if let Some(code) = crate::model::units::choice_code(f, &s) {
                    // The dataset's own unit is the default: the address need not name it.
                    let own = default.filter(|d| *d == code).is_none();
                    on_unit.emit((f, own.then_some(code)));
                }
            });
            html! {
                <LabelledSelect id={format!("ctl-{}", f.code())} label={family_label(f, t)}
                    value={shown(f).unwrap_or_default()} {options} {onchange} />
            }
        })
        .collect();
    let currencies = model.currencies();
    let currency_options: Vec<(AttrValue, AttrValue)> = std::iter::once(o("", t.cur_as_reported))
        .chain(currencies.iter().map(|c| {
            (
                AttrValue::from(c.code().to_string()),
                AttrValue::from(c.name(v.lang)),
            )
        }))
        .collect();
    let on_currency = {
        let to = p.on_currency.clone();
        Callback::from(move |s: String| match Currency::parse(&s) {
            Some(c) => to.emit(Some(c)),
            None if s.is_empty() => to.emit(None),
            None => {}
        })
    };
    // What is chosen, in short, on the folded button.
    let mut summary: Vec<String> = vec![v.lang.code().to_ascii_uppercase()];
    summary.extend(model.families().filter_map(shown).map(String::from));
    summary.push(
        v.units
            .currency
            .map_or(String::new(), |c| c.code().to_string()),
    );
    summary.retain(|s| !s.is_empty());
    let summary = summary.join(" · ");
    html! {
        <section class={classes!("controls", open.then_some("open"))} aria-label={t.controls_label} {onkeydown}>
            <button type="button" id="settings-toggle" class="settings-toggle" ref={button}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls="settings-panel"
                onclick={toggle} disabled={starting}>
                <span class="gear" aria-hidden="true">{"⚙"}</span>{t.settings_button}
                <span class="settings-summary">{summary}</span>
            </button>
            <div id="settings-panel" class="settings-panel">
                <LabelledSelect id="ctl-lang" label={t.language} value={v.lang.code()}
                    options={Lang::ALL.iter().map(|l| o(l.code(), l.language().name)).collect::<Vec<_>>()}
                    onchange={send(&p.on_lang, Lang::parse)} />
                { family_selects }
                if currencies.len() > 1 {
                    <LabelledSelect id="ctl-currency" label={t.currency}
                        value={v.units.currency.map_or(String::new(), |c| c.code().to_string())}
                        options={currency_options} onchange={on_currency} />
                }
                <LabelledSelect id="ctl-number" label={t.number_style} value={v.number_style.code()}
                    options={NumberStyle::ALL.iter().map(|s| o(s.code(), match s {
                        NumberStyle::Compact => t.number_compact,
                        NumberStyle::Full => t.number_full,
                    })).collect::<Vec<_>>()}
                    onchange={send(&p.on_number_style, NumberStyle::read)} />
                <LabelledSelect id="ctl-theme" label={t.theme} value={p.theme.code()}
                    options={vec![o("system", t.theme_system), o("light", t.theme_light), o("dark", t.theme_dark)]}
                    onchange={send(&p.on_theme, Theme::parse)} />
            </div>
        </section>
    }
}

/// The settings label of a family's choice.
fn family_label(f: Family, t: &Strings) -> &'static str {
    match f {
        Family::Area => t.area_unit,
        Family::Length => t.length_unit,
        Family::Volume => t.volume_unit,
        Family::Mass => t.mass_unit,
        Family::Energy => t.energy_unit,
        Family::Power => t.power_unit,
    }
}
