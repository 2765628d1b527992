//! Rules Cronofy documents for request values, checked while a body is encoded: a value that
//! breaks one refuses the request ([`Error::InvalidRequest`](crate::Error::InvalidRequest))
//! before anything is sent.

use serde::ser::Error;

/// An id Cronofy restricts to letters, digits, `_` and `-` (bookable events, registrations).
pub(crate) fn url_safe_id<E: Error>(field: &str, id: &str) -> Result<(), E> {
    if id.is_empty() {
        return Err(cronofy_core::invalid_request(format_args!(
            "`{field}` must not be empty"
        )));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(cronofy_core::invalid_request(format_args!(
            "`{field}` may only contain letters, digits, `_` and `-`, not {bad:?}"
        )));
    }
    Ok(())
}

/// A value Cronofy requires, which must not be empty or only whitespace.
pub(crate) fn not_blank<E: Error>(field: &str, value: &str) -> Result<(), E> {
    if value.trim().is_empty() {
        return Err(cronofy_core::invalid_request(format_args!(
            "`{field}` must not be empty"
        )));
    }
    Ok(())
}

/// Text Cronofy limits to `max` characters (not bytes).
pub(crate) fn max_chars<E: Error>(field: &str, value: &str, max: usize) -> Result<(), E> {
    let length = value.chars().count();
    if length > max {
        return Err(cronofy_core::invalid_request(format_args!(
            "`{field}` is {length} characters long; Cronofy takes at most {max}"
        )));
    }
    Ok(())
}

/// An email address: not blank, with an `@` between two non-empty parts.
pub(crate) fn email<E: Error>(field: &str, value: &str) -> Result<(), E> {
    not_blank(field, value)?;
    match value.trim().split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(()),
        _ => Err(cronofy_core::invalid_request(format_args!(
            "`{field}` must be an email address, not {value:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(result: Result<(), serde_json::Error>) -> Option<String> {
        result
            .err()
            .map(|e| cronofy_core::__private::refusal_reason(&e.to_string()).map(str::to_owned))
            .map(Option::unwrap_or_default)
    }

    #[test]
    fn url_safe_ids_are_letters_digits_underscores_and_hyphens() {
        assert_eq!(reason(url_safe_id("id", "Ab_9-x")), None);
        assert_eq!(
            reason(url_safe_id("id", "a b")).as_deref(),
            Some("`id` may only contain letters, digits, `_` and `-`, not ' '")
        );
        assert_eq!(
            reason(url_safe_id("id", "")).as_deref(),
            Some("`id` must not be empty")
        );
        assert!(reason(url_safe_id("id", "é")).is_some());
    }

    #[test]
    fn emails_need_an_at_between_two_parts() {
        assert_eq!(reason(email("email", "a@b")), None);
        for bad in ["", "  ", "ab", "@b", "a@"] {
            assert!(reason(email("email", bad)).is_some(), "{bad:?}");
        }
        assert!(reason(not_blank("x", " ")).is_some());
    }
}
