//! What a declared type's syntax alone says: a `#[query]` type that cannot be a query string.
//!
//! Only what the syntax decides is judged here; a named type may be anything, so it is left to
//! the trait bounds of `cronofy::__private` (which see through aliases and re-exports).

use syn::{GenericArgument, PathArguments, Type, TypePath};

/// Scalar types, which serialize as one value with no name.
const VALUES: [&str; 18] = [
    "bool", "char", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128",
    "usize", "f32", "f64", "str", "String",
];

/// Module names allowed before a scalar's name: `std::string::String`, `core::primitive::u8`.
const VALUE_MODULES: [&str; 5] = ["std", "core", "alloc", "string", "primitive"];

/// Collections that serialize as a sequence of their elements.
const SEQUENCES: [&str; 7] = [
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashSet",
    "BTreeSet",
    "BinaryHeap",
    "IndexSet",
];

/// Wrappers that serialize as what they hold (`None` as nothing).
const TRANSPARENT: [&str; 5] = ["Box", "Option", "Cow", "Rc", "Arc"];

/// Why a `#[query]` type cannot be a query string, whatever its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAQuery {
    /// `&str`, `u32`, `Option<String>`: one value, with no name to send it under.
    Value,
    /// `&[&str]`, `Vec<u32>`: values without names.
    Values,
    /// `Vec<(String, String, String)>`: elements that are not `(name, value)` pairs.
    NotPairs,
    /// `(&str, u32)`: values without names.
    TupleOfValues,
}

impl NotAQuery {
    /// The message, spanned on the type.
    pub fn message(self) -> String {
        let (what, alternative) = match self {
            NotAQuery::Value => ("a single value, which has no name to be sent under", ""),
            NotAQuery::Values => (
                "a list of single values, which have no names to be sent under",
                " (or a list of `(name, value)` pairs)",
            ),
            NotAQuery::NotPairs => (
                "a list of tuples other than `(name, value)` pairs",
                " (or a list of `(name, value)` pairs)",
            ),
            NotAQuery::TupleOfValues => (
                "a tuple of single values, which have no names to be sent under",
                "",
            ),
        };
        format!(
            "a `#[query]` parameter cannot be {what}: make it a struct whose fields are the query's names, e.g. `#[derive(Serialize)] struct ListQuery {{ tzid: String }}`{alternative}"
        )
    }
}

/// `Some` when `ty`, as written, can never be encoded as a query string: the encoder takes
/// structs, maps, and sequences or tuples of `(name, value)` pairs, and refuses a bare value.
pub fn query_not_a_struct(ty: &Type) -> Option<NotAQuery> {
    let ty = unwrap(ty);
    if is_value(ty) {
        return Some(NotAQuery::Value);
    }
    if let Some(element) = sequence_element(ty) {
        let element = unwrap(element);
        return match element {
            _ if is_value(element) => Some(NotAQuery::Values),
            Type::Tuple(tuple) if tuple.elems.len() != 2 => Some(NotAQuery::NotPairs),
            _ => None,
        };
    }
    match ty {
        Type::Tuple(tuple)
            if !tuple.elems.is_empty() && tuple.elems.iter().all(|e| is_value(unwrap(e))) =>
        {
            Some(NotAQuery::TupleOfValues)
        }
        _ => None,
    }
}

/// `ty` without references, parentheses and the wrappers that serialize as what they hold.
fn unwrap(mut ty: &Type) -> &Type {
    loop {
        ty = match ty {
            Type::Reference(reference) => &reference.elem,
            Type::Paren(paren) => &paren.elem,
            Type::Group(group) => &group.elem,
            Type::Path(path) => match last_named(path, &TRANSPARENT).and_then(first_type) {
                Some(inner) => inner,
                None => return ty,
            },
            _ => return ty,
        };
    }
}

/// The element type of a slice, an array with elements, or a known collection.
fn sequence_element(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Slice(slice) => Some(&slice.elem),
        // `[T; 0]` is always empty, so always encodes.
        Type::Array(array) if !is_zero(&array.len) => Some(&array.elem),
        Type::Path(path) => last_named(path, &SEQUENCES).and_then(first_type),
        _ => None,
    }
}

fn is_zero(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. }) if int.base10_digits() == "0")
}

/// The last segment of `path` when its name is one of `names` (and no `<T as Trait>::` comes
/// before it).
fn last_named<'a>(path: &'a TypePath, names: &[&str]) -> Option<&'a syn::PathSegment> {
    let last = path.path.segments.last()?;
    (path.qself.is_none() && names.iter().any(|n| last.ident == n)).then_some(last)
}

/// The first type argument of a segment: `T` of `Vec<T>`, `str` of `Cow<'a, str>`.
fn first_type(segment: &syn::PathSegment) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// A scalar: `str`, `String`, `u32`, ... written by its name alone or from `std`.
fn is_value(ty: &Type) -> bool {
    let Type::Path(path) = ty else {
        return false;
    };
    let mut segments = path.path.segments.iter().rev();
    let Some(last) = segments.next() else {
        return false;
    };
    path.qself.is_none()
        && last.arguments.is_none()
        && VALUES.iter().any(|v| last.ident == v)
        && segments.all(|m| m.arguments.is_none() && VALUE_MODULES.iter().any(|v| m.ident == v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> Type {
        syn::parse_str(text).unwrap()
    }

    fn query(text: &str) -> Option<NotAQuery> {
        query_not_a_struct(&ty(text))
    }

    #[test]
    fn values_and_lists_of_values_are_not_queries() {
        for text in [
            "&str",
            "&'static str",
            "String",
            "&mut String",
            "u32",
            "bool",
            "Option<&str>",
            "Box<str>",
            "&(std::string::String)",
            "core::primitive::u8",
            "Cow<'_, str>",
        ] {
            assert_eq!(query(text), Some(NotAQuery::Value), "{text}");
        }
        for text in [
            "&[&str]",
            "Vec<String>",
            "&Vec<u64>",
            "[&str; 2]",
            "HashSet<String>",
            "std::collections::BTreeSet<String>",
            "Option<Vec<Option<String>>>",
        ] {
            assert_eq!(query(text), Some(NotAQuery::Values), "{text}");
        }
        for text in ["Vec<(String, String, String)>", "&[(&str,)]", "Vec<()>"] {
            assert_eq!(query(text), Some(NotAQuery::NotPairs), "{text}");
        }
        for text in ["(&str, u32)", "(String,)"] {
            assert_eq!(query(text), Some(NotAQuery::TupleOfValues), "{text}");
        }
    }

    #[test]
    fn structs_maps_and_pairs_are_left_to_the_bound() {
        for text in [
            "&ListQuery",
            "Option<ListQuery>",
            "&Option<ListQuery>",
            "HashMap<String, String>",
            "&BTreeMap<&str, u32>",
            "&[(&str, &str)]",
            "Vec<(String, String)>",
            "(( &str, &str ), (&str, &str))",
            "()",
            "[&str; 0]",
            "Vec<Option<(String, String)>>",
            "Vec<[&str; 2]>",
            "my::String",
            "<T as Trait>::String",
            "Vec<Query>",
        ] {
            assert_eq!(query(text), None, "{text}");
        }
    }
}
