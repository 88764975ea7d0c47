use super::figure_link::FigureLink;
use super::localized;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::Model;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

/// Figures and measures (indices into the dataset's lists) by paragraph number.
#[derive(Default)]
struct Here {
    figures: Rc<[usize]>,
    measures: Rc<[usize]>,
}

/// One pass over the figures and measures, not one per paragraph.
fn by_paragraph(model: &Model) -> HashMap<u32, Here> {
    let mut figures: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, f) in model.dataset.figures.iter().enumerate() {
        if let Some(n) = f.source.paragraph {
            figures.entry(n).or_default().push(i);
        }
    }
    let mut measures: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, m) in model.dataset.measures.iter().enumerate() {
        measures.entry(m.paragraph).or_default().push(i);
    }
    let mut out: HashMap<u32, Here> = HashMap::new();
    for (n, ids) in figures {
        out.entry(n).or_default().figures = ids.into();
    }
    for (n, ids) in measures {
        out.entry(n).or_default().measures = ids.into();
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct SourceTrailProps {
    /// The selected figure or derived metric.
    pub selected: Option<AttrValue>,
    pub on_select: Callback<String>,
}

/// The case study paragraph by paragraph, with what each states; the selected figure's
/// paragraph is highlighted. Paragraphs, and the figures and measures of each, are shown a page
/// at a time.
#[function_component(SourceTrail)]
pub fn source_trail(p: &SourceTrailProps) -> Html {
    let app = use_app();
    let model = app.model.clone();
    let lang = app.lang;
    let t = tr(lang);
    let groups = {
        let model = model.clone();
        use_memo(Rc::as_ptr(&model) as usize, move |_| by_paragraph(&model))
    };
    let highlight = p.selected.as_deref().and_then(|id| model.paragraph_of(id));
    let (selected, on_select) = (p.selected.clone(), p.on_select.clone());
    let paragraphs = Callback::from(move |r: Range<usize>| {
        let paragraph = |p: &crate::model::Paragraph| {
            let empty = Here::default();
            let here = groups.get(&p.n).unwrap_or(&empty);
            let lit = highlight == Some(p.n);
            let figures = {
                let (model, ids, selected, on_select) = (
                    model.clone(),
                    here.figures.clone(),
                    selected.clone(),
                    on_select.clone(),
                );
                Callback::from(move |r: Range<usize>| {
                    let figure = |&i: &usize| {
                        let Some(f) = model.dataset.figures.get(i) else {
                            return html! {};
                        };
                        let sel = selected.as_deref() == Some(f.id.as_str());
                        html! { <li><FigureLink id={f.id.clone()} class={classes!(sel.then_some("selected"))} on_select={on_select.clone()} />
                        if let Some(qt) = &f.source.quote { {" — "}<q>{qt.clone()}</q> }</li> }
                    };
                    html! { <ul class="plain">{ for ids[r].iter().map(figure) }</ul> }
                })
            };
            let measures = {
                let (model, ids) = (model.clone(), here.measures.clone());
                Callback::from(move |r: Range<usize>| {
                    let measure = |&i: &usize| {
                        let Some(m) = model.dataset.measures.get(i) else {
                            return html! {};
                        };
                        html! { <li><strong>{m.label.get(lang)}</strong>{": "}{m.description.get(lang)}</li> }
                    };
                    html! { <ul class="plain">{ for ids[r].iter().map(measure) }</ul> }
                })
            };
            html! {
                <li class={classes!("paragraph", lit.then_some("highlight"))} id={format!("para-{}", p.n)} data-paragraph={p.n.to_string()}>
                    <h3>{format!("{} {} · {}", t.paragraph_long, p.n, p.title.get(lang))}
                        if lit { <span class="badge">{t.highlighted}</span> }</h3>
                    <p>{localized::text(&p.summary, lang)}</p>
                    if !here.figures.is_empty() {
                        <h4>{t.figures_here}</h4>
                        <Paged id={format!("para-{}-figures", p.n)} total={here.figures.len()} render={figures} {lang} />
                    }
                    if !here.measures.is_empty() {
                        <h4>{t.measures}</h4>
                        <Paged id={format!("para-{}-measures", p.n)} total={here.measures.len()} render={measures} {lang} />
                    }
                </li>
            }
        };
        html! { <ol class="trail">{ for model.dataset.paragraphs[r].iter().map(paragraph) }</ol> }
    });
    html! {
        <section aria-labelledby="trail-title">
            <h2 id="trail-title">{t.view_trail}</h2>
            <p>{t.trail_intro}</p>
            <Paged id="trail-paragraphs" total={app.model.dataset.paragraphs.len()} render={paragraphs} {lang} />
        </section>
    }
}
