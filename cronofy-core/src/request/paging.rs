//! Paged reads (Read Events, Free Busy): following `next_page` links, which Cronofy gives as
//! absolute URLs, only on the client's own API origin, so the token never goes elsewhere.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use url::Url;

use crate::auth::Credential;
use crate::endpoint::Endpoint;
use crate::request::{Request, Response, ResponseBody};
use crate::{Client, Error};

/// A response that is one page of a longer list.
pub trait Page: ResponseBody + Send + 'static {
    /// What the list holds.
    type Item: Send + 'static;

    /// The absolute URL of the next page, if any.
    fn next_page(&self) -> Option<&str>;

    /// This page's items.
    fn into_items(self) -> Vec<Self::Item>;
}

/// The request for the page being fetched, sent but not yet decoded: the same future type
/// for every page type, polled through the box, so a paged read runs the same compiled
/// sending code as every other endpoint. (An `async` block that also decoded `P` got a second
/// copy of that code inlined into it, one per page type.) Decoding and following the link
/// happen in `poll_next`, once the response is in.
type InFlight<'a> = Pin<Box<dyn Future<Output = Result<Response, Error>> + Send + 'a>>;

/// The pages of a paged read, in order: a [`Stream`] of `Result<P, Error>` that ends after the
/// last page or the first error. [`items`](Self::items) gives the items instead.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<'a, P: Page> {
    client: &'a Client,
    credential: &'a dyn Credential,
    next: Option<Result<Request, Error>>,
    /// The page being fetched, and the endpoint whose `next_page` link it may carry.
    in_flight: Option<(InFlight<'a>, &'static Endpoint)>,
    page: PhantomData<fn() -> P>,
}

impl<P: Page> fmt::Debug for Pages<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("in_flight", &self.in_flight.is_some())
            .field("has_next", &self.next.is_some())
            .finish()
    }
}

impl<'a, P: Page> Pages<'a, P> {
    /// The pages from `first`, the request for page one.
    #[doc(hidden)]
    pub fn new(
        client: &'a Client,
        credential: &'a dyn Credential,
        first: Result<Request, Error>,
    ) -> Self {
        Pages {
            client,
            credential,
            next: Some(first),
            in_flight: None,
            page: PhantomData,
        }
    }

    /// The next page, or `None` after the last (no need for a `Stream` trait in scope).
    pub async fn next_page(&mut self) -> Option<Result<P, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, in order: a [`Stream`] of `Result<P::Item, Error>`.
    pub fn items(self) -> Items<'a, P> {
        Items {
            pages: self,
            buffered: VecDeque::new(),
        }
    }

    /// Every item of every page.
    pub async fn collect_items(self) -> Result<Vec<P::Item>, Error> {
        let mut pages = self;
        let mut items = Vec::new();
        while let Some(page) = pages.next_page().await {
            items.extend(page?.into_items());
        }
        Ok(items)
    }
}

impl<P: Page> Stream for Pages<'_, P> {
    type Item = Result<P, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() {
            let request = match this.next.take() {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(request)) => request,
            };
            let endpoint = request.endpoint();
            let sending = request.send(this.client, this.credential);
            this.in_flight = Some((Box::pin(sending), endpoint));
        }
        let (sending, endpoint) = this.in_flight.as_mut().expect("set above");
        let sent = ready!(sending.as_mut().poll(cx));
        let endpoint = *endpoint;
        this.in_flight = None;
        let page = sent.and_then(Response::json::<P>);
        this.next = match &page {
            Ok(page) => page
                .next_page()
                .map(|link| Request::follow(endpoint, this.client, link)),
            Err(_) => None,
        };
        Poll::Ready(Some(page))
    }
}

/// The items of a paged read: see [`Pages::items`].
#[must_use = "a stream does nothing unless polled"]
pub struct Items<'a, P: Page> {
    pages: Pages<'a, P>,
    buffered: VecDeque<P::Item>,
}

impl<P: Page> fmt::Debug for Items<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

impl<P: Page> Items<'_, P> {
    /// The next item, or `None` after the last (no need for a `Stream` trait in scope).
    pub async fn next_item(&mut self) -> Option<Result<P::Item, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<P: Page> Unpin for Items<'_, P> {}

impl<P: Page> Stream for Items<'_, P> {
    type Item = Result<P::Item, Error>;

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
                Poll::Ready(Some(Ok(page))) => this.buffered.extend(page.into_items()),
            }
        }
    }
}

impl Request {
    /// A request for a `next_page` link, if it is on `client`'s API origin (same scheme, host
    /// and port) under its base path; anything else is refused without a request.
    ///
    /// The link is parsed once, here, and the parsed URL is what is sent: rebuilding it from
    /// the base URL and parsing it again cost about 5 % of each followed page's request.
    pub(crate) fn follow(
        endpoint: &'static Endpoint,
        client: &Client,
        link: &str,
    ) -> Result<Request, Error> {
        let base = client.api_base();
        let refused = || Error::UntrustedPageLink {
            url: link.to_owned(),
            expected: base.origin().ascii_serialization(),
        };
        let mut url = Url::parse(link).map_err(|_| refused())?;
        if !is_under(&url, base) {
            return Err(refused());
        }
        // Never sent anyway; dropped so the URL is exactly what goes on the wire.
        url.set_fragment(None);
        Ok(Request::at_checked_url(endpoint, url))
    }
}

/// Whether `url` is on `base`'s origin (same scheme, host and port), without user info, and
/// its path is `base`'s path followed by at least one more segment.
///
/// The parts are compared in place: `Url::origin` copies the scheme and host into new strings,
/// twice per link. That is the same comparison, since `base` is always `http` or `https` (see
/// `ClientBuilder::base_url`), whose origin is exactly (scheme, host, port or default port).
fn is_under(url: &Url, base: &Url) -> bool {
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
    );

    fn client(base: &str) -> Client {
        Client::builder().base_url(base).build().unwrap()
    }

    #[test]
    fn follows_links_on_the_api_origin_only() {
        let client = client("http://127.0.0.1:4000/api");
        let next = Request::follow(
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
        let next =
            Request::follow(&EVENTS, &client, "HTTP://127.0.0.1:4000/api/v1/events/p/2").unwrap();
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
            let error = Request::follow(&EVENTS, &client, hostile).unwrap_err();
            assert!(
                matches!(error, Error::UntrustedPageLink { ref url, .. } if url == hostile),
                "{hostile}: {error}"
            );
        }
    }
}
