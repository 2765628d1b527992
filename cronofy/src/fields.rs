//! Forward compatibility in both directions: fields Cronofy has that this crate does not
//! model yet.
//!
//! - Every response type keeps the fields it does not name in an [`Extra`] map (its `extra`
//!   field), so a field Cronofy added yesterday can be read today.
//! - Every request body has a `field(name, value)` method that sends any other top-level field
//!   as given. A name the type already models is refused (the call fails with
//!   [`Error::InvalidRequest`](crate::Error::InvalidRequest) before anything is sent), so a
//!   body never carries a key twice and a typed setter is never silently overridden.

use serde::{Serialize, Serializer};

/// The fields of a response that its type does not name, as Cronofy sent them.
///
/// ```
/// fn main() -> Result<(), serde_json::Error> {
///     let calendar: cronofy::calendars::Calendar = serde_json::from_str(
///         r#"{
///         "provider_name": "google", "profile_id": "pro_1", "profile_name": "a@example.com",
///         "calendar_id": "cal_1", "calendar_name": "Work", "calendar_readonly": false,
///         "calendar_deleted": false, "calendar_added_next_year": {"color": "teal"}
///     }"#,
///     )?;
///     assert_eq!(calendar.extra["calendar_added_next_year"]["color"], "teal");
///     Ok(())
/// }
/// ```
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The fields a request body carries beyond those its type models: what its `field` method
/// adds. Encoded after the modeled fields, at the top level of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraFields {
    fields: serde_json::Map<String, serde_json::Value>,
    /// Names given to `field` that the type models, with the type's name: refused on encoding.
    refused: Option<(&'static str, String)>,
}

impl ExtraFields {
    /// Adds `name`, unless `modeled` (the names `type_name` has setters for) contains it: then
    /// the body is refused when it is encoded.
    pub(crate) fn set(
        &mut self,
        type_name: &'static str,
        modeled: &[&str],
        name: String,
        value: serde_json::Value,
    ) {
        if modeled.contains(&name.as_str()) {
            self.refused.get_or_insert((type_name, name));
        } else {
            self.fields.insert(name, value);
        }
    }

    /// The value added for `name`, if any.
    pub fn get(&self, name: &str) -> Option<&serde_json::Value> {
        self.fields.get(name)
    }

    /// Whether no field was added.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.refused.is_none()
    }
}

impl Serialize for ExtraFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some((type_name, name)) = &self.refused {
            return Err(cronofy_core::invalid_request(format_args!(
                "`{name}` is a field {type_name} models: set it with {type_name}'s own method, not `.field()`"
            )));
        }
        self.fields.serialize(serializer)
    }
}

/// A request body type that sends fields it does not model through `field(name, value)`.
///
/// `MODELED` lists the top-level names the type sends itself (set or not), which `field`
/// refuses.
pub trait ExtensibleBody: Serialize {
    /// The top-level field names the type models.
    const MODELED: &'static [&'static str];
}

/// Gives a body type with an `extra: ExtraFields` field (flattened; or another field, named
/// after a dot) its `field` method and its [`ExtensibleBody`] list of modeled names.
macro_rules! extensible_body {
    ($type:ident { $($name:literal),+ $(,)? }) => {
        $crate::fields::extensible_body!($type.extra { $($name),+ });
    };
    // A type that also reads responses keeps what it read in `extra`, which it sends back: a
    // name given to `field` replaces the one read, so the body never carries it twice.
    (@forget_read $self:ident extra $name:ident) => {};
    (@forget_read $self:ident $field:ident $name:ident) => {
        $self.extra.remove(&$name);
    };
    // For a type that also reads responses, whose `extra` is the `Extra` it read.
    ($type:ident . $field:ident { $($name:literal),+ $(,)? }) => {
        impl $crate::fields::ExtensibleBody for $type {
            const MODELED: &'static [&'static str] = &[$($name),+];
        }

        impl $type {
            #[doc = concat!(
                "Sends another top-level field as given: one Cronofy documents that this crate ",
                "does not model yet. A name `", stringify!($type), "` models (",
                $("`", $name, "` ",)+
                ") is refused: the call fails with `Error::InvalidRequest` before sending."
            )]
            pub fn field(
                mut self,
                name: impl Into<String>,
                value: impl Into<serde_json::Value>,
            ) -> Self {
                let name = name.into();
                $crate::fields::extensible_body!(@forget_read self $field name);
                self.$field.set(
                    stringify!($type),
                    <$type as $crate::fields::ExtensibleBody>::MODELED,
                    name,
                    value.into(),
                );
                self
            }
        }
    };
}
pub(crate) use extensible_body;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Body {
        summary: String,
        #[serde(flatten)]
        extra: ExtraFields,
    }
    extensible_body!(Body { "summary" });

    fn body() -> Body {
        Body {
            summary: "Intro".to_owned(),
            extra: ExtraFields::default(),
        }
    }

    #[test]
    fn an_unmodeled_field_is_sent_at_the_top_level() {
        let sent = serde_json::to_value(body().field("color", "#49BED8")).unwrap();
        assert_eq!(
            sent,
            serde_json::json!({"summary": "Intro", "color": "#49BED8"})
        );
    }

    #[test]
    fn a_modeled_name_is_refused_as_an_invalid_request() {
        let message = serde_json::to_string(&body().field("summary", "Other")).unwrap_err();
        assert_eq!(
            cronofy_core::__private::refusal_reason(&message.to_string()),
            Some("`summary` is a field Body models: set it with Body's own method, not `.field()`")
        );
    }
}
