//! A TCP proxy on loopback that a test can cut and restore, to make a real store server
//! unreachable for one client without stopping it for the others.

use std::net::Ipv4Addr;
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct Proxy {
    pub port: u16,
    cut: Arc<watch::Sender<bool>>,
}

impl Proxy {
    /// Forwards a new loopback port to `target_port`.
    pub async fn start(target_port: u16) -> Proxy {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("a loopback port for the proxy");
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(watch::channel(false).0);
        let sender = Arc::clone(&cut);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut cut_now = sender.subscribe();
                if *cut_now.borrow() {
                    // Cut: the connection is accepted and closed at once, as a dead server's
                    // host would reset it.
                    drop(inbound);
                    continue;
                }
                tokio::spawn(async move {
                    let Ok(mut outbound) =
                        TcpStream::connect((Ipv4Addr::LOCALHOST, target_port)).await
                    else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut_now.wait_for(|&cut| cut) => {}
                    }
                });
            }
        });
        Proxy { port, cut }
    }

    /// Closes every open connection and every new one until [`restore`](Self::restore).
    pub fn cut(&self) {
        self.cut.send_replace(true);
    }

    pub fn restore(&self) {
        self.cut.send_replace(false);
    }
}
