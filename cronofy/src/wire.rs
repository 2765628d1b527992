//! Small serde helpers for Cronofy's wire format.

use serde::{Deserialize, Deserializer};

/// Reads `null` as the type's default, as a missing field is: Cronofy sends both for "none".
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
