#![cfg(not(target_arch = "wasm32"))]
//! A site of cases (src/site.rs, src/prerender.rs): which files make the site and in what order,
//! every reason a folder cannot be published (with the file named), the index page, and a case's
//! page carrying its dataset for the app.

use case_explorer::i18n::tr;
use case_explorer::model::{Lang, Model, Status};
use case_explorer::prerender::{fill, index_page, render_case, site_link, SiteLink};
use case_explorer::site::{plan, read_folder, usable_id, SiteCase};
use std::fs;
use std::path::{Path, PathBuf};

const KEZUOHOU: &str = include_str!("../data/kezuohou.json");
const MARSH: &str = include_str!("fixtures/fictional_marsh.json");
const DAIRY: &str = include_str!("fixtures/kenya_dairy.json");

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><meta name="description" content="generic" />
<title>generic</title><link rel="stylesheet" href="/style-1.css" integrity="sha384-x"/>
<link rel="modulepreload" href="/app-1.js" /><script type="module" src="/boot-1.js"></script>
</head><body><div id="app"></div><noscript><p>needs JavaScript</p></noscript></body></html>"#;

/// A fresh folder under target/ holding `files` (name, text).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("site")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("creates the folder");
    for (file, text) in files {
        fs::write(dir.join(file), text).expect("writes the file");
    }
    dir
}

fn with_id(text: &str, id: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
    v["case"]["id"] = serde_json::Value::String(id.to_string());
    v.to_string()
}

fn ids(cases: &[SiteCase]) -> Vec<&str> {
    cases.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn a_folder_is_read_by_file_name_and_the_default_case_comes_first() {
    let dir = folder(
        "order",
        &[
            ("b.json", KEZUOHOU),
            ("a.json", MARSH),
            ("c.json", DAIRY),
            ("notes.txt", "not a case"),
        ],
    );
    let marsh = Model::from_json(MARSH).unwrap().dataset.case.id.clone();
    let kez = Model::from_json(KEZUOHOU).unwrap().dataset.case.id.clone();
    let dairy = Model::from_json(DAIRY).unwrap().dataset.case.id.clone();
    let cases = plan(Some(&dir), None).expect("publishable");
    assert_eq!(ids(&cases), [marsh.as_str(), kez.as_str(), dairy.as_str()]);
    let cases = plan(Some(&dir), Some(&kez)).expect("publishable");
    assert_eq!(ids(&cases), [kez.as_str(), marsh.as_str(), dairy.as_str()]);
    assert!(cases[0].is_embedded() && !cases[1].is_embedded());
}

#[test]
fn without_a_folder_the_site_is_the_embedded_case_then_the_repositorys_own() {
    let cases = plan(None, None).expect("the repository's cases publish");
    assert!(
        cases[0].is_embedded(),
        "the embedded case is the main page's"
    );
    assert_eq!(cases[0].file, None);
    assert!(cases[1..].iter().all(|c| c.file.is_some()));
}

#[test]
fn a_malformed_file_stops_the_site_with_its_problems_and_its_name() {
    let broken = KEZUOHOU.replacen("\"figures\"", "\"figurez\"", 1);
    let dir = folder(
        "broken",
        &[
            ("good.json", MARSH),
            ("broken.json", &broken),
            ("syntax.json", "{\"case\": "),
        ],
    );
    let errors = plan(Some(&dir), None).expect_err("not publishable");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("broken.json") && errors[0].contains("figurez"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("syntax.json") && errors[1].contains("line"),
        "{}",
        errors[1]
    );
    assert!(errors.iter().all(|e| !e.contains("good.json")));
}

#[test]
fn ids_must_be_unique_usable_in_an_address_and_not_the_sites_own_folders() {
    let dir = folder(
        "ids",
        &[
            ("one.json", MARSH),
            ("two.json", MARSH),
            ("colon.json", &with_id(DAIRY, "a:b")),
            ("lang.json", &with_id(KEZUOHOU, "zh")),
        ],
    );
    let errors = plan(Some(&dir), None).expect_err("not publishable");
    let all = errors.join("\n");
    assert!(
        all.contains("one.json and") && all.contains("two.json: both are the case"),
        "{all}"
    );
    assert!(
        all.contains("colon.json: the case id `a:b` cannot be an address"),
        "{all}"
    );
    assert!(
        all.contains("lang.json: the case id `zh` is a folder the site uses"),
        "{all}"
    );
    let errors = plan(
        Some(&folder("default", &[("a.json", MARSH)])),
        Some("nowhere"),
    )
    .expect_err("unknown default");
    assert!(errors[0].contains("`nowhere`"), "{errors:?}");
    let errors = plan(Some(&folder("empty", &[])), None).expect_err("nothing to publish");
    assert!(errors[0].contains("no dataset file"), "{errors:?}");
    for (id, ok) in [
        ("case-2.11-x", true),
        ("a_b", true),
        (".hidden", false),
        ("a/b", false),
        ("", false),
        ("é", false),
    ] {
        assert_eq!(usable_id(id), ok, "{id}");
    }
}

#[test]
fn the_index_lists_every_case_with_its_figures_and_checks_and_runs_no_script() {
    let dir = folder("index", &[("a.json", KEZUOHOU), ("b.json", MARSH)]);
    let cases = read_folder(&dir).expect("reads");
    for lang in Lang::ALL {
        let html = index_page(TEMPLATE, &cases, lang).expect("renders");
        assert!(
            !html.contains("<script") && !html.contains("modulepreload"),
            "{html}"
        );
        assert!(html.contains(&format!("lang=\"{}\"", lang.html_tag())));
        for case in &cases {
            let title = case.model.story.title.value.get(lang);
            let escaped = html_escape::encode_text(title);
            assert!(html.contains(&*escaped), "{lang:?}: {title} missing");
            let href = site_link("cases/", lang, &format!("{}/", case.id), lang);
            assert!(html.contains(&format!("href=\"{href}\"")), "{href}");
            // The checks' line, its counts from the case's own findings.
            let count = |s: Status| case.model.findings.iter().filter(|f| f.status == s).count();
            let line = tr(lang)
                .site_case_checks
                .replace("{n}", &case.model.findings.len().to_string())
                .replace("{holds}", &count(Status::Holds).to_string())
                .replace("{doubtful}", &count(Status::Doubtful).to_string())
                .replace("{contradicts}", &count(Status::Contradicts).to_string());
            let line = html_escape::encode_text(&line);
            assert!(html.contains(&*line), "{lang:?}: {line}");
            assert!(
                count(Status::Holds) + count(Status::Contradicts) > 0,
                "the case has checks"
            );
        }
        assert_eq!(html.matches("class=\"case-entry\"").count(), 2);
    }
    assert_eq!(site_link("cases/", Lang::Zh, "x/", Lang::Zh), "../../x/zh/");
    assert_eq!(
        site_link("cases/", Lang::En, "cases/", Lang::Fr),
        "../cases/fr/"
    );
    assert_eq!(site_link("x/", Lang::En, "cases/", Lang::En), "../cases/");
}

#[test]
fn a_cases_page_carries_its_dataset_which_reads_back_the_same() {
    // A text that tries to end the data block early must not.
    let hostile = MARSH.replacen(
        "\"en\": \"",
        "\"en\": \"</script><script>alert(1)</script>",
        1,
    );
    let dir = folder("carry", &[("a.json", &hostile)]);
    let cases = read_folder(&dir).expect("reads");
    let link = SiteLink {
        index_href: "../cases/".into(),
        count: 3,
    };
    let page = render_case(Lang::En, &cases[0], true, Some(&link)).expect("renders");
    let html = fill(TEMPLATE, &page, Some(&link)).expect("fills");
    let start = html
        .find("<script type=\"application/json\" id=\"case-data\"")
        .expect("data block");
    let block = &html[start..];
    let open_end = block.find('>').unwrap() + 1;
    let close = block.find("</script>").unwrap();
    assert!(block[..open_end].contains(&format!("data-case=\"{}\"", cases[0].id)));
    let text = &block[open_end..close];
    let back = Model::from_json(text).expect("the carried text is the dataset");
    assert_eq!(back.dataset, cases[0].model.dataset);
    // The app finds the site in the head; the header links the index (prerendered as the app
    // renders it).
    assert!(
        html.contains("<link rel=\"index\" href=\"../cases/\" data-count=\"3\" />"),
        "{html}"
    );
    assert!(page.body.contains("href=\"../cases/\"") && page.body.contains("All 3 cases"));
    // The page shows the case's own title, not the embedded one's.
    let title = cases[0].model.story.title.value.get(Lang::En);
    assert!(
        page.body.contains(&*html_escape::encode_text(title)),
        "{title}"
    );
    // The main page of a site whose first case is the embedded one carries nothing.
    let kez = read_folder(&folder("main", &[("k.json", KEZUOHOU)])).unwrap();
    let main = render_case(Lang::En, &kez[0], false, None).expect("renders");
    assert!(main.case.is_none());
}

#[test]
fn the_json_index_lists_each_case_with_its_page_and_its_dataset_file() {
    use case_explorer::site::{data_path, index_json};
    let dir = folder("json-index", &[("a.json", MARSH), ("b.json", DAIRY)]);
    let cases = plan(Some(&dir), None).expect("publishable");
    let v: serde_json::Value = serde_json::from_str(&index_json(&cases)).expect("json");
    let list = v["cases"].as_array().expect("a list");
    assert_eq!(list.len(), 2);
    for (entry, case) in list.iter().zip(&cases) {
        assert_eq!(entry["id"], case.id.as_str());
        assert_eq!(entry["page"], format!("{}/", case.id).as_str());
        assert_eq!(entry["data"], data_path(&case.id).as_str());
        assert_eq!(entry["data"], format!("cases/{}.json", case.id).as_str());
        for lang in Lang::ALL {
            assert_eq!(
                entry["title"][lang.code()],
                case.model.dataset.case.title.get(lang)
            );
            assert_eq!(
                entry["place"][lang.code()],
                case.model.dataset.case.place.get(lang)
            );
        }
    }
    // A case called `index` would overwrite the index itself.
    let errors = plan(
        Some(&folder("index-id", &[("i.json", &with_id(MARSH, "index"))])),
        None,
    )
    .expect_err("not publishable");
    assert!(
        errors[0].contains("`index` is a folder the site uses"),
        "{errors:?}"
    );
}
