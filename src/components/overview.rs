use super::card::Card;
use super::chart_panel::ChartPanel;
use super::narrative::Narrative;
use super::AppHandle;
use crate::charts::spec::all_charts;
use crate::i18n::tr;
use crate::model::narrative;
use crate::state::Action;
use yew::prelude::*;

/// Headline figures, chosen for the case; ids missing from another dataset are skipped.
const HEADLINES: &[&str] = &[
    "desert_treated_area",
    "forest_cover_rate",
    "vegetation_cover_now",
    "income_gain_all",
    "income_gain_poor",
    "tourism_income_2017",
    "forest_guards",
    "guard_salary",
    "subsidy_total",
    "forest_land_area",
];

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub dark: bool,
}

#[function_component(Overview)]
pub fn overview(p: &OverviewProps) -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let v = &app.view;
    let t = tr(v.lang);
    let charts = all_charts(
        &app.model,
        v.units,
        v.number_style,
        v.lang,
        v.channel.as_deref(),
    );
    let on_select = {
        let app = app.clone();
        Callback::from(move |id: String| app.dispatch(Action::Select(Some(id))))
    };
    let ids: Vec<&str> = HEADLINES
        .iter()
        .copied()
        .filter(|id| {
            app.model
                .quantity(id)
                .is_some_and(|q| v.channel.is_none() || q.channel.as_ref() == v.channel.as_ref())
        })
        .collect();
    html! {
        <>
            <p class="intro">{t.overview_intro}</p>
            <section aria-labelledby="headline-title">
                <h2 id="headline-title">{t.headline}</h2>
                <ul class="cards">{ for ids.into_iter().map(|id| html! { <Card id={id.to_string()} /> }) }</ul>
            </section>
            <Narrative sentences={narrative::overview(&app.model, v.lang)} class="lead" />
            <section aria-labelledby="charts-title">
                <h2 id="charts-title">{t.charts}</h2>
                <p class="hint">{t.chart_hint}</p>
                <div class="charts">
                    { for charts.into_iter().map(|spec| html! {
                        <ChartPanel narrative={narrative::sentences(&app.model, spec.key, v.lang)}
                            spec={std::rc::Rc::new(spec)} lang={v.lang} dark={p.dark}
                            selected={v.selected.clone()} on_select={on_select.clone()} />
                    }) }
                </div>
            </section>
        </>
    }
}
