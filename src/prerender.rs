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

/// The folder, relative to the site's root, of each language's page: the default language's page
/// is the site's `index.html`, every other one `<code>/index.html` (`zh/`, `fr/`: a static host
/// serves them without any rewrite rule, and each page links the others).
pub fn folder(lang: Lang) -> String {
    if lang == Lang::default() {
        String::new()
    } else {
        format!("{}/", lang.code())
    }
}

/// The address of `to`'s page relative to `from`'s: up out of `from`'s folder, then into `to`'s
/// (`zh/` from the English page, `../` from the Chinese one, `../fr/` from it to the French one).
pub fn link(from: Lang, to: Lang) -> String {
    if from == to {
        return "./".to_string();
    }
    let up = "../".repeat(folder(from).matches('/').count());
    format!("{up}{}", folder(to))
}

/// The stylesheet linked only inside `<noscript>`; the prerender writes it beside the pages.
pub const NOSCRIPT_CSS: &str = include_str!("../static/noscript.css");

/// Subresource Integrity (`sha384-…`) of some bytes, as an `integrity` attribute wants it.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha384};
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
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

/// `template` (the built `index.html`, whose body holds an empty `<div id="app">` and a
/// `<noscript>` note) with `page` written in: the page's language, title and description (also
/// as Open Graph tags for link previews), the
/// rendered body, and for readers without JavaScript a note on what needs it (which replaces the
/// template's, and links the page in every other language) and `noscript.css` beside the main
/// stylesheet, with its integrity.
pub fn fill(template: &str, page: &Page) -> Result<String, String> {
    use lol_html::html_content::ContentType;
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    use std::cell::Cell;

    let t = tr(page.lang);
    let others: Vec<Lang> = Lang::ALL.into_iter().filter(|l| *l != page.lang).collect();
    // Link previews (Open Graph): the case's title and intro, the page's locale and the others.
    let attr = |s: &str| html_escape::encode_double_quoted_attribute(s).into_owned();
    let alternates: String = others
        .iter()
        .map(|l| {
            format!(
                "<meta property=\"og:locale:alternate\" content=\"{}\" />",
                l.language().og_locale
            )
        })
        .collect();
    let preview = format!(
        "<meta property=\"og:type\" content=\"website\" />\
         <meta property=\"og:title\" content=\"{}\" />\
         <meta property=\"og:description\" content=\"{}\" />\
         <meta property=\"og:locale\" content=\"{}\" />{alternates}",
        attr(&page.title),
        attr(&page.description),
        page.lang.language().og_locale,
    );
    let sheet_integrity = integrity(NOSCRIPT_CSS.as_bytes());
    // Each other language's page, by its name in itself.
    let links: Vec<String> = others
        .iter()
        .map(|l| {
            format!(
                "<a href=\"{}\" lang=\"{}\" hreflang=\"{}\">{}</a>",
                attr(&link(page.lang, *l)),
                l.html_tag(),
                l.html_tag(),
                html_escape::encode_text(l.language().name)
            )
        })
        .collect();
    let note = format!(
        "<noscript><p class=\"static-copy\">{} {} {}</p></noscript>",
        html_escape::encode_text(t.static_copy),
        html_escape::encode_text(t.other_language_page),
        links.join(t.list_separator)
    );
    let (app_found, sheet_found) = (Cell::new(false), Cell::new(false));
    let html = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| Ok(
                    el.set_attribute("lang", page.lang.html_tag())?
                )),
                element!("title", |el| {
                    el.set_inner_content(&page.title, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &page.description)?;
                    el.after(&preview, ContentType::Html);
                    Ok(())
                }),
                // The stylesheet for readers without JavaScript sits beside the main one.
                element!("link[rel=stylesheet]", |el| {
                    if let Some(href) = el.get_attribute("href") {
                        let base = &href[..href.rfind('/').map_or(0, |i| i + 1)];
                        el.after(
                            &format!(
                                "<noscript><link rel=\"stylesheet\" href=\"{base}noscript.css\" \
                                 integrity=\"{sheet_integrity}\" /></noscript>"
                            ),
                            ContentType::Html,
                        );
                        sheet_found.set(true);
                    }
                    Ok(())
                }),
                element!("body > noscript", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("div#app", |el| {
                    el.set_attribute("data-prerendered", page.lang.code())?;
                    el.set_inner_content(&page.body, ContentType::Html);
                    el.before(&note, ContentType::Html);
                    app_found.set(true);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("cannot rewrite the built index.html: {e}"))?;
    if !app_found.get() {
        return Err("the built index.html has no <div id=\"app\"> to fill".into());
    }
    if !sheet_found.get() {
        return Err("the built index.html links no stylesheet".into());
    }
    Ok(html)
}
