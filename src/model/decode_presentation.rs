//! Reads the `presentation` section with the readers of `decode.rs`, with the same exact paths
//! and serde words. References are checked later, in `validate.rs`, like every other id.

use super::checks::Status;
use super::dataset::{Chart, ChartKind, Condition, Presentation, Sentence};
use super::decode::Node;
use super::decode::{string, strings, text, At, Reader};
use super::decode_scenario::scenario;

pub(super) fn presentation(r: &mut Reader, v: &Node, at: &At) -> Presentation {
    let o = r.object(
        v,
        at,
        "struct Presentation",
        &[
            "title",
            "intro",
            "headlines",
            "charts",
            "narrative",
            "scenarios",
            "footer",
        ],
    );
    Presentation {
        title: r.given(&o, 0, text),
        intro: r.given(&o, 1, text),
        headlines: r.given(&o, 2, strings),
        charts: r.given(&o, 3, |r, v, at| r.list(v, at, chart)),
        narrative: r.given(&o, 4, |r, v, at| r.list(v, at, sentence)),
        scenarios: r
            .given(&o, 5, |r, v, at| r.list(v, at, scenario))
            .unwrap_or_default(),
        footer: r.given(&o, 6, |r, v, at| r.list(v, at, text)),
    }
}

fn chart(r: &mut Reader, v: &Node, at: &At) -> Chart {
    let o = r.object(
        v,
        at,
        "struct Chart",
        &["id", "title", "kind", "panels", "note", "sentences"],
    );
    Chart {
        id: r.req(&o, 0, string),
        title: r.req(&o, 1, text),
        kind: r.given(&o, 2, chart_kind).unwrap_or_default(),
        panels: r.req(&o, 3, |r, v, at| r.list(v, at, strings)),
        note: r.given(&o, 4, text),
        sentences: r
            .given(&o, 5, |r, v, at| r.list(v, at, sentence))
            .unwrap_or_default(),
    }
}

fn chart_kind(r: &mut Reader, v: &Node, at: &At) -> ChartKind {
    ChartKind::ALL[r.variant(v, at, &ChartKind::CODES).unwrap_or(0)]
}

pub(super) fn sentence(r: &mut Reader, v: &Node, at: &At) -> Sentence {
    let o = r.object(v, at, "struct Sentence", &["en", "zh", "when"]);
    Sentence {
        en: r.req(&o, 0, string),
        zh: r.req(&o, 1, string),
        when: r.given(&o, 2, condition),
    }
}

fn condition(r: &mut Reader, v: &Node, at: &At) -> Condition {
    let o = r.object(v, at, "struct Condition", &["relation", "status"]);
    Condition {
        relation: r.req(&o, 0, string),
        status: r.req(&o, 1, |r, v, at| r.list(v, at, status)),
    }
}

const STATUS_CODES: [&str; 4] = ["holds", "doubtful", "implausible", "contradicts"];

fn status(r: &mut Reader, v: &Node, at: &At) -> Status {
    Status::ALL[r.variant(v, at, &STATUS_CODES).unwrap_or(0)]
}
