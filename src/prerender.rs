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
use crate::site::SiteCase;
use crate::state::ViewState;
use std::rc::Rc;

/// A prerendered page: its language, what goes in its `<head>` and `<div id="app">`, and the
/// chart images (path relative to the page, SVG text).
pub struct Page {
    pub lang: Lang,
    /// The case the page carries for the app (`src/site.rs`), when it is not the embedded one or
    /// the page is a case's own: its id (`None` on the site's main page) and its JSON text.
    pub case: Option<(Option<String>, String)>,
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
    render_text(lang, None, None)
}

/// Render the default view of a site's case in `lang`, on the site's main page (`own_page`
/// false) or on the case's own (`<id>/`).
pub fn render_case(
    lang: Lang,
    case: &SiteCase,
    own_page: bool,
    site: Option<&SiteLink>,
) -> Result<Page, String> {
    // Read by the renderer as the page's own dataset, as the app reads it from the page.
    let text = (!case.is_embedded()).then(|| Rc::from(case.text.as_str()));
    let mut page = render_text(lang, text, site)?;
    if own_page || !case.is_embedded() {
        page.case = Some((own_page.then(|| case.id.clone()), case.text.clone()));
    }
    Ok(page)
}

fn render_text(lang: Lang, text: Option<Rc<str>>, site: Option<&SiteLink>) -> Result<Page, String> {
    crate::storage::set_builtin_json(text);
    let page = render_builtin(lang, site);
    crate::storage::set_builtin_json(None);
    page
}

fn render_builtin(lang: Lang, site: Option<&SiteLink>) -> Result<Page, String> {
    let mut boot = Boot::prerendered(lang);
    boot.site = site.map(|s| crate::components::SiteIndex {
        href: s.index_href.clone(),
        count: s.count,
    });
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
        case: None,
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

/// A link from a case's page to the site's index of cases.
pub struct SiteLink {
    /// The index's address relative to the page.
    pub index_href: String,
    /// How many cases the site has.
    pub count: usize,
}

/// `template` (the built `index.html`, whose body holds an empty `<div id="app">` and a
/// `<noscript>` note) with `page` written in: the page's language, title and description (also
/// as Open Graph tags for link previews), the
/// rendered body, and for readers without JavaScript a note on what needs it (which replaces the
/// template's, and links the page in every other language) and `noscript.css` beside the main
/// stylesheet, with its integrity.
pub fn fill(template: &str, page: &Page, site: Option<&SiteLink>) -> Result<String, String> {
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
    // The case, for the app to read at start-up: JSON in a data block, which no policy runs.
    // `<` only occurs inside JSON strings, where `\u003c` means the same: the block cannot end early.
    let case_data = page.case.as_ref().map(|(id, text)| {
        let id = id
            .as_ref()
            .map(|id| format!(" data-case=\"{}\"", attr(id)))
            .unwrap_or_default();
        format!(
            "<script type=\"application/json\" id=\"{}\"{id}>{}</script>",
            crate::storage::CASE_DATA_ID,
            text.replace('<', "\\u003c")
        )
    });
    // Read by the app at start-up (`browser::site_index`); the header links it.
    let site_link = site.map(|s| {
        format!(
            "<link rel=\"index\" href=\"{}\" data-count=\"{}\" />",
            attr(&s.index_href),
            s.count
        )
    });
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
                    if let Some(link) = &site_link {
                        el.after(link, ContentType::Html);
                    }
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
                    if let Some(data) = &case_data {
                        el.after(data, ContentType::Html);
                    }
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

/// The address of a site folder (`""` for the main page, `cases/`, `<id>/`) in `to`'s language,
/// relative to the page of `from_folder` in `from`'s language.
pub fn site_link(from_folder: &str, from: Lang, to_folder: &str, to: Lang) -> String {
    let depth = from_folder.matches('/').count() + folder(from).matches('/').count();
    format!("{}{to_folder}{}", "../".repeat(depth), folder(to))
}

/// The index of a site's cases in `lang`: each case's title, place, first headline figures and
/// what its checks found, linking to the case's own page. A page of its own, without the app
/// (`template`'s scripts are dropped): it reads the same with or without JavaScript.
pub fn index_page(template: &str, cases: &[SiteCase], lang: Lang) -> Result<String, String> {
    use crate::model::display::{show, NumberStyle, UnitChoice};
    use crate::model::Status;
    use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
    use lol_html::html_content::ContentType;
    use lol_html::{element, rewrite_str, RewriteStrSettings};

    /// Headline figures shown per case.
    const FIGURES: usize = 3;
    let t = tr(lang);
    let here = format!("{}/", crate::site::INDEX_FOLDER);
    let mut body = format!(
        "<main id=\"main\" class=\"site-index\"><h1>{}</h1><p>{}</p><ol class=\"case-list\">",
        text(t.site_cases_title),
        text(&t.site_cases_intro.replace("{n}", &cases.len().to_string()))
    );
    for case in cases {
        let m = &case.model;
        let href = site_link(&here, lang, &format!("{}/", case.id), lang);
        let figures: String = m
            .story
            .headlines
            .value
            .iter()
            .filter_map(|id| m.quantity(id))
            .take(FIGURES)
            .map(|q| {
                let shown = show(m, q, UnitChoice::default(), lang);
                format!(
                    "<li><span class=\"case-figure-label\">{}</span> <span class=\"case-figure-value\">{}</span></li>",
                    text(q.label.get(lang)),
                    text(&crate::numfmt::shown(&shown, lang, NumberStyle::default()))
                )
            })
            .collect();
        let count = |s: Status| m.findings.iter().filter(|f| f.status == s).count();
        let checks = t
            .site_case_checks
            .replace("{n}", &m.findings.len().to_string())
            .replace("{holds}", &count(Status::Holds).to_string())
            .replace("{doubtful}", &count(Status::Doubtful).to_string())
            .replace("{contradicts}", &count(Status::Contradicts).to_string());
        body.push_str(&format!(
            "<li class=\"case-entry\" data-case=\"{}\"><h2><a href=\"{}\">{}</a></h2>\
             <p class=\"case-place\">{}</p><ul class=\"case-figures\">{figures}</ul>\
             <p class=\"case-checks\">{}</p></li>",
            attr(&case.id),
            attr(&href),
            text(m.story.title.value.get(lang)),
            text(m.dataset.case.place.get(lang)),
            text(&checks)
        ));
    }
    body.push_str("</ol>");
    let others: Vec<String> = Lang::ALL
        .into_iter()
        .filter(|l| *l != lang)
        .map(|l| {
            format!(
                "<a href=\"{}\" lang=\"{}\" hreflang=\"{}\">{}</a>",
                attr(&site_link(&here, lang, &here, l)),
                l.html_tag(),
                l.html_tag(),
                text(l.language().name)
            )
        })
        .collect();
    body.push_str(&format!(
        "<p class=\"site-languages\">{} {}</p></main>",
        text(t.other_language_page),
        others.join(t.list_separator)
    ));
    let title = format!("{} — {}", t.site_cases_title, t.app_title);
    let html = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| Ok(el.set_attribute("lang", lang.html_tag())?)),
                element!("title", |el| {
                    el.set_inner_content(&title, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &title)?;
                    Ok(())
                }),
                // No app on this page: its boot script and preloads go.
                element!(
                    "script, link[rel=modulepreload], link[rel=preload], body > noscript",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                element!("div#app", |el| {
                    el.set_attribute("data-site-index", lang.code())?;
                    el.set_inner_content(&body, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("cannot rewrite the built index.html: {e}"))?;
    Ok(html)
}
