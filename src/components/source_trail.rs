use super::figure_link::FigureLink;
use super::AppHandle;
use crate::i18n::tr;
use yew::prelude::*;

/// The case study paragraph by paragraph, with what each states; the selected figure's
/// paragraph is highlighted.
#[function_component(SourceTrail)]
pub fn source_trail() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let model = &app.model;
    let lang = app.view.lang;
    let t = tr(lang);
    let highlight = app
        .view
        .selected
        .as_deref()
        .and_then(|id| model.paragraph_of(id));
    let paragraphs = model.dataset.paragraphs.iter().map(|p| {
        let figures: Vec<_> = model
            .dataset
            .figures
            .iter()
            .filter(|f| f.source.paragraph == Some(p.n))
            .collect();
        let measures: Vec<_> = model.dataset.measures.iter().filter(|m| m.paragraph == p.n).collect();
        let here = highlight == Some(p.n);
        html! {
            <li class={classes!("paragraph", here.then_some("highlight"))} id={format!("para-{}", p.n)} data-paragraph={p.n.to_string()}>
                <h3>{format!("{} {} · {}", t.paragraph_long, p.n, p.title.get(lang))}
                    if here { <span class="badge">{t.highlighted}</span> }</h3>
                <p>{p.summary.get(lang)}</p>
                if !figures.is_empty() {
                    <h4>{t.figures_here}</h4>
                    <ul class="plain">{ for figures.iter().map(|f| {
                        let sel = app.view.selected.as_deref() == Some(f.id.as_str());
                        html! { <li><FigureLink id={f.id.clone()} class={classes!(sel.then_some("selected"))} />
                            if let Some(qt) = &f.source.quote { {" — "}<q>{qt.clone()}</q> }</li> }
                    }) }</ul>
                }
                if !measures.is_empty() {
                    <h4>{t.measures}</h4>
                    <ul class="plain">{ for measures.iter().map(|m| html! {
                        <li><strong>{m.label.get(lang)}</strong>{": "}{m.description.get(lang)}</li>
                    }) }</ul>
                }
            </li>
        }
    });
    html! {
        <section aria-labelledby="trail-title">
            <h2 id="trail-title">{t.view_trail}</h2>
            <p>{t.trail_intro}</p>
            <ol class="trail">{ for paragraphs }</ol>
        </section>
    }
}
