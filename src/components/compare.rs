//! The comparison view (`?view=compare`): the site's cases (`cases/index.json`, fetched when the
//! view first opens, relative to the site's root, which the page's boot script names) and the
//! datasets kept in this browser, set side by side on one concept by `model::compare`, as a
//! table and an HTML dot chart (the table is its text). Each value links to its case's page with
//! the figure open (`?fig=`). The choice lives in the address (`model::compare::Choice`).

use crate::i18n::tr;
use crate::model::compare::{self, Apart, CaseIn, Choice, Comparison, FAR_FACTOR};
use crate::model::{concepts, Currency, Family, Lang, Model, RateRule, Unit};
use crate::numfmt;
use crate::record::StoredDataset;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// One case of the site, as `cases/index.json` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteEntry {
    pub id: String,
    pub title: Vec<(String, String)>,
    pub place: Vec<(String, String)>,
    /// Its page and its dataset, from the site's root.
    pub page: String,
    pub data: String,
}

fn pick(texts: &[(String, String)], lang: Lang) -> &str {
    texts
        .iter()
        .find(|(l, _)| l == lang.code())
        .or_else(|| texts.first())
        .map_or("", |(_, t)| t.as_str())
}

/// Read `cases/index.json`; entries with a missing field or an unusable id are left out.
pub fn read_index(text: &str) -> Option<Vec<SiteEntry>> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let texts = |x: Option<&serde_json::Value>| -> Vec<(String, String)> {
        x.and_then(|x| x.as_object())
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let list = v.get("cases")?.as_array()?;
    Some(
        list.iter()
            .filter_map(|c| {
                let s = |k: &str| c.get(k)?.as_str().map(str::to_string);
                let id =
                    s("id").filter(|id| compare::valid_key(id) && !id.starts_with("local:"))?;
                let page = s("page")?;
                let data = s("data")?;
                // Addresses inside the site only.
                let inside = |p: &str| !p.contains("//") && !p.contains("..") && !p.contains(':');
                (inside(&page) && inside(&data)).then(|| SiteEntry {
                    title: texts(c.get("title")),
                    place: texts(c.get("place")),
                    id,
                    page,
                    data,
                })
            })
            .collect(),
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Index {
    Loading,
    Ready(Rc<Vec<SiteEntry>>),
    /// Not part of a site (opened from a file, or no index).
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
enum Got {
    Loading,
    Ready(Rc<Model>),
    Failed,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Loaded(BTreeMap<String, Got>);

impl Reducible for Loaded {
    type Action = (String, Got);
    fn reduce(self: Rc<Self>, (key, got): (String, Got)) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.insert(key, got);
        Rc::new(next)
    }
}

/// The site's root as this page knows it: the folder of its boot script (`boot-<hash>.js`, which
/// sits at the root, also under `--public-url`).
fn site_root() -> Option<String> {
    super::browser::beside_boot("./").ok().flatten()
}

/// Fetch a text of the site; `done(None)` on any failure.
fn fetch_text(url: &str, done: impl FnOnce(Option<String>) + 'static) {
    let Some(w) = web_sys::window() else {
        return done(None);
    };
    let done = Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |text: Option<String>| {
            if let Some(f) = done.borrow_mut().take() {
                f(text);
            }
        }
    };
    let fail = {
        let finish = finish.clone();
        Closure::once(move |_: JsValue| finish(None))
    };
    let got_text = {
        let finish = finish.clone();
        Closure::once(move |t: JsValue| finish(t.as_string()))
    };
    let finish_bad = finish.clone();
    let got_response = Closure::once(move |r: JsValue| match r.dyn_into::<web_sys::Response>() {
        Ok(r) if r.ok() => match r.text() {
            Ok(p) => {
                let _ = p.then(&got_text);
                got_text.forget();
            }
            Err(_) => finish_bad(None),
        },
        Ok(_) | Err(_) => finish_bad(None),
    });
    let _ = w.fetch_with_str(url).then2(&got_response, &fail);
    got_response.forget();
    fail.forget();
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The reader's language and number style (this view is a module of its own, with no
    /// access to the page's context: see `components/on_demand.rs`).
    pub lang: Lang,
    pub number_style: crate::model::display::NumberStyle,
    pub choice: Choice,
    /// The datasets kept in this browser.
    pub datasets: Vec<StoredDataset>,
    pub on_change: Callback<Choice>,
}

fn fill(s: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(s.to_string(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

/// A callback for a select of the view: the choice with `set` applied to the value chosen.
fn choose(
    choice: &Choice,
    on_change: &Callback<Choice>,
    set: fn(&mut Choice, String),
) -> Callback<Event> {
    let choice = choice.clone();
    on_change.reform(move |e: Event| {
        let mut c = choice.clone();
        set(&mut c, super::browser::event_value(&e));
        c
    })
}

#[function_component(Compare)]
pub fn compare_view(p: &CompareProps) -> Html {
    let lang = p.lang;
    let t = tr(lang);
    let index = use_state(|| Index::Loading);
    let loaded = use_reducer(Loaded::default);
    let root = use_memo((), |_| site_root());
    {
        let index = index.clone();
        let root = root.clone();
        use_effect_with((), move |_| match root.as_ref() {
            Some(r) => fetch_text(&format!("{r}cases/index.json"), move |text| {
                index.set(match text.as_deref().and_then(read_index) {
                    Some(list) => Index::Ready(Rc::new(list)),
                    None => Index::Missing,
                })
            }),
            None => index.set(Index::Missing),
        });
    }
    // Read every chosen case not read yet.
    {
        let loaded = loaded.clone();
        let root = root.clone();
        let have: Vec<String> = loaded.0.keys().cloned().collect();
        use_effect_with(
            (p.choice.cases.clone(), (*index).clone(), have),
            move |(cases, index, have)| {
                for key in cases.iter().filter(|k| !have.contains(k)) {
                    if let Some(id) = key.strip_prefix("local:") {
                        loaded.dispatch((key.clone(), Got::Loading));
                        let loaded = loaded.clone();
                        let key = key.clone();
                        let d = crate::state::DatasetRef::Local(id.to_string());
                        yew::platform::spawn_local(async move {
                            let got = crate::requests::open_dataset(&d)
                                .await
                                .map_or(Got::Failed, |(m, _, _)| Got::Ready(m));
                            loaded.dispatch((key, got));
                        });
                    } else if let (Index::Ready(list), Some(r)) = (index, root.as_ref()) {
                        if let Some(e) = list.iter().find(|e| &e.id == key) {
                            loaded.dispatch((key.clone(), Got::Loading));
                            let loaded = loaded.clone();
                            let key = key.clone();
                            fetch_text(&format!("{r}{}", e.data), move |text| {
                                let got = text
                                    .and_then(|t| Model::from_json(&t).ok())
                                    .map_or(Got::Failed, |m| Got::Ready(Rc::new(m)));
                                loaded.dispatch((key, got));
                            });
                        }
                    }
                }
            },
        );
    }
    // Dots are placed through the CSS object model: the page's policy forbids style attributes.
    use_effect(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(dots) = doc.query_selector_all(".dot-plot .dot[data-x]") else {
            return;
        };
        for i in 0..dots.length() {
            let Some(el) = dots
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            if let Some(x) = el.get_attribute("data-x") {
                let _ = el.style().set_property("left", &format!("{x}%"));
            }
        }
    });

    let site: Rc<Vec<SiteEntry>> = match &*index {
        Index::Ready(l) => l.clone(),
        Index::Loading | Index::Missing => Rc::new(Vec::new()),
    };
    let title_of = |key: &str| -> String {
        if let Some(e) = site.iter().find(|e| e.id == key) {
            return pick(&e.title, lang).to_string();
        }
        if let Some(id) = key.strip_prefix("local:") {
            if let Some(d) = p.datasets.iter().find(|d| d.id == id) {
                let t = d.title(lang);
                return if t.is_empty() {
                    id.to_string()
                } else {
                    t.to_string()
                };
            }
        }
        match loaded.0.get(key) {
            Some(Got::Ready(m)) => m.dataset.case.title.get(lang).to_string(),
            Some(Got::Loading | Got::Failed) | None => key.to_string(),
        }
    };

    // The checkboxes: the site's cases, then the datasets kept here.
    let toggle = |key: String| {
        let choice = p.choice.clone();
        p.on_change.reform(move |_: Event| {
            let mut c = choice.clone();
            match c.cases.iter().position(|k| *k == key) {
                Some(i) => {
                    c.cases.remove(i);
                }
                None => c.cases.push(key.clone()),
            }
            c
        })
    };
    let boxes = site
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                pick(&e.title, lang).to_string(),
                pick(&e.place, lang).to_string(),
            )
        })
        .chain(p.datasets.iter().filter(|d| !d.newer).map(|d| {
            let title = d.title(lang);
            (
                format!("local:{}", d.id),
                if title.is_empty() {
                    d.id.clone()
                } else {
                    title.to_string()
                },
                t.compare_stored.to_string(),
            )
        }))
        .enumerate()
        .map(|(i, (key, title, note))| {
            let id = format!("cmp-case-{i}");
            let checked = p.choice.cases.contains(&key);
            html! {
                <li>
                    <input type="checkbox" id={id.clone()} value={key.clone()} {checked}
                        onchange={toggle(key.clone())} />
                    <label for={id}>{title}
                        if !note.is_empty() { <span class="muted">{" · "}{note}</span> }
                    </label>
                </li>
            }
        });

    let on_concept = choose(&p.choice, &p.on_change, |c, v| {
        c.concept = concepts::find(&v).map(|r| r.code.to_string());
    });
    let on_currency = choose(&p.choice, &p.on_change, |c, v| {
        c.currency = Currency::parse(&v).filter(|x| x.code() != compare::DEFAULT_CURRENCY);
    });
    let on_area = choose(&p.choice, &p.on_change, |c, v| {
        c.area = crate::model::units::choice_code(Family::Area, &v)
            .filter(|a| *a != compare::DEFAULT_AREA);
    });
    let basis = p.choice.basis();
    let chosen_concept = p.choice.concept.clone().unwrap_or_default();
    let concept_options = concepts::CONCEPTS.iter().map(|c| {
        html! { <option value={c.code} selected={c.code == chosen_concept}>{c.name(lang.code())}</option> }
    });
    // Currencies: dollars, and any the chosen cases have money or a rate in.
    let mut currencies: Vec<Currency> = Currency::parse(compare::DEFAULT_CURRENCY)
        .into_iter()
        .collect();
    for g in loaded.0.values() {
        if let Got::Ready(m) = g {
            for c in m.currencies() {
                if !currencies.contains(c) {
                    currencies.push(*c);
                }
            }
        }
    }
    let cur_options = currencies.iter().map(|c| {
        html! { <option value={c.code().to_string()} selected={basis.currency == Some(*c)}>{c.name(lang)}</option> }
    });
    let area_options = Family::Area.choices().map(|r| {
        let name = Unit::parse(r.code).map_or(r.code.to_string(), |u| u.symbol(lang));
        html! { <option value={r.code} selected={basis.area == r.code}>{name}</option> }
    });

    // What the address named that is not at hand (known once the index is read).
    let unknown: Vec<String> = match &*index {
        Index::Loading => Vec::new(),
        Index::Ready(_) | Index::Missing => p
            .choice
            .cases
            .iter()
            .filter(|k| match k.strip_prefix("local:") {
                Some(id) => !p.datasets.iter().any(|d| d.id == id),
                None => !site.iter().any(|e| e.id == **k),
            })
            .cloned()
            .collect(),
    };
    let failed: Vec<String> = p
        .choice
        .cases
        .iter()
        .filter(|k| matches!(loaded.0.get(*k), Some(Got::Failed)))
        .map(|k| title_of(k))
        .collect();
    let loading = p
        .choice
        .cases
        .iter()
        .any(|k| matches!(loaded.0.get(k), Some(Got::Loading)))
        || (*index == Index::Loading && p.choice.cases.iter().any(|k| !k.starts_with("local:")));

    let ready: Vec<(String, Rc<Model>)> = p
        .choice
        .cases
        .iter()
        .filter_map(|k| match loaded.0.get(k) {
            Some(Got::Ready(m)) => Some((k.clone(), m.clone())),
            Some(Got::Loading | Got::Failed) | None => None,
        })
        .collect();
    let result = match (&p.choice.concept, ready.is_empty()) {
        (Some(code), false) => {
            let ins: Vec<CaseIn> = ready
                .iter()
                .map(|(k, m)| CaseIn { key: k, model: m })
                .collect();
            let c = compare::compare(&ins, code, basis, lang);
            results(
                &c,
                code,
                &ready,
                &site,
                &title_of,
                lang,
                p.number_style,
                (*root).as_deref(),
            )
        }
        (Some(_) | None, _) => html! { <p class="muted" id="compare-hint">{t.compare_choose}</p> },
    };

    html! {
        <section class="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{t.view_compare}</h2>
            <p class="intro">{t.compare_intro}</p>
            if !unknown.is_empty() {
                <p class="notice-inline" role="status" id="compare-unknown">
                    {fill(t.compare_unknown, &[("list", &unknown.join(", "))])}</p>
            }
            if !failed.is_empty() {
                <p class="notice-inline" role="status" id="compare-failed">
                    {fill(t.compare_failed, &[("list", &failed.join(", "))])}</p>
            }
            <div class="compare-choices">
                <fieldset class="compare-cases">
                    <legend>{t.compare_cases}</legend>
                    { match &*index {
                        Index::Loading => html! { <p class="muted" role="status">{t.compare_site_loading}</p> },
                        Index::Missing => html! { <p class="muted" id="compare-no-site">{t.compare_no_site}</p> },
                        Index::Ready(_) => html! {},
                    } }
                    <ul class="plain">{ for boxes }</ul>
                </fieldset>
                <div class="compare-basis">
                    <label for="cmp-concept">{t.compare_concept}</label>
                    <select id="cmp-concept" onchange={on_concept}>
                        <option value="" selected={chosen_concept.is_empty()}>{t.compare_choose_concept}</option>
                        { for concept_options }
                    </select>
                    <label for="cmp-currency">{t.compare_currency}</label>
                    <select id="cmp-currency" onchange={on_currency}>{ for cur_options }</select>
                    <label for="cmp-area">{t.compare_area}</label>
                    <select id="cmp-area" onchange={on_area}>{ for area_options }</select>
                </div>
            </div>
            if loading { <p class="muted" role="status">{t.compare_loading}</p> }
            {result}
        </section>
    }
}

/// Where a value links to: its case's page (in this language) with the figure open.
fn figure_href(root: Option<&str>, site: &[SiteEntry], key: &str, id: &str, lang: Lang) -> String {
    let root = root.unwrap_or("");
    let folder = if lang == Lang::default() {
        String::new()
    } else {
        format!("{}/", lang.code())
    };
    let fig = crate::state::encode_param(id);
    match (
        key.strip_prefix("local:"),
        site.iter().find(|e| e.id == key),
    ) {
        (None, Some(e)) => format!("{root}{}{folder}?fig={fig}", e.page),
        (Some(ds), _) => {
            let l = if lang == Lang::default() {
                String::new()
            } else {
                format!("&lang={}", lang.code())
            };
            format!("{root}?ds=local:{ds}&fig={fig}{l}")
        }
        (None, None) => format!("{root}?fig={fig}"),
    }
}

#[allow(clippy::too_many_arguments)]
fn results(
    c: &Comparison,
    code: &str,
    ready: &[(String, Rc<Model>)],
    site: &[SiteEntry],
    title_of: &dyn Fn(&str) -> String,
    lang: Lang,
    style: crate::model::display::NumberStyle,
    root: Option<&str>,
) -> Html {
    let t = tr(lang);
    let concept_name = concepts::find(code).map_or(code, |r| r.name(lang.code()));
    let model_of = |key: &str| ready.iter().find(|(k, _)| k == key).map(|(_, m)| m.clone());
    let num = |v: f64| numfmt::number(v, lang, Some(4), style);
    let value_text = |e: &compare::Entry| numfmt::shown(&e.shown, lang, style);
    // The figure's label, linking to it on its case's page, and its source quoted.
    let figure_cell = |e: &compare::Entry| {
        let m = model_of(&e.case);
        let label = m
            .as_ref()
            .and_then(|m| m.quantity(&e.id))
            .map_or(e.id.clone(), |q| q.label.get(lang).to_string());
        let source = m.as_ref().and_then(|m| {
            m.figure(&e.id)
                .map(|f| f.source.note.get(lang).to_string())
                .or_else(|| m.derived(&e.id).map(|d| d.formula.get(lang).to_string()))
        });
        let href = figure_href(root, site, &e.case, &e.id, lang);
        html! {
            <>
                <a href={href} class="compare-link" data-case={e.case.clone()} data-figure={e.id.clone()}>{label}</a>
                if let Some(n) = e.paragraph { <span class="muted">{format!(" · {} {n}", t.paragraph)}</span> }
                if let Some(s) = source { <br /><q class="compare-source">{s}</q> }
            </>
        }
    };
    let rate_text = |e: &compare::Entry| match &e.shown.rate {
        Some(r) => {
            let rule = match r.rule {
                RateRule::SameYear => t.rate_same_year,
                RateRule::MeanOfYears => t.rate_mean,
                RateRule::Latest => t.rate_latest,
                RateRule::Nearest => t.rate_nearest,
            };
            let per = Unit::parse(&format!("{}/{}", r.pair.0, r.pair.1))
                .map_or(String::new(), |u| u.symbol(lang));
            let years: Vec<String> = r.years.iter().map(|y| y.to_string()).collect();
            fill(
                t.compare_rate_text,
                &[
                    (
                        "rate",
                        &format!("{} {per}", numfmt::number(r.value, lang, Some(5), style)),
                    ),
                    ("years", &format!("{rule}; {}", years.join(", "))),
                ],
            )
        }
        None => String::new(),
    };
    let k = num(FAR_FACTOR);
    let far_text = fill(t.compare_far, &[("k", &k)]);
    // The rate column only when some value was converted at a rate (never for areas).
    let rates = c.compared.iter().any(|x| !rate_text(&x.entry).is_empty());
    let rows = c.compared.iter().map(|x| {
        let e = &x.entry;
        let peers = x.peers.map_or("—".to_string(), |(lo, m, hi)| {
            format!("{} – {} – {}", num(lo), num(m), num(hi))
        });
        html! {
            <tr role="row" class={classes!(x.far.then_some("far"))} data-case={e.case.clone()} data-figure={e.id.clone()}>
                <th scope="row" role="rowheader">{title_of(&e.case)}</th>
                <td role="cell" data-label={t.compare_figure}>{figure_cell(e)}</td>
                <td role="cell" class="num" data-label={t.value} data-value={e.shown.value.central().to_string()}>{value_text(e)}
                    if x.far { <br /><span class="far-mark" title={far_text.clone()}>{"⚠ "}{t.compare_far_short}</span> }
                </td>
                <td role="cell" data-label={t.period}>{e.period.clone().unwrap_or_default()}</td>
                if rates { <td role="cell" data-label={t.compare_rate}>{rate_text(e)}</td> }
                <td role="cell" class="num" data-label={t.compare_peers}>{peers}</td>
            </tr>
        }
    });
    // The dot chart: a log scale when the values span more than a factor of 20.
    let values: Vec<f64> = c
        .compared
        .iter()
        .map(|x| x.entry.shown.value.central())
        .collect();
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log = lo > 0.0 && hi / lo > 20.0;
    let (a, b) = if log {
        (lo.log10().floor(), hi.log10().ceil())
    } else {
        (lo.min(0.0), if hi > 0.0 { hi * 1.05 } else { 1.0 })
    };
    let pos = |v: f64| -> f64 {
        let x = if log { v.log10() } else { v };
        let p = if b > a {
            (x - a) / (b - a) * 100.0
        } else {
            50.0
        };
        (p.clamp(0.0, 100.0) * 10.0).round() / 10.0
    };
    let dots = c.compared.iter().map(|x| {
        let e = &x.entry;
        let v = e.shown.value.central();
        html! {
            <li class={classes!(x.far.then_some("far"))}>
                <span class="dot-label">{title_of(&e.case)}</span>
                <span class="dot-track">
                    if v.is_finite() { <span class="dot" data-x={pos(v).to_string()}></span> }
                </span>
                <span class="dot-value">{value_text(e)}</span>
            </li>
        }
    });
    let scale_note = if log {
        format!(
            "{} – {} · {}",
            num(10f64.powf(a)),
            num(10f64.powf(b)),
            t.compare_log
        )
    } else {
        format!("{} – {}", num(a), num(b))
    };
    let apart = c.apart.iter().map(|(e, why)| {
        let reason = match why {
            Apart::NoRate { from, to } => fill(
                t.compare_no_rate,
                &[("from", from.code()), ("to", to.code())],
            ),
            Apart::OtherBasis { compared } => {
                fill(t.compare_other_basis, &[("unit", compared.as_str())])
            }
        };
        html! {
            <li data-case={e.case.clone()} data-figure={e.id.clone()}>
                <strong>{title_of(&e.case)}</strong>{": "}{figure_cell(e)}{" — "}
                <span class="apart-value">{value_text(e)}</span>{" — "}
                <span class="apart-reason">{reason}</span>
            </li>
        }
    });
    let silent: Vec<String> = c.silent.iter().map(|k| title_of(k)).collect();
    html! {
        <div class="compare-results">
            if c.compared.is_empty() {
                <p id="compare-nothing">{t.compare_nothing}</p>
            } else {
                <div class="table-wrap">
                // On a phone the rows become cards (static/style.css), so the roles are written
                // out: a table laid out as blocks keeps them for screen readers.
                <table id="compare-table" role="table">
                    <caption>{fill(t.compare_table, &[("concept", concept_name), ("unit", &c.unit)])}</caption>
                    <thead role="rowgroup"><tr role="row">
                        <th scope="col" role="columnheader">{t.compare_case}</th>
                        <th scope="col" role="columnheader">{t.compare_figure}</th>
                        <th scope="col" role="columnheader">{t.value}</th>
                        <th scope="col" role="columnheader">{t.period}</th>
                        if rates { <th scope="col" role="columnheader">{t.compare_rate}</th> }
                        <th scope="col" role="columnheader">{t.compare_peers}</th>
                    </tr></thead>
                    <tbody role="rowgroup">{ for rows }</tbody>
                </table>
                </div>
                <p class="muted">{"⚠ "}{far_text}</p>
                <figure class="dot-plot" aria-hidden="true">
                    <figcaption>{t.compare_chart}{" · "}{c.unit.clone()}{" · "}{scale_note}</figcaption>
                    <ul class="plain">{ for dots }</ul>
                </figure>
            }
            if !c.apart.is_empty() {
                <h3>{t.compare_apart}</h3>
                <ul id="compare-apart">{ for apart }</ul>
            }
            if !silent.is_empty() {
                <p class="muted" id="compare-silent">{fill(t.compare_silent, &[("list", &silent.join(", "))])}</p>
            }
        </div>
    }
}
