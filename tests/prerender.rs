#![cfg(not(target_arch = "wasm32"))]
//! Build-time prerendering (src/prerender.rs): the default view rendered natively is the case's
//! page, in both languages, with an image per chart, SVG files that carry their labels;
//! writing it into a built page keeps what the build made and fails clearly on a page it does
//! not recognise.

use case_explorer::model::{Lang, Model};
use case_explorer::prerender::{fill, folder, integrity, link, render, NOSCRIPT_CSS};

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="description" content="generic" />
    <title>generic</title>
    <link rel="stylesheet" href="/sub/style-1.css" integrity="sha384-x"/>
  </head>
  <body>
    <div id="app"></div>
    <noscript>
      <p>needs JavaScript</p>
    </noscript>
  </body>
</html>
"#;

fn model() -> Model {
    Model::from_json(include_str!("../data/kezuohou.json")).expect("the embedded dataset loads")
}

#[test]
fn the_default_view_is_rendered_with_its_figures_and_chart_images() {
    let m = model();
    for lang in Lang::ALL {
        let page = render(lang).expect("renders");
        let title = m.story.title.value.get(lang);
        assert!(
            page.body.contains(&format!("<h1>{title}</h1>"))
                || page
                    .body
                    .contains(&format!("<h1><span lang=\"en\">{title}</span>")),
            "{lang:?}: title"
        );
        // The case is written in English and Chinese: the French page says its texts are in
        // English and marks them.
        assert_eq!(
            page.body.contains("id=\"language-fallback\""),
            lang == Lang::Fr,
            "{lang:?}"
        );
        assert!(page.title.starts_with(title));
        // Hydration markers: the browser takes this page over instead of rendering it again.
        assert!(
            page.body.starts_with("<!--<["),
            "{lang:?}: rendered hydratable"
        );
        let pictures = page.body.matches("class=\"chart-static\"").count();
        assert!(pictures >= 5, "{lang:?}: {pictures} chart images");
        assert_eq!(page.images.len(), pictures, "one image per chart");
        for (path, svg) in &page.images {
            assert!(
                page.body.contains(&format!("\"{path}\"")),
                "{path} is referenced"
            );
            assert!(svg.starts_with("<svg") && svg.contains("viewBox"), "{path}");
            assert!(
                !svg.contains("style="),
                "{path}: presentation attributes only"
            );
            // The dark scheme repaints the light background in the dark one.
            assert!(
                svg.contains(
                    "@media (prefers-color-scheme: dark){[fill=\"#FFFFFF\"]{fill:#181A1B}"
                ),
                "{path}: {}",
                &svg[..300.min(svg.len())]
            );
        }
        assert!(page.body.contains("id=\"quality-summary\""));
        assert!(!page.body.contains(" style=\""), "no style attribute");
    }
    // Labels of the first chart's bars are drawn in its image, in each language.
    let en = render(Lang::En).expect("renders");
    let zh = render(Lang::Zh).expect("renders");
    assert_ne!(
        en.images[0].1, zh.images[0].1,
        "each language has its own images"
    );
    assert!(zh.body.contains(m.story.intro.value.get(Lang::Zh)));
}

#[test]
fn filling_a_built_page_writes_language_title_body_and_notes() {
    let page = render(Lang::Zh).expect("renders");
    let html = fill(TEMPLATE, &page, None).expect("fills");
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains(&format!(
        "<title>{}</title>",
        html_escape::encode_text(&page.title)
    )));
    assert!(!html.contains("content=\"generic\""));
    // Link previews read Open Graph tags: the same title and description, and the locales.
    assert!(html.contains(&format!(
        "<meta property=\"og:title\" content=\"{}\" />",
        html_escape::encode_double_quoted_attribute(&page.title)
    )));
    assert!(html.contains(&format!(
        "<meta property=\"og:description\" content=\"{}\" />",
        html_escape::encode_double_quoted_attribute(&page.description)
    )));
    assert!(html.contains("<meta property=\"og:locale\" content=\"zh_CN\" />"));
    assert!(html.contains("<meta property=\"og:locale:alternate\" content=\"en_US\" />"));
    assert!(html.contains("<div id=\"app\" data-prerendered=\"zh\"><!--"));
    assert!(
        !html.contains("needs JavaScript"),
        "the generic note gives way"
    );
    let note = html
        .find("class=\"static-copy\"")
        .expect("a note for readers without JavaScript");
    assert!(
        note < html.find("<div id=\"app\"").unwrap(),
        "the note comes first"
    );
    // Every other language's page, by its name in itself, with its tag.
    assert!(
        html.contains("<a href=\"../\" lang=\"en\" hreflang=\"en\">English</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"../fr/\" lang=\"fr\" hreflang=\"fr\">Français</a>"));
    assert!(html.contains("<meta property=\"og:locale:alternate\" content=\"fr_FR\" />"));
    let sheet = format!(
        "integrity=\"sha384-x\"/><noscript><link rel=\"stylesheet\" href=\"/sub/noscript.css\" \
         integrity=\"{}\" /></noscript>",
        integrity(NOSCRIPT_CSS.as_bytes())
    );
    assert!(
        html.contains(&sheet),
        "noscript.css beside the main stylesheet, with its integrity: {html}"
    );
    let en = fill(TEMPLATE, &render(Lang::En).expect("renders"), None).expect("fills");
    assert!(en.contains("<a href=\"zh/\" lang=\"zh-CN\""), "{en}");
    assert!(en.contains("<a href=\"fr/\" lang=\"fr\""), "{en}");
    let fr = fill(TEMPLATE, &render(Lang::Fr).expect("renders"), None).expect("fills");
    assert!(fr.contains("<html lang=\"fr\""), "{fr}");
    assert!(
        fr.contains("Vue d’ensemble"),
        "the French page is in French"
    );
}

#[test]
fn pages_link_each_other_through_their_folders() {
    assert_eq!(folder(Lang::En), "");
    assert_eq!(link(Lang::En, Lang::Zh), "zh/");
    assert_eq!(link(Lang::Zh, Lang::En), "../");
    assert_eq!(link(Lang::Zh, Lang::Zh), "./");
    assert_eq!(link(Lang::En, Lang::En), "./");
    assert_eq!(folder(Lang::Fr), "fr/");
    assert_eq!(link(Lang::Fr, Lang::Zh), "../zh/");
}

#[test]
fn integrity_matches_a_known_value() {
    // `printf abc | openssl dgst -sha384 -binary | base64`
    assert_eq!(
        integrity(b"abc"),
        "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
    );
}

#[test]
fn a_page_without_the_apps_element_is_refused_with_the_reason() {
    let page = render(Lang::En).expect("renders");
    let no_root = TEMPLATE.replace("<div id=\"app\"></div>", "");
    let err = fill(&no_root, &page, None).expect_err("no element to fill");
    assert!(err.contains("<div id=\"app\">"), "{err}");
    let no_sheet = TEMPLATE.replace("<link rel=\"stylesheet\"", "<link rel=\"preload\"");
    let err = fill(&no_sheet, &page, None).expect_err("no stylesheet");
    assert!(err.contains("stylesheet"), "{err}");
}
