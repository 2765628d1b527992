//! What a declared type's syntax alone says: a `#[query]` type that cannot be a query string,
//! a return type that borrows, and the lifetimes a stand-in must make `'static`.
//!
//! Only what the syntax decides is judged here; a named type may be anything, so it is left to
//! the trait bounds of `cronofy::__private` (which see through aliases and re-exports).

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{GenericArgument, Lifetime, PathArguments, Type, TypePath};

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

/// A place where a return type borrows, and what to write there instead.
pub struct Borrow {
    /// The borrowing type, where the message points.
    pub at: TokenStream,
    /// The message.
    pub message: String,
}

const CANNOT_BORROW: &str = "the return type cannot borrow: a response is decoded into owned values, and its body is dropped once decoded";

/// Each place where the return type `ty` borrows: a reference, or a lifetime other than
/// `'static` (`Cow<'static, str>` decodes to an owned string and is fine). A borrow inside
/// another is reported with it, not again.
pub fn borrows(ty: &Type) -> Vec<Borrow> {
    let mut found = Vec::new();
    find_borrows(ty, &mut found);
    found
}

fn find_borrows(ty: &Type, found: &mut Vec<Borrow>) {
    match ty {
        Type::Reference(_) => found.push(Borrow {
            at: ty.to_token_stream(),
            message: format!(
                "{CANNOT_BORROW}; write `{}` rather than `{}`",
                type_text(&owned(ty)),
                type_text(ty)
            ),
        }),
        Type::Paren(paren) => find_borrows(&paren.elem, found),
        Type::Group(group) => find_borrows(&group.elem, found),
        Type::Slice(slice) => find_borrows(&slice.elem, found),
        Type::Array(array) => find_borrows(&array.elem, found),
        Type::Tuple(tuple) => tuple.elems.iter().for_each(|e| find_borrows(e, found)),
        Type::Path(path) => {
            if let Some(qself) = &path.qself {
                find_borrows(&qself.ty, found);
            }
            let Some(lifetime) = borrowed_lifetime(path) else {
                for segment in &path.path.segments {
                    if let PathArguments::AngleBracketed(args) = &segment.arguments {
                        for arg in &args.args {
                            if let GenericArgument::Type(ty) = arg {
                                find_borrows(ty, found);
                            }
                        }
                    }
                }
                return;
            };
            let message = if last_named(path, &["Cow"]).is_some() {
                format!(
                    "{CANNOT_BORROW}; write `{}` rather than `{}`",
                    type_text(&owned(ty)),
                    type_text(ty)
                )
            } else {
                let name = path
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                format!(
                    "{CANNOT_BORROW}; declare `{name}` without the lifetime `{lifetime}`, with owned fields (e.g. `String` rather than `&{lifetime} str`)"
                )
            };
            found.push(Borrow {
                at: ty.to_token_stream(),
                message,
            });
        }
        _ => {}
    }
}

/// The first lifetime argument other than `'static` in the path's segments.
fn borrowed_lifetime(path: &TypePath) -> Option<&Lifetime> {
    path.path.segments.iter().find_map(|segment| {
        let PathArguments::AngleBracketed(args) = &segment.arguments else {
            return None;
        };
        args.args.iter().find_map(|arg| match arg {
            GenericArgument::Lifetime(lifetime) if lifetime.ident != "static" => Some(lifetime),
            _ => None,
        })
    })
}

/// The owned counterpart of a borrowing type: `String` for `&str` (and `Cow<'a, str>`),
/// `Vec<T>` for `&[T]`, `T` for `&T`, inside other types too.
pub fn owned(ty: &Type) -> Type {
    match ty {
        Type::Reference(reference) => owned_target(&reference.elem),
        Type::Path(path)
            if last_named(path, &["Cow"]).is_some() && borrowed_lifetime(path).is_some() =>
        {
            let segment = path.path.segments.last().expect("named");
            match first_type(segment) {
                Some(inner) => owned_target(inner),
                None => ty.clone(),
            }
        }
        Type::Path(path) => {
            let mut path = path.clone();
            for segment in &mut path.path.segments {
                if let PathArguments::AngleBracketed(args) = &mut segment.arguments {
                    for arg in &mut args.args {
                        if let GenericArgument::Type(ty) = arg {
                            *ty = owned(ty);
                        }
                    }
                }
            }
            Type::Path(path)
        }
        Type::Paren(paren) => owned(&paren.elem),
        Type::Group(group) => owned(&group.elem),
        Type::Slice(slice) => {
            let mut slice = slice.clone();
            *slice.elem = owned(&slice.elem);
            Type::Slice(slice)
        }
        Type::Array(array) => {
            let mut array = array.clone();
            *array.elem = owned(&array.elem);
            Type::Array(array)
        }
        Type::Tuple(tuple) => {
            let mut tuple = tuple.clone();
            for elem in &mut tuple.elems {
                *elem = owned(elem);
            }
            Type::Tuple(tuple)
        }
        _ => ty.clone(),
    }
}

/// What owns the value a reference points to: `String` for `str`, `Vec<T>` for `[T]`.
fn owned_target(target: &Type) -> Type {
    match target {
        Type::Paren(paren) => owned_target(&paren.elem),
        Type::Group(group) => owned_target(&group.elem),
        Type::Path(path) if path.qself.is_none() && path.path.is_ident("str") => {
            syn::parse_quote!(String)
        }
        Type::Slice(slice) => {
            let element = owned(&slice.elem);
            syn::parse_quote!(Vec<#element>)
        }
        other => owned(other),
    }
}

/// Calls `f` on every lifetime written, or elided, in references and angle-bracketed
/// arguments of `ty`. An argument `f` sets to `None` becomes `'_`.
pub fn each_lifetime(ty: &mut Type, f: &mut dyn FnMut(&mut Option<Lifetime>)) {
    match ty {
        Type::Reference(reference) => {
            f(&mut reference.lifetime);
            each_lifetime(&mut reference.elem, f);
        }
        Type::Paren(paren) => each_lifetime(&mut paren.elem, f),
        Type::Group(group) => each_lifetime(&mut group.elem, f),
        Type::Slice(slice) => each_lifetime(&mut slice.elem, f),
        Type::Array(array) => each_lifetime(&mut array.elem, f),
        Type::Ptr(pointer) => each_lifetime(&mut pointer.elem, f),
        Type::Tuple(tuple) => tuple.elems.iter_mut().for_each(|e| each_lifetime(e, f)),
        Type::Path(path) => {
            if let Some(qself) = &mut path.qself {
                each_lifetime(&mut qself.ty, f);
            }
            for segment in &mut path.path.segments {
                if let PathArguments::AngleBracketed(args) = &mut segment.arguments {
                    for arg in &mut args.args {
                        match arg {
                            GenericArgument::Lifetime(lifetime) => {
                                let span = lifetime.apostrophe;
                                let mut slot = Some(lifetime.clone());
                                f(&mut slot);
                                *lifetime = slot.unwrap_or_else(|| Lifetime::new("'_", span));
                            }
                            GenericArgument::Type(ty) => each_lifetime(ty, f),
                            _ => {}
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// A type as a message shows it: `Vec<&'a str>`, not `Vec < & 'a str >`.
pub fn type_text(tokens: &impl ToTokens) -> String {
    let mut text = String::new();
    write_tokens(tokens.to_token_stream(), &mut text);
    text
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    Start,
    /// A word or a closed group: another word after it needs a space.
    Word,
    /// `,`, `;`, `+`, `=`, `->`: a space follows.
    Separator,
    /// Punctuation such as `&`, `<`, `::`: nothing follows it with a space.
    Tight,
    /// The `'` of a lifetime.
    Tick,
    /// `-` of a `->`.
    Dash,
}

fn write_tokens(tokens: TokenStream, text: &mut String) {
    let mut last = Last::Start;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                if matches!(last, Last::Word | Last::Separator) {
                    text.push(' ');
                }
                let word = ident.to_string();
                text.push_str(&word);
                // A lifetime's name, or a keyword before a type: what follows is spaced.
                last = if last == Last::Tick
                    || ["mut", "dyn", "impl", "const"].contains(&word.as_str())
                {
                    Last::Separator
                } else {
                    Last::Word
                };
            }
            TokenTree::Literal(literal) => {
                if matches!(last, Last::Word | Last::Separator) {
                    text.push(' ');
                }
                text.push_str(&literal.to_string());
                last = Last::Word;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                if last == Last::Separator {
                    text.push(' ');
                }
                text.push_str(open);
                write_tokens(group.stream(), text);
                text.push_str(close);
                last = Last::Word;
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                last = match c {
                    ',' | ';' => {
                        text.push(c);
                        Last::Separator
                    }
                    '+' | '=' => {
                        text.push(' ');
                        text.push(c);
                        Last::Separator
                    }
                    '-' if punct.spacing() == Spacing::Joint => {
                        text.push_str(" -");
                        Last::Dash
                    }
                    '>' if last == Last::Dash => {
                        text.push(c);
                        Last::Separator
                    }
                    '\'' => {
                        if matches!(last, Last::Word | Last::Separator) {
                            text.push(' ');
                        }
                        text.push(c);
                        Last::Tick
                    }
                    _ => {
                        if last == Last::Separator && c != '>' {
                            text.push(' ');
                        }
                        text.push(c);
                        Last::Tight
                    }
                };
            }
        }
    }
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

    fn borrow_messages(text: &str) -> Vec<String> {
        borrows(&ty(text)).into_iter().map(|b| b.message).collect()
    }

    #[test]
    fn borrows_say_what_owns_the_value() {
        let suggest = |text: &str| -> Vec<String> {
            borrow_messages(text)
                .into_iter()
                .map(|m| m.split("; write ").nth(1).unwrap_or(&m).to_owned())
                .collect()
        };
        assert_eq!(
            suggest("&'static str"),
            ["`String` rather than `&'static str`"]
        );
        assert_eq!(suggest("&Event"), ["`Event` rather than `&Event`"]);
        assert_eq!(suggest("&[&str]"), ["`Vec<String>` rather than `&[&str]`"]);
        assert_eq!(suggest("Vec<&str>"), ["`String` rather than `&str`"]);
        assert_eq!(
            suggest("Option<&'a [u8]>"),
            ["`Vec<u8>` rather than `&'a [u8]`"]
        );
        assert_eq!(
            suggest("Cow<'a, str>"),
            ["`String` rather than `Cow<'a, str>`"]
        );
        assert_eq!(suggest("Page<&str>"), ["`String` rather than `&str`"]);
        assert_eq!(
            suggest("HashMap<&str, &mut Event>"),
            [
                "`String` rather than `&str`",
                "`Event` rather than `&mut Event`"
            ]
        );
        let found = borrow_messages("Event<'a>");
        assert_eq!(found.len(), 1);
        assert!(found[0].ends_with("declare `Event` without the lifetime `'a`, with owned fields (e.g. `String` rather than `&'a str`)"), "{found:?}");
    }

    #[test]
    fn owned_and_static_types_do_not_borrow() {
        for text in [
            "String",
            "Box<str>",
            "Cow<'static, str>",
            "Vec<Cow<'static, [u8]>>",
            "Page<Event>",
            "(String, u32)",
            "serde_json::Value",
        ] {
            assert!(borrow_messages(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn types_print_as_written() {
        for text in [
            "&'a str",
            "Vec<&'static str>",
            "Cow<'a, str>",
            "&mut [u8; 4]",
            "(String, u32)",
            "std::collections::HashMap<String, Vec<u8>>",
            "Box<dyn Fn(&str) -> String + Send>",
        ] {
            assert_eq!(type_text(&ty(text)), text);
        }
    }

    #[test]
    fn each_lifetime_can_elide_or_replace() {
        let mut t = ty("Foo<'a, &'a str, &u8>");
        each_lifetime(&mut t, &mut |slot| *slot = None);
        assert_eq!(type_text(&t), "Foo<'_, &str, &u8>");
        each_lifetime(&mut t, &mut |slot| {
            *slot = Some(Lifetime::new("'static", proc_macro2::Span::call_site()))
        });
        assert_eq!(type_text(&t), "Foo<'static, &'static str, &'static u8>");
    }
}
