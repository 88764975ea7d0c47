use crate::i18n::tr;
use crate::model::{Lang, Origin, RangeVerdict, Status};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KindBadgeProps {
    pub origin: Origin,
    pub lang: Lang,
}

#[function_component(KindBadge)]
pub fn kind_badge(p: &KindBadgeProps) -> Html {
    let t = tr(p.lang);
    let text = match p.origin {
        Origin::Reported => t.kind_reported,
        Origin::Derived => t.kind_derived,
        Origin::Context => t.kind_context,
    };
    html! { <span class={classes!("badge", format!("kind-{}", p.origin.code()))}>{text}</span> }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub status: Option<Status>,
    pub lang: Lang,
}

/// Shows only problems: a figure that passes its checks carries no badge.
#[function_component(StatusBadge)]
pub fn status_badge(p: &StatusBadgeProps) -> Html {
    let t = tr(p.lang);
    match p.status {
        Some(Status::Contradicts) => {
            html! { <span class="badge status-contradicts" title={t.flagged}>{"⚠ "}{t.status_contradicts}</span> }
        }
        Some(Status::Implausible) => {
            html! { <span class="badge status-implausible" title={t.flagged}>{"! "}{t.status_implausible}</span> }
        }
        Some(Status::Doubtful) => {
            html! { <span class="badge status-doubtful" title={t.flagged}>{"? "}{t.status_doubtful}</span> }
        }
        Some(Status::Holds) | None => html! {},
    }
}

pub fn status_text(status: Status, lang: Lang) -> &'static str {
    let t = tr(lang);
    match status {
        Status::Holds => t.status_holds,
        Status::Doubtful => t.status_doubtful,
        Status::Implausible => t.status_implausible,
        Status::Contradicts => t.status_contradicts,
    }
}

/// A reference check's verdict in words.
pub fn range_text(verdict: RangeVerdict, lang: Lang) -> &'static str {
    let t = tr(lang);
    match verdict {
        RangeVerdict::Inside => t.range_inside,
        RangeVerdict::Straddles => t.range_straddles,
        RangeVerdict::Outside => t.status_implausible,
    }
}
