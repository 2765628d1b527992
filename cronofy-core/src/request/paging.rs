//! Paged reads (Read Events, Free Busy): following `next_page` links, which Cronofy gives as
//! absolute URLs, only on the client's own API origin, so the token never goes elsewhere.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use url::Url;

use crate::auth::Credential;
use crate::endpoint::Endpoint;
use crate::request::{Request, ResponseBody};
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

type PageFuture<'a, P> =
    Pin<Box<dyn Future<Output = (Result<P, Error>, Option<Result<Request, Error>>)> + Send + 'a>>;

/// The pages of a paged read, in order: a [`Stream`] of `Result<P, Error>` that ends after the
/// last page or the first error. [`items`](Self::items) gives the items instead.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<'a, P: Page> {
    client: &'a Client,
    credential: &'a dyn Credential,
    next: Option<Result<Request, Error>>,
    in_flight: Option<PageFuture<'a, P>>,
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
            let (client, credential) = (this.client, this.credential);
            this.in_flight = Some(Box::pin(async move {
                let endpoint = request.endpoint();
                let page = match request.send(client, credential).await {
                    Ok(response) => response.json::<P>(),
                    Err(error) => Err(error),
                };
                let next = match &page {
                    Ok(page) => page
                        .next_page()
                        .map(|link| Request::follow(endpoint, client, link)),
                    Err(_) => None,
                };
                (page, next)
            }));
        }
        let in_flight = this.in_flight.as_mut().expect("set above");
        match in_flight.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready((page, next)) => {
                this.in_flight = None;
                this.next = next;
                Poll::Ready(Some(page))
            }
        }
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
        let url = Url::parse(link).map_err(|_| refused())?;
        let base_path = base.path().trim_end_matches('/');
        let same_origin =
            url.origin() == base.origin() && url.username().is_empty() && url.password().is_none();
        let relative = url
            .path()
            .strip_prefix(base_path)
            .filter(|rest| rest.starts_with('/'));
        match (same_origin, relative) {
            (true, Some(relative)) => {
                let mut path_and_query = relative.to_owned();
                if let Some(query) = url.query() {
                    path_and_query.push('?');
                    path_and_query.push_str(query);
                }
                Ok(Request::from_parts(endpoint, path_and_query))
            }
            _ => Err(refused()),
        }
    }
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
            "http://127.0.0.1:4000/api/v1/events/pages/08a07b034306679e?x=1",
        )
        .unwrap();
        assert_eq!(
            next.path_and_query(),
            "/v1/events/pages/08a07b034306679e?x=1"
        );

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
