//! Reading one of `presentation.scenarios` from the JSON tree (called by
//! `decode_presentation.rs`), with `decode.rs`'s reader: the same rules (unknown and repeated
//! fields refused, every problem with its JSON path). Assumptions are the presentation's
//! sentences, read by `decode_presentation::sentence`.

use super::decode::{float, string, strings, text, At, Node, Reader};
use super::decode_presentation::sentence;
use super::scenario::{Reading, ScenarioInput, ScenarioSpec};

pub(super) fn scenario(r: &mut Reader, v: &Node, at: &At) -> ScenarioSpec {
    let o = r.object(
        v,
        at,
        "struct ScenarioSpec",
        &["id", "title", "intro", "inputs", "outputs", "assumptions"],
    );
    ScenarioSpec {
        id: r.req(&o, 0, string),
        title: r.req(&o, 1, text),
        intro: r.opt(&o, 2, text),
        inputs: r.req(&o, 3, |r, v, at| r.list(v, at, input)),
        outputs: r.req(&o, 4, strings),
        assumptions: r
            .given(&o, 5, |r, v, at| r.list(v, at, sentence))
            .unwrap_or_default(),
    }
}

fn input(r: &mut Reader, v: &Node, at: &At) -> ScenarioInput {
    let o = r.object(
        v,
        at,
        "struct ScenarioInput",
        &["id", "figure", "label", "max", "whole", "readings"],
    );
    ScenarioInput {
        id: r.req(&o, 0, string),
        figure: r.req(&o, 1, string),
        label: r.req(&o, 2, text),
        max: r.req(&o, 3, float),
        whole: r.given(&o, 4, boolean).unwrap_or(false),
        readings: r
            .given(&o, 5, |r, v, at| r.list(v, at, reading))
            .unwrap_or_default(),
    }
}

fn reading(r: &mut Reader, v: &Node, at: &At) -> Reading {
    let o = r.object(v, at, "struct Reading", &["unit", "label"]);
    Reading {
        unit: r.req(&o, 0, string),
        label: r.req(&o, 1, text),
    }
}

fn boolean(r: &mut Reader, v: &Node, at: &At) -> bool {
    match v {
        Node::Bool(b) => *b,
        _ => {
            r.wrong_type(v, at, "a boolean");
            false
        }
    }
}
