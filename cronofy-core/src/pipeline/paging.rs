//! Paged reads: [`Page`], one page of a list, and [`Pages`], the stream that follows
//! `next_page` links. Cronofy gives those as absolute URLs; they are followed only on the
//! client's own API origin and base path, so the token never goes elsewhere. An absent,
//! `null` or empty `next_page` ends the list.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use url::Url;

use crate::auth::Credential;
use crate::endpoint::Endpoint;
use crate::pipeline::{PageItem, Request, Response};
use crate::{Client, Error};

/// One page of a list that Cronofy pages (events, free/busy, available periods, organization
/// members, ...): the page's items, where it is among the pages, and any other field of the
/// response, kept as JSON.
///
/// A paged endpoint declares `-> Page<Item>` with `paged = "field"` naming the response field
/// that holds the items: see [`cronofy_endpoint`](https://docs.rs/cronofy/latest/cronofy/attr.cronofy_endpoint.html).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items on this page (the endpoint's `paged` field; `[]` when it is `null`).
    pub items: Vec<T>,
    /// Where this page is among all of them, when Cronofy says.
    pub pages: Option<PageInfo>,
    /// The response's other fields, as JSON: whatever Cronofy sends that has no field here.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl<T> Page<T> {
    /// The absolute URL of the next page, if there is one.
    pub fn next_page(&self) -> Option<&str> {
        self.pages.as_ref()?.next_page.as_deref()
    }
}

/// Where a page is among the pages of a list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PageInfo {
    /// This page's number, from 1.
    pub current: u32,
    /// How many pages there are.
    pub total: u32,
    /// The absolute URL of the next page; `None` on the last page (Cronofy sends it absent,
    /// `null` or empty there).
    #[serde(default, deserialize_with = "non_empty")]
    pub next_page: Option<String>,
}

fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|link| !link.trim().is_empty()))
}

/// Decodes a [`Page`] whose items are in the field `items`, which only the endpoint knows.
pub(crate) struct PageSeed<T> {
    items: &'static str,
    item: PhantomData<fn() -> T>,
}

impl<T> PageSeed<T> {
    pub(crate) fn new(items: &'static str) -> Self {
        PageSeed {
            items,
            item: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for PageSeed<T> {
    type Value = Page<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Page<T>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageSeed<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a page: an object with `{}` and `pages`", self.items)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut items = None;
        let mut pages = None;
        let mut extra = serde_json::Map::new();
        while let Some(key) = map.next_key_seed(KeySeed { items: self.items })? {
            match key {
                Key::Items => {
                    if items.is_some() {
                        return Err(de::Error::duplicate_field(self.items));
                    }
                    items = Some(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default());
                }
                Key::Pages => pages = map.next_value::<Option<PageInfo>>()?,
                Key::Other(key) => {
                    extra.insert(key, map.next_value()?);
                }
            }
        }
        Ok(Page {
            items: items.ok_or_else(|| de::Error::missing_field(self.items))?,
            pages,
            extra,
        })
    }
}

/// A key of a page's object: compared in place, so that only a field kept in `extra` is
/// copied (serde's `Cow<str>` always copies).
enum Key {
    Items,
    Pages,
    Other(String),
}

struct KeySeed {
    items: &'static str,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.items {
            Key::Items
        } else if key == "pages" {
            Key::Pages
        } else {
            Key::Other(key.to_owned())
        })
    }
}

/// The request for the page being fetched, sent but not yet decoded: the same future type
/// for every item type, polled through the box, so a paged read runs the same compiled
/// sending code as every other endpoint. Decoding and following the link happen in
/// `poll_next`, once the response is in.
type InFlight<'a> = Pin<Box<dyn Future<Output = Result<Response, Error>> + Send + 'a>>;

/// The pages of a paged read, in order: a [`Stream`] of `Result<Page<T>, Error>` that ends
/// after the last page or the first error. [`items`](Self::items) gives the items instead.
///
/// Made by the all-pages function a paged endpoint declaration generates, e.g.
/// `read_all_events`.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<'a, T> {
    client: &'a Client,
    credential: &'a dyn Credential,
    next: Option<Result<Request, Error>>,
    /// The page being fetched, and the endpoint whose `next_page` link it may carry.
    in_flight: Option<(InFlight<'a>, &'static Endpoint)>,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("in_flight", &self.in_flight.is_some())
            .field("has_next", &self.next.is_some())
            .finish()
    }
}

/// The pages from `first`, the request for page one: what generated code calls.
pub fn pages<'a, T>(
    client: &'a Client,
    credential: &'a dyn Credential,
    first: Result<Request, Error>,
) -> Pages<'a, T> {
    Pages {
        client,
        credential,
        next: Some(first),
        in_flight: None,
        item: PhantomData,
    }
}

impl<'a, T: PageItem> Pages<'a, T> {
    /// The next page, or `None` after the last (no need for a `Stream` trait in scope).
    pub async fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, in order: a [`Stream`] of `Result<T, Error>`.
    pub fn items(self) -> Items<'a, T> {
        Items {
            pages: self,
            buffered: VecDeque::new(),
        }
    }

    /// Every item of every page; the first error if any page fails (the items fetched before
    /// it are dropped: [`collect_until_error`](Self::collect_until_error) keeps them).
    pub async fn collect_items(self) -> Result<Vec<T>, Error> {
        let mut pages = self;
        let mut items = Vec::new();
        while let Some(page) = pages.next_page().await {
            items.extend(page?.items);
        }
        Ok(items)
    }

    /// Every item of every page up to the first error, and that error: what a caller that
    /// can use part of a listing keeps when a later page fails (a network error, a token
    /// that cannot be refreshed, a `next_page` link on another origin).
    pub async fn collect_until_error(self) -> (Vec<T>, Option<Error>) {
        let mut pages = self;
        let mut items = Vec::new();
        while let Some(page) = pages.next_page().await {
            match page {
                Ok(page) => items.extend(page.items),
                Err(error) => return (items, Some(error)),
            }
        }
        (items, None)
    }
}

impl<T> Unpin for Pages<'_, T> {}

impl<T: PageItem> Stream for Pages<'_, T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() {
            let request = match this.next.take() {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(request)) => request,
            };
            let endpoint = request.endpoint;
            let sending = request.send(this.client, this.credential);
            this.in_flight = Some((Box::pin(sending), endpoint));
        }
        let (sending, endpoint) = this.in_flight.as_mut().expect("set above");
        let sent = ready!(sending.as_mut().poll(cx));
        let endpoint = *endpoint;
        this.in_flight = None;
        // The macro only generates a stream for endpoints declared `paged`.
        let field = endpoint.paged.unwrap_or("items");
        let page = sent.and_then(|response| response.page::<T>(field));
        this.next = match &page {
            Ok(page) => page
                .next_page()
                .map(|link| follow(endpoint, this.client, link)),
            Err(_) => None,
        };
        Poll::Ready(Some(page))
    }
}

/// The items of a paged read: see [`Pages::items`].
#[must_use = "a stream does nothing unless polled"]
pub struct Items<'a, T> {
    pages: Pages<'a, T>,
    buffered: VecDeque<T>,
}

impl<T> fmt::Debug for Items<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

impl<T: PageItem> Items<'_, T> {
    /// The next item, or `None` after the last (no need for a `Stream` trait in scope).
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T> Unpin for Items<'_, T> {}

impl<T: PageItem> Stream for Items<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffered.extend(page.items),
            }
        }
    }
}

/// A request for a `next_page` link, if it is on `client`'s API origin (same scheme, host
/// and port) under its base path; anything else is refused without a request.
///
/// The link is parsed once, here, and the parsed URL is what is sent: rebuilding it from the
/// base URL and parsing it again cost about 5 % of each followed page's request.
pub(crate) fn follow(
    endpoint: &'static Endpoint,
    client: &Client,
    link: &str,
) -> Result<Request, Error> {
    let base = client.api_base();
    // Refused links are traced as calls refused before sending.
    let refused = || {
        let error = Error::UntrustedPageLink {
            // The server's text: kept printable.
            url: crate::outside_text::outside_text(link),
            expected: base.origin().ascii_serialization(),
        };
        super::trace::refused(endpoint, &error);
        error
    };
    let mut url = Url::parse(link).map_err(|_| refused())?;
    if !is_under(&url, base) {
        return Err(refused());
    }
    // Never sent anyway; dropped so the URL is exactly what goes on the wire.
    url.set_fragment(None);
    Ok(Request::at_checked_url(endpoint, url))
}

/// Whether `url` is on `base`'s origin (same scheme, host and port), without user info, and
/// its path is `base`'s path followed by at least one more segment.
///
/// The parts are compared in place: `Url::origin` copies the scheme and host into new strings,
/// twice per link. That is the same comparison, since `base` is always `http` or `https` (see
/// `ClientBuilder::base_url`), whose origin is exactly (scheme, host, port or default port).
pub(crate) fn is_under(url: &Url, base: &Url) -> bool {
    let base_path = base.path().trim_end_matches('/');
    let same_origin = url.scheme() == base.scheme()
        && url.host() == base.host()
        && url.port_or_known_default() == base.port_or_known_default();
    same_origin
        && url.username().is_empty()
        && url.password().is_none()
        && url
            .path()
            .strip_prefix(base_path)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthKind;
    use crate::endpoint::Method;

    static EVENTS: Endpoint = Endpoint::__new(
        "read_events",
        Method::Get,
        "/v1/events",
        &[AuthKind::User],
        false,
        true,
        true,
        Some("events"),
        true,
        tracing::Span::none,
    );

    fn client(base: &str) -> Client {
        Client::builder().base_url(base).build().unwrap()
    }

    #[test]
    fn follows_links_on_the_api_origin_only() {
        let client = client("http://127.0.0.1:4000/api");
        let next = follow(
            &EVENTS,
            &client,
            "http://127.0.0.1:4000/api/v1/events/pages/08a07b034306679e?x=1#top",
        )
        .unwrap();
        assert_eq!(
            next.url(&client),
            "http://127.0.0.1:4000/api/v1/events/pages/08a07b034306679e?x=1"
        );
        // Parsed, so written the way the base URL is (default port, case of the host).
        let next = follow(&EVENTS, &client, "HTTP://127.0.0.1:4000/api/v1/events/p/2").unwrap();
        assert_eq!(next.url(&client), "http://127.0.0.1:4000/api/v1/events/p/2");
        let first = Request::new(&EVENTS, &[]).unwrap();
        assert_eq!(first.url(&client), "http://127.0.0.1:4000/api/v1/events");

        for hostile in [
            "http://127.0.0.2:4000/api/v1/events/pages/1",
            "http://127.0.0.1:4001/api/v1/events/pages/1",
            "https://127.0.0.1:4000/api/v1/events/pages/1",
            "http://evil.example/api/v1/events/pages/1",
            "http://127.0.0.1:4000/other/v1/events",
            "http://127.0.0.1:4000/apiv1/events",
            "http://user:pw@127.0.0.1:4000/api/v1/events",
            "/api/v1/events/pages/1",
            "not a url",
        ] {
            let error = follow(&EVENTS, &client, hostile).unwrap_err();
            assert!(
                matches!(error, Error::UntrustedPageLink { ref url, .. } if url == hostile),
                "{hostile}: {error}"
            );
        }
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;

    fn page(json: &str) -> Result<Page<u32>, serde_json::Error> {
        PageSeed::<u32>::new("events").deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn a_page_reads_its_items_field_and_keeps_the_rest() {
        let page = page(
            r#"{"pages":{"current":1,"total":2,"next_page":"https://x/p/2"},"events":[1,2],"sub":"acc_1"}"#,
        )
        .unwrap();
        assert_eq!(page.items, [1, 2]);
        assert_eq!(page.next_page(), Some("https://x/p/2"));
        assert_eq!(page.extra["sub"], "acc_1");
    }

    #[test]
    fn an_empty_null_or_absent_next_page_is_the_last_page() {
        for pages in [
            r#""pages":{"current":2,"total":2,"next_page":""}"#,
            r#""pages":{"current":2,"total":2,"next_page":null}"#,
            r#""pages":{"current":2,"total":2}"#,
            r#""pages":null"#,
        ] {
            let page = page(&format!("{{{pages},\"events\":null}}")).unwrap();
            assert_eq!(page.next_page(), None, "{pages}");
            assert!(page.items.is_empty());
        }
        let error = page(r#"{"pages":{"current":1,"total":1}}"#).unwrap_err();
        assert!(
            error.to_string().contains("missing field `events`"),
            "{error}"
        );
    }
}
