//! A long list shown a page at a time: the first items, a count ("Showing 50 of 4,000", a live
//! region, so a screen reader hears it change) and a "Show next 50" button. The views that list
//! the dataset's items (timeline, source trail, channels, derived metrics, checks and their
//! slips) use it, so none renders more than a few pages whatever the dataset's size; the figure
//! table virtualises its rows instead (fixed row height, one scroll box).

use super::browser;
use crate::i18n::tr;
use crate::model::format::plain_number;
use crate::model::Lang;
use std::ops::Range;
use yew::prelude::*;

/// Items shown at first, and added by each "Show next".
pub const PAGE_ITEMS: usize = 50;

#[derive(Properties, PartialEq)]
pub struct PagedProps {
    /// Unique in the page: the count is `{id}-count`.
    pub id: AttrValue,
    pub total: usize,
    /// Renders the items in the range, with their list element.
    pub render: Callback<Range<usize>, Html>,
    pub lang: Lang,
    #[prop_or(PAGE_ITEMS)]
    pub page: usize,
    /// Show at least this many items (a link elsewhere asked for one further down the list):
    /// the list grows to the page that holds it.
    #[prop_or_default]
    pub at_least: usize,
}

fn count(n: usize) -> String {
    plain_number(n as f64, 0)
}

#[function_component(Paged)]
pub fn paged(p: &PagedProps) -> Html {
    let page = p.page.max(1);
    let shown = use_state(|| page);
    // When "Show next" shows the last page the button goes: keyboard focus moves to the count.
    let finished = use_state(|| false);
    let count_id = format!("{}-count", p.id);
    {
        let count_id = count_id.clone();
        use_effect_with(*finished, move |finished| {
            if *finished {
                browser::focus_id(&count_id);
            }
        });
    }
    {
        // Grown from elsewhere, the list does not take the focus: the link that asked for an
        // item moves the focus to it, even when the item is on the last page.
        let (shown, total) = (shown.clone(), p.total);
        use_effect_with(p.at_least, move |&wanted| {
            let pages = wanted.div_ceil(page) * page;
            if pages > *shown {
                shown.set(pages.min(total));
            }
        });
    }
    let n = (*shown).max(p.at_least).min(p.total);
    let list = p.render.emit(0..n);
    if p.total <= page {
        return list;
    }
    let next = (p.total - n).min(page);
    let t = tr(p.lang);
    let onclick = {
        let (shown, finished, total) = (shown.clone(), finished.clone(), p.total);
        Callback::from(move |_: MouseEvent| {
            let more = (*shown + page).min(total);
            shown.set(more);
            finished.set(more >= total);
        })
    };
    let status = t
        .shown_of
        .replace("{shown}", &count(n))
        .replace("{total}", &count(p.total));
    html! {
        <>
            {list}
            <div class="pager">
                <p class="count" id={count_id.clone()} role="status" tabindex="-1">{status}</p>
                if next > 0 {
                    <button type="button" class="secondary pager-next" aria-describedby={count_id}
                        {onclick}>{t.show_next.replace("{n}", &count(next))}</button>
                }
            </div>
        </>
    }
}
