//! Build-time prerendering (native only): the embedded case's default view rendered to HTML by
//! Yew's server renderer, for the browser to hydrate, and its charts drawn to SVG files by the
//! same plotters code as the canvas. `src/bin/prerender.rs` writes the results into a built
//! `dist/`; nothing here runs in the browser.
//!
//! The page reads without JavaScript: `<noscript>` says which parts need it, and
//! `static/noscript.css` (linked only inside `<noscript>`) marks the controls that cannot work.

use crate::charts::image;
use crate::charts::spec::all_charts;
use crate::components::{App, AppProps, Boot};
use crate::i18n::tr;
use crate::model::Lang;
use crate::state::ViewState;
use std::rc::Rc;

/// A prerendered page: its language, what goes in its `<head>` and `<div id="app">`, and the
/// chart images (path relative to the page, SVG text).
pub struct Page {
    pub lang: Lang,
    pub title: String,
    pub description: String,
    pub body: String,
    pub images: Vec<(String, String)>,
}

/// The folder, relative to the site's root, of each language's page: the English page is the
/// site's `index.html`, the Chinese one `zh/index.html` (a static host serves `zh/` without any
/// rewrite rule, and each page links the other).
pub fn folder(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Zh => "zh/",
    }
}

/// Render the default view of the embedded dataset in `lang`.
pub fn render(lang: Lang) -> Result<Page, String> {
    let boot = Boot::prerendered(lang);
    let model = match &boot.start {
        Ok(s) => s.model.clone(),
        Err(e) => return Err(format!("the embedded dataset does not load: {e:?}")),
    };
    let view = ViewState::prerendered(lang);
    let mut images = Vec::new();
    for spec in all_charts(&model, view.units, view.number_style, lang, None) {
        images.push((image::path(&spec.key), image::svg(&spec)?));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    let body = runtime.block_on(
        yew::LocalServerRenderer::<App>::with_props(AppProps {
            boot: Rc::new(boot),
        })
        .hydratable(true)
        .render(),
    );
    Ok(Page {
        lang,
        // As the header's effect writes it once the app runs.
        title: format!(
            "{} — {}",
            model.story.title.value.get(lang),
            tr(lang).app_title
        ),
        description: model.story.intro.value.get(lang).to_string(),
        body,
        images,
    })
}

const APP_ROOT: &str = "<div id=\"app\"></div>";

/// `template` (the built `index.html`, whose body holds an empty `<div id="app"></div>`) with
/// `page` written in: the page's language, title and description, the rendered body, and the
/// notes for readers without JavaScript. `other` is the relative address of the page in the
/// other language.
pub fn fill(template: &str, page: &Page, other: &str) -> Result<String, String> {
    use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
    let t = tr(page.lang);
    let mut html = template.to_string();
    let code = page.lang.code();
    let root = format!(
        "<div id=\"app\" data-prerendered=\"{code}\">{}</div>",
        page.body
    );
    replace_once(&mut html, APP_ROOT, &root)?;
    let html_lang = match page.lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    replace_between(&mut html, "<html lang=\"", "\"", html_lang)?;
    replace_between(&mut html, "<title>", "</title>", &text(&page.title))?;
    replace_between(
        &mut html,
        "<meta name=\"description\" content=\"",
        "\"",
        &attr(&page.description),
    )?;
    // The stylesheet for readers without JavaScript sits beside the main one.
    let (_, sheet) = between(&html, "<link rel=\"stylesheet\" href=\"", "\"")
        .ok_or("the built index.html links no stylesheet")?;
    let base = &sheet[..sheet.rfind('/').map_or(0, |i| i + 1)];
    let head_note =
        format!("<noscript><link rel=\"stylesheet\" href=\"{base}noscript.css\" /></noscript>");
    replace_once(&mut html, "</head>", &format!("{head_note}</head>"))?;
    // The template's own `<noscript>` ("needs JavaScript") gives way to one that says what
    // works, placed first so it is read first.
    let body = html
        .find("<body")
        .ok_or("the built index.html has no <body>")?;
    let at = html[body..]
        .find("<noscript>")
        .map(|i| body + i)
        .ok_or("the built index.html has no <noscript> in its body")?;
    let end = html[at..]
        .find("</noscript>")
        .map(|i| at + i + "</noscript>".len())
        .ok_or("unclosed <noscript>")?;
    html.replace_range(at..end, "");
    let note = format!(
        "<noscript><p class=\"static-copy\">{} <a href=\"{}\" lang=\"{}\">{}</a></p></noscript>",
        text(t.static_copy),
        attr(other),
        match page.lang {
            Lang::En => "zh-CN",
            Lang::Zh => "en",
        },
        text(t.other_language_page)
    );
    let root_at = html
        .find("<div id=\"app\"")
        .ok_or("the app's element went missing")?;
    html.insert_str(root_at, &note);
    Ok(html)
}

/// Where `open` ends and the text up to the next `close` (start index of that text, the text).
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<(usize, &'a str)> {
    let at = s.find(open)? + open.len();
    let len = s[at..].find(close)?;
    Some((at, &s[at..at + len]))
}

fn replace_between(s: &mut String, open: &str, close: &str, with: &str) -> Result<(), String> {
    let (at, old) = between(s, open, close)
        .ok_or_else(|| format!("the built index.html has no `{open}…{close}`"))?;
    let len = old.len();
    s.replace_range(at..at + len, with);
    Ok(())
}

fn replace_once(s: &mut String, what: &str, with: &str) -> Result<(), String> {
    let at = s
        .find(what)
        .ok_or_else(|| format!("the built index.html has no `{what}`"))?;
    s.replace_range(at..at + what.len(), with);
    Ok(())
}
