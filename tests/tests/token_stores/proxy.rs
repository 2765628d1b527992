//! A TCP proxy on loopback between a store client and a real store server, whose faults a
//! test turns on and off: **cut** (every connection closed, new ones refused, as a dead host
//! resets them), **freeze** (the connections open now stop forwarding but stay open, as a
//! half-open socket or a frozen network path does, while new connections work), and
//! **delay** (every read forwarded late).

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Mode {
    cut: bool,
    /// Connections opened before this many freezes stop forwarding.
    freezes: u64,
    delay: Duration,
}

pub struct Proxy {
    pub port: u16,
    mode: Arc<watch::Sender<Mode>>,
}

impl Proxy {
    /// Forwards a new loopback port to `target_port`.
    pub async fn start(target_port: u16) -> Proxy {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("a loopback port for the proxy");
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(watch::channel(Mode::default()).0);
        let sender = Arc::clone(&mode);
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let watched = sender.subscribe();
                let opened = *watched.borrow();
                if opened.cut {
                    // Cut: the connection is accepted and closed at once.
                    drop(inbound);
                    continue;
                }
                tokio::spawn(async move {
                    let Ok(outbound) = TcpStream::connect((Ipv4Addr::LOCALHOST, target_port)).await
                    else {
                        return;
                    };
                    let (from_client, to_client) = inbound.into_split();
                    let (from_server, to_server) = outbound.into_split();
                    let epoch = opened.freezes;
                    tokio::select! {
                        _ = pump(from_client, to_server, watched.clone(), epoch) => {}
                        _ = pump(from_server, to_client, watched.clone(), epoch) => {}
                        _ = cut(watched) => {}
                    }
                });
            }
        });
        Proxy { port, mode }
    }

    /// Closes every open connection and every new one until [`restore`](Self::restore).
    pub fn cut(&self) {
        self.mode.send_modify(|mode| mode.cut = true);
    }

    /// Stalls every connection open now, for good: they stay open and forward nothing, as a
    /// half-open socket does. New connections forward as usual.
    pub fn freeze(&self) {
        self.mode.send_modify(|mode| mode.freezes += 1);
    }

    /// Forwards every read `delay` late (zero: on time again).
    pub fn delay(&self, delay: Duration) {
        self.mode.send_modify(|mode| mode.delay = delay);
    }

    /// Ends a cut; new connections are forwarded again.
    pub fn restore(&self) {
        self.mode.send_modify(|mode| mode.cut = false);
    }
}

/// Copies `from` to `to`, late when asked, until either side closes; stalls for good once the
/// connection (opened at `epoch`) is frozen.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mode: watch::Receiver<Mode>,
    epoch: u64,
) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let Ok(read) = from.read(&mut buffer).await else {
            return;
        };
        if read == 0 {
            return;
        }
        let now = *mode.borrow();
        if now.freezes > epoch {
            std::future::pending::<()>().await;
        }
        if !now.delay.is_zero() {
            tokio::time::sleep(now.delay).await;
        }
        if to.write_all(&buffer[..read]).await.is_err() {
            return;
        }
    }
}

/// Returns once the proxy is cut.
async fn cut(mut mode: watch::Receiver<Mode>) {
    let _ = mode.wait_for(|mode| mode.cut).await;
}
