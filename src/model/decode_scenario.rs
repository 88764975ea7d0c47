//! Reading `presentation.scenarios` from the JSON tree, with `decode.rs`'s reader: the same
//! rules (unknown and repeated fields refused, every problem with its JSON path).

use super::dataset::Presentation;
use super::decode::{float, string, strings, text, At, Node, Reader};
use super::scenario::{Assumption, Condition, Reading, ScenarioInput, ScenarioSpec};

pub(super) fn presentation(r: &mut Reader, v: &Node, at: &At) -> Presentation {
    let o = r.object(v, at, "struct Presentation", &["scenarios"]);
    Presentation {
        scenarios: r
            .given(&o, 0, |r, v, at| r.list(v, at, scenario))
            .unwrap_or_default(),
    }
}

fn scenario(r: &mut Reader, v: &Node, at: &At) -> ScenarioSpec {
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
            .given(&o, 5, |r, v, at| r.list(v, at, assumption))
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

fn assumption(r: &mut Reader, v: &Node, at: &At) -> Assumption {
    let o = r.object(v, at, "struct Assumption", &["en", "zh", "when"]);
    Assumption {
        en: r.req(&o, 0, string),
        zh: r.req(&o, 1, string),
        when: r.opt(&o, 2, condition),
    }
}

fn condition(r: &mut Reader, v: &Node, at: &At) -> Condition {
    let o = r.object(v, at, "struct Condition", &["relation", "status"]);
    Condition {
        relation: r.req(&o, 0, string),
        status: r.req(&o, 1, strings),
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
