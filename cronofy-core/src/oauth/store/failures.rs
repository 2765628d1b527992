//! The wording of the database stores' failures, shared so both say the same things.

use std::fmt::Display;
use std::time::Duration;

use crate::oauth::store::TokenStoreError;

/// `store` (e.g. "PostgreSQL") could not do `what`, because of `cause`, which must hold no
/// secret.
pub(super) fn could_not(store: &str, what: &str, cause: impl Display) -> TokenStoreError {
    TokenStoreError::new(format!("{store} token store could not {what}: {cause}"))
}

/// `store` gave no answer to `what` within `timeout`.
pub(super) fn unreachable_after(store: &str, timeout: Duration, what: &str) -> TokenStoreError {
    TokenStoreError::new(format!(
        "{store} token store did not answer within {} ms (to {what}); the tokens in use are \
         unchanged",
        timeout.as_millis()
    ))
}

/// What is wrong with the record under `key`, which `error` describes without quoting it.
pub(super) fn in_record(store: &str, key: &str, error: impl Display) -> TokenStoreError {
    TokenStoreError::new(format!("{store} token store, record {key:?}: {error}"))
}
