// Forms the declaration checks must keep accepting, each sent to a local server to show what it
// does: a keyword placeholder filled by a raw identifier; queries that are sequences or tuples
// of pairs, an `Option` of a struct, or a map; `Cow<'static, str>`, `Box<str>` and `String`
// returns; and a function whose own name is a raw identifier.
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use cronofy::{cronofy_endpoint, Client, UserToken};

/// A keyword placeholder is written as the keyword; its parameter as a raw identifier.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/things/{type}/{match}")]
pub async fn read_thing(r#type: &str, r#match: u32) -> String;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/pairs")]
pub async fn slice_of_pairs(#[query] pairs: &[(&str, &str)]) -> Cow<'static, str>;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/pairs")]
pub async fn vec_of_pairs(#[query] pairs: Vec<(String, String)>) -> Box<str>;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/pairs")]
pub async fn tuple_of_pairs(#[query] pairs: ((&str, &str), (&str, &str))) -> String;

#[derive(serde::Serialize)]
pub struct Filter {
    pub tzid: String,
}

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn maybe_filtered(#[query] filter: Option<Filter>) -> String;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn map_query(#[query] query: &BTreeMap<&str, String>) -> String;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/loop")]
pub async fn r#loop() -> String;

/// A server answering `"ok"` to everything, and the request targets it saw.
fn serve() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head);
            let target = head.split_whitespace().nth(1).unwrap_or_default().to_owned();
            log.lock().unwrap().push(target);
            let body = "\"ok\"";
            write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (base, seen)
}

#[tokio::main]
async fn main() {
    let (base, seen) = serve();
    let last = || seen.lock().unwrap().last().cloned().unwrap();
    let client = Client::builder().base_url(&base).build().unwrap();
    let user = UserToken::new("access-token");

    assert_eq!(read_thing(&client, &user, "a b", 7).await.unwrap(), "ok");
    assert_eq!(last(), "/v1/things/a%20b/7");
    assert_eq!(READ_THING.name, "read_thing");
    assert_eq!(READ_THING.path, "/v1/things/{type}/{match}");

    let cow: Cow<'static, str> = slice_of_pairs(&client, &user, &[("a", "1"), ("b", "2")])
        .await
        .unwrap();
    assert_eq!(cow, "ok");
    assert_eq!(last(), "/v1/pairs?a=1&b=2");

    let pairs = vec![("c".to_owned(), "3".to_owned())];
    let boxed: Box<str> = vec_of_pairs(&client, &user, pairs).await.unwrap();
    assert_eq!(&*boxed, "ok");
    assert_eq!(last(), "/v1/pairs?c=3");

    tuple_of_pairs(&client, &user, (("a", "1"), ("b", "2"))).await.unwrap();
    assert_eq!(last(), "/v1/pairs?a=1&b=2");

    let filter = Filter { tzid: "Etc/UTC".to_owned() };
    maybe_filtered(&client, &user, Some(filter)).await.unwrap();
    assert_eq!(last(), "/v1/events?tzid=Etc%2FUTC");
    maybe_filtered(&client, &user, None).await.unwrap();
    assert_eq!(last(), "/v1/events");

    let query = BTreeMap::from([("from", "2026-01-01".to_owned())]);
    map_query(&client, &user, &query).await.unwrap();
    assert_eq!(last(), "/v1/events?from=2026-01-01");

    r#loop(&client, &user).await.unwrap();
    assert_eq!(last(), "/v1/loop");
    assert_eq!(LOOP.name, "loop");
}
