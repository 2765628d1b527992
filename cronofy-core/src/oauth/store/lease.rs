//! The refresh lease: proof that this instance, and no other, may refresh a token set now.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A refresh lease, identified by a holder value that only its taker knows, so that only it
/// can renew or release the lease (a compare-and-set in the store). Made before
/// [`TokenStore::acquire_lease`](crate::oauth::TokenStore::acquire_lease) is called, so that a
/// call that times out (and may have taken the lease) can still release it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    holder: String,
}

impl Lease {
    /// A lease with a new holder value, unique across processes and machines: 128 bits from
    /// the standard library's randomly keyed hasher, fed the time, the process id and a
    /// counter.
    pub fn new_random() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let word = |salt: u64| {
            // `RandomState::new` draws its keys from the operating system's randomness.
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_u64(salt);
            hasher.write_u64(count);
            hasher.write_u128(nanos);
            hasher.write_u32(std::process::id());
            hasher.finish()
        };
        Lease {
            holder: format!("{:016x}{:016x}", word(1), word(2)),
        }
    }

    /// A lease with the holder value a store recorded.
    pub fn with_holder(holder: impl Into<String>) -> Self {
        Lease {
            holder: holder.into(),
        }
    }

    /// The holder value to record in the store, and to compare on release.
    pub fn holder(&self) -> &str {
        &self.holder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_holders_differ_and_are_128_bits_of_hex() {
        let holders: std::collections::HashSet<String> = (0..1000)
            .map(|_| Lease::new_random().holder().to_owned())
            .collect();
        assert_eq!(holders.len(), 1000);
        assert!(
            holders
                .iter()
                .all(|h| h.len() == 32 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        );
    }
}
