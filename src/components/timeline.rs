use super::figure_link::FigureLink;
use super::magnitude::Scales;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::show;
use crate::model::format::period_text;
use crate::model::{Model, Period};
use crate::numfmt;
use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

/// Renders the quantities at these indices as list items.
type ListItems = dyn Fn(&[usize]) -> Html;

/// Quantities (indices into `Model::quantities`) by year, and the undated ones.
struct Dated {
    years: Vec<(i32, Rc<[usize]>)>,
    undated: Vec<usize>,
}

fn dated(model: &Model) -> Dated {
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut undated = Vec::new();
    for (i, q) in model.quantities.iter().enumerate() {
        if q.origin == crate::model::Origin::Derived {
            continue;
        }
        match &q.period {
            Some(Period::Year { year }) | Some(Period::Since { year }) => {
                years.entry(*year).or_default().push(i)
            }
            Some(Period::Range { from, .. }) => years.entry(*from).or_default().push(i),
            Some(Period::RecentYears | Period::Present | Period::Undated) | None => undated.push(i),
        }
    }
    Dated {
        years: years.into_iter().map(|(y, ids)| (y, ids.into())).collect(),
        undated,
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub on_select: Callback<String>,
}

/// Dated figures on their years; the undated ones apart, never on a guessed year. Years, and the
/// figures of each year, are shown a page at a time.
#[function_component(Timeline)]
pub fn timeline(p: &TimelineProps) -> Html {
    let app = use_app();
    let model = app.model.clone();
    let v = &app;
    let lang = v.lang;
    let t = tr(lang);
    // Grouped once per dataset, not at every render (a language switch, a selection).
    let groups = {
        let model = model.clone();
        use_memo(Rc::as_ptr(&model) as usize, move |_| dated(&model))
    };
    let (units, style, on_select) = (v.units, v.number_style, p.on_select.clone());
    // Each entry's bar against the largest value of its unit in the whole timeline.
    let scales = {
        let all = groups
            .years
            .iter()
            .flat_map(|(_, ids)| ids.iter().copied())
            .chain(groups.undated.iter().copied());
        let shown: Vec<_> = all
            .filter_map(|i| model.quantities.get(i))
            .map(|q| show(&model, q, units, lang))
            .collect();
        Scales::of(&shown)
    };
    // The figures `ids[range]` as a list.
    let items: Rc<ListItems> = Rc::new(move |ids: &[usize]| {
        let item = |i: usize| {
            let Some(q) = model.quantities.get(i) else {
                return html! {};
            };
            let s = show(&model, q, units, lang);
            let how = match &q.period {
                Some(Period::Since { .. }) => format!(" ({})", t.since_year),
                Some(p @ Period::Range { .. }) => {
                    format!(" ({} {})", t.period_span, period_text(Some(p), lang))
                }
                Some(
                    Period::Year { .. } | Period::RecentYears | Period::Present | Period::Undated,
                )
                | None => String::new(),
            };
            html! {
                <li class="entry"><FigureLink id={q.id.clone()} on_select={on_select.clone()} />
                    {": "}<span class="entry-amount"><span class="entry-value">{numfmt::shown(&s, lang, style)}</span>
                    {scales.bar(&s)}</span>{how}</li>
            }
        };
        html! { { for ids.iter().map(|&i| item(i)) } }
    });
    let years = {
        let (groups, items) = (groups.clone(), items.clone());
        Callback::from(move |r: Range<usize>| {
            let year = |(y, ids): &(i32, Rc<[usize]>)| {
                let (ids, total) = (ids.clone(), ids.len());
                let items = items.clone();
                let render = Callback::from(move |r: Range<usize>| {
                    html! { <ul class="plain">{items(&ids[r])}</ul> }
                });
                html! {
                    <li class="year" key={y.to_string()} data-year={y.to_string()}>
                        <h3>{y.to_string()}</h3>
                        <Paged id={format!("year-{y}")} {total} {render} {lang} />
                    </li>
                }
            };
            html! { <ol class="timeline">{ for groups.years[r].iter().map(year) }</ol> }
        })
    };
    let undated = {
        let groups = groups.clone();
        Callback::from(move |r: Range<usize>| {
            html! {
                <ul class="plain undated" aria-labelledby="undated-title">{items(&groups.undated[r])}</ul>
            }
        })
    };
    html! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.view_timeline}</h2>
            <p class="intro">{t.timeline_intro}</p>
            <Paged id="timeline-years" total={groups.years.len()} render={years} {lang} />
            <h3 id="undated-title">{t.undated_items}</h3>
            <Paged id="timeline-undated" total={groups.undated.len()} render={undated} {lang} />
        </section>
    }
}
