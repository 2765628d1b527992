//! Tokens, codes and ids that look like Cronofy's and cannot be guessed from one another.
//!
//! SipHash keyed by std's per-process random keys (`RandomState`) over a counter: unpredictable
//! enough for a test server's credentials, without a random-number dependency.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn random_u64() -> u64 {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

fn random_string(len: usize, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut bits = random_u64();
        // 8 symbols of at most 62 use 48 bits of the 64; the slight modulo bias is harmless here.
        for _ in 0..8 {
            if out.len() == len {
                break;
            }
            let index = (bits % alphabet.len() as u64) as usize;
            out.push(char::from(alphabet[index]));
            bits /= alphabet.len() as u64;
        }
    }
    out
}

/// An access or refresh token, authorization code or client secret: 32 letters and digits, as
/// Cronofy issues them.
pub(crate) fn token() -> String {
    random_string(32, ALPHANUMERIC)
}

/// An id such as `acc_5ba21743f408617d1269ea1e`: a prefix and 24 lowercase hex digits.
pub(crate) fn id(prefix: &str) -> String {
    format!("{prefix}{}", random_string(24, b"0123456789abcdef"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_cronofys_shape_and_differ() {
        let (a, b) = (token(), token());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        let account = id("acc_");
        assert_eq!(account.len(), 28);
        assert!(account.starts_with("acc_"));
    }
}
