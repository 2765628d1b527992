//! Open enums: the values Cronofy documents as variants, and any other text it sends kept in
//! one fallback, `Unknown(String)`, instead of failing the response. Every such enum of
//! cronofy-rs is declared with [`open_enum!`](crate::open_enum), so they all behave alike.

/// Declares an open enum: each variant with Cronofy's text for it, plus
/// `Unknown(String)` for any other text. It gets `as_str`, `from_name`, `Display`, `FromStr`
/// (never failing), `From<&str>`, comparison with `&str`, and JSON as the plain string.
///
/// ```
/// cronofy_core::open_enum! {
///     /// How a slot is shown.
///     pub enum Shade {
///         /// `light`
///         Light = "light",
///         /// `dark`
///         Dark = "dark",
///     }
/// }
///
/// assert_eq!(Shade::from_name("dark"), Shade::Dark);
/// assert_eq!(Shade::from_name("sepia"), Shade::Unknown("sepia".to_owned()));
/// assert_eq!(serde_json::to_string(&Shade::Light)?, r#""light""#);
/// assert_eq!(Shade::Light, "light");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this crate does not name yet, with Cronofy's text for it.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every value this crate names, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// Cronofy's text for the value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Unknown(text) => text,
                }
            }

            /// The value Cronofy writes as `name`; `Unknown` for any text not named here.
            pub fn from_name(name: &str) -> Self {
                match name {
                    $( $text => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            /// Never fails: text not named here is kept as `Unknown`.
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok($name::from_name(text))
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::from_name(text)
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let text: ::std::borrow::Cow<'de, str> =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::Ok($name::from_name(&text))
            }
        }
    };
}
