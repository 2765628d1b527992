//! Paged answers (Read Events, Free Busy, available periods): a small page size, and
//! `next_page` as an absolute URL that carries everything needed for the next page.

use serde_json::{Value, json};

use crate::ids;
use crate::state::State;

/// Which list a cursor pages through.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Feed {
    Events,
    FreeBusy,
    AvailablePeriods,
}

impl Feed {
    fn path(self) -> &'static str {
        match self {
            Feed::Events => "/v1/events/pages",
            Feed::FreeBusy => "/v1/free_busy/pages",
            Feed::AvailablePeriods => "/v1/available_periods/pages",
        }
    }
}

/// The filters of a paged query, kept for its later pages (available periods use only the
/// window).
#[derive(Clone, Debug, Default)]
pub(crate) struct EventQuery {
    pub(crate) from: Option<i64>,
    pub(crate) to: Option<i64>,
    pub(crate) last_modified: Option<i64>,
    pub(crate) include_deleted: bool,
    pub(crate) only_managed: bool,
    pub(crate) include_managed: bool,
    pub(crate) include_moved: bool,
    pub(crate) localized_times: bool,
    pub(crate) include_geo: bool,
    pub(crate) google_event_ids: bool,
    /// Free busy: name each block's event.
    pub(crate) include_ids: bool,
    /// Free busy: also blocks of events that show as free.
    pub(crate) include_free: bool,
    pub(crate) calendar_ids: Vec<String>,
}

/// Where a `next_page` URL leads: whose query, which page.
pub(crate) struct Cursor {
    pub(crate) sub: String,
    pub(crate) feed: Feed,
    pub(crate) query: EventQuery,
    /// The page number, from 1.
    pub(crate) page: usize,
}

const MAX_CURSORS: usize = 10_000;

/// Page `page` (from 1) of `items`, and the `pages` object describing it; a later page gets a
/// cursor and its `next_page` URL.
pub(crate) fn page<T>(
    state: &mut State,
    sub: &str,
    feed: Feed,
    query: &EventQuery,
    page: usize,
    items: Vec<T>,
) -> (Vec<T>, Value) {
    let size = state.page_size;
    let total = items.len().div_ceil(size).max(1);
    let page = page.clamp(1, total);
    let shown = items
        .into_iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    let mut pages = json!({ "current": page, "total": total });
    if page < total {
        // Old cursors are forgotten in bulk, like expired pages at Cronofy (404 after that).
        if state.cursors.len() >= MAX_CURSORS {
            state.cursors.clear();
        }
        let id = ids::token();
        state.cursors.insert(
            id.clone(),
            Cursor {
                sub: sub.to_owned(),
                feed,
                query: query.clone(),
                page: page + 1,
            },
        );
        pages["next_page"] = json!(format!("{}{}/{id}", state.base_url, feed.path()));
    }
    (shown, pages)
}
