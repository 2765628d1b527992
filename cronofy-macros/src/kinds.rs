//! The credential kinds: the one place in the code that names them.
//!
//! Everything else is derived from [`KINDS`]: the `auth = "..."` words the attribute accepts,
//! the trait an endpoint's credential parameter is bound by, and, through
//! [`credential_kinds`], the runtime's `AuthKind` enum and its kind traits. Kinds that
//! [`combine`](Kind::combines) get one trait for every set of two or more of them
//! (`UserOrAppAuth`, ...), generated here, so adding a kind cannot leave a combination out.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Generics, Ident, Token, Type};

/// One credential kind.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    /// As written in `auth`, e.g. `"user"`.
    pub name: &'static str,
    /// The variant of `cronofy::auth::AuthKind`, and the kind's word in trait names.
    pub word: &'static str,
    /// Whether an endpoint may accept it together with other kinds.
    pub combines: bool,
    /// For a kind that does not combine, why, to say when a declaration combines it.
    pub alone: &'static str,
    /// Words a user might write for it in `auth`, to suggest it.
    pub near_misses: &'static [&'static str],
    /// The `AuthKind` variant's documentation.
    pub doc: &'static str,
    /// What an endpoint taking only this kind does, to open the compiler's message.
    pub acts: &'static str,
    /// The credential as a noun: "a user credential".
    pub noun: &'static str,
    /// The article before the kind's name in docs: "a `user`", "an `app`".
    pub article: &'static str,
    /// How to pass one, and what for: "`&UserToken::new(access_token)` to act for a user".
    pub pass: &'static str,
    /// The advice when another credential is passed where only this kind is accepted.
    pub note: &'static str,
    /// The single-kind trait's documentation.
    pub trait_doc: &'static str,
}

/// Every kind, in the order messages and trait names list them.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "user",
        word: "User",
        combines: true,
        alone: "",
        near_misses: &["users", "account", "token", "access_token"],
        doc: "One user's OAuth access token, or an organization or internal application acting as one of its members (`Cronofy-Impersonate`).",
        acts: "this endpoint acts for one user",
        noun: "a user credential",
        article: "a",
        pass: "`&UserToken::new(access_token)` to act for a user",
        note: "pass the user's access token as `&UserToken::new(access_token)` (or a `RefreshingUserToken`), or act for a member of an organization with `&org_token.impersonate(sub)` (`&app_credentials.impersonate(sub)` for an internal application)",
        trait_doc: "Credentials accepted by endpoints declared `auth = \"user\"`: they act on one user's calendars.",
    },
    Kind {
        name: "app",
        word: "App",
        combines: true,
        alone: "",
        near_misses: &[
            "application",
            "api_key",
            "apikey",
            "client",
            "client_secret",
        ],
        doc: "The application itself: its client secret is the API key, sent as bearer.",
        acts: "this endpoint is called by the application itself",
        noun: "the application's credentials",
        article: "an",
        pass: "`&AppCredentials::new(client_id, client_secret)` to act as the application",
        note: "pass `&AppCredentials::new(client_id, client_secret)`: the client secret is the API key for application endpoints; a user's or organization's token is not accepted here",
        trait_doc: "Credentials accepted by endpoints declared `auth = \"app\"`: the application itself, with its client secret as the API key.",
    },
    Kind {
        name: "org",
        word: "Org",
        combines: true,
        alone: "",
        near_misses: &["organization", "organisation", "organizational_unit", "ou"],
        doc: "An Organizational Unit's access token (Organization Connect).",
        acts: "this endpoint acts for an organization",
        noun: "an organization credential",
        article: "an",
        pass: "`&OrgToken::new(access_token)` to act for the organization",
        note: "pass the Organization Connect access token (scope `organizational_unit_scheduler`) as `&OrgToken::new(access_token)`; an `Impersonation` acts for one member and is a user credential",
        trait_doc: "Credentials accepted by endpoints declared `auth = \"org\"`: an Organizational Unit authorized through Organization Connect.",
    },
    Kind {
        name: "service_account",
        word: "ServiceAccount",
        combines: false,
        alone: "Enterprise Connect endpoints take only a service account's token, and other endpoints never do",
        near_misses: &[
            "service",
            "serviceaccount",
            "service-account",
            "enterprise_connect",
            "enterprise",
        ],
        doc: "An Enterprise Connect service account's access token.",
        acts: "this endpoint is for an Enterprise Connect service account",
        noun: "a service account credential",
        article: "a",
        pass: "`&ServiceAccountToken::new(access_token)` for the service account",
        note: "pass the service account's access token (from the Enterprise Connect authorization) as `&ServiceAccountToken::new(access_token)`; to act for one of its users, use the user token the service account authorization produces",
        trait_doc: "Credentials accepted by endpoints declared `auth = \"service_account\"`: an Enterprise Connect service account. It combines with no other kind: its token calls only the Enterprise Connect endpoints.",
    },
    Kind {
        name: "client_credentials",
        word: "ClientCredentials",
        combines: false,
        alone: "the endpoints that take the client id and secret in the body (`/oauth/token`, `/oauth/token/revoke`, `/v1/application_calendars`) take nothing else",
        near_misses: &[
            "client_credential",
            "clientcredentials",
            "client-credentials",
            "body",
            "oauth",
        ],
        doc: "The application's client id and secret as members of the JSON body, no bearer.",
        acts: "this endpoint takes the application's client id and secret in the request body",
        noun: "the application's client id and secret",
        article: "a",
        pass: "`&AppCredentials::new(client_id, client_secret)`",
        note: "pass `&AppCredentials::new(client_id, client_secret)`: the token endpoint, revocation and application calendars authenticate the application itself, never a user or an organization",
        trait_doc: "Credentials accepted by endpoints declared `auth = \"client_credentials\"`: the application's client id and secret, sent in the JSON body (the token endpoint, revocation, application calendars). It combines with no other kind.",
    },
];

/// Said under every credential message: what to do with a credential behind a pointer.
const POINTER_NOTE: &str = "a credential is lent as `&credential`, also from a `Box` or an `Arc`; one in an `Rc` (which cannot cross threads) is lent as `&*credential`";

/// The kind written `name` in `auth`, or that a user wrote `name` for (any case).
pub fn suggestion(name: &str) -> Option<&'static Kind> {
    let lower = name.trim().to_ascii_lowercase();
    KINDS
        .iter()
        .find(|k| k.name == lower || k.near_misses.contains(&lower.as_str()))
}

/// The kind written `name` in `auth`.
pub fn by_name(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// Every kind's `auth` word, quoted for messages: `"user"`, `"app"`, ... or `"client_credentials"`.
pub fn choices() -> String {
    join_or(
        &KINDS
            .iter()
            .map(|k| format!("`\"{}\"`", k.name))
            .collect::<Vec<_>>(),
    )
}

/// The trait bounding the credential of an endpoint that accepts `kinds`: the kinds' words in
/// [`KINDS`] order, joined with `Or`, e.g. `UserOrAppAuth`.
pub fn trait_name(kinds: &[&Kind]) -> String {
    let words: Vec<&str> = KINDS
        .iter()
        .filter(|k| kinds.contains(k))
        .map(|k| k.word)
        .collect();
    format!("{}Auth", words.join("Or"))
}

/// `a`, `a or b`, `a, b or c`.
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The kinds as a declaration writes them: `"user" | "app"`.
pub fn declared(kinds: &[&Kind]) -> String {
    kinds
        .iter()
        .map(|k| format!("\"{}\"", k.name))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Every set of kinds that has its own trait, singles first, each in [`KINDS`] order.
fn kind_sets() -> Vec<Vec<&'static Kind>> {
    let mut sets: Vec<Vec<&'static Kind>> = KINDS.iter().map(|k| vec![k]).collect();
    let combining: Vec<&'static Kind> = KINDS.iter().filter(|k| k.combines).collect();
    let mut combinations: Vec<Vec<&'static Kind>> = (1u32..1 << combining.len())
        .map(|mask| {
            combining
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, k)| *k)
                .collect::<Vec<_>>()
        })
        .filter(|set| set.len() > 1)
        .collect();
    combinations.sort_by_key(|set| {
        (
            set.len(),
            set.iter()
                .map(|k| KINDS.iter().position(|x| x == *k).unwrap_or(0))
                .collect::<Vec<_>>(),
        )
    });
    sets.extend(combinations);
    sets
}

/// `impl<...> Type => kind, kind;` in the invocation of [`credential_kinds`].
struct CredentialLine {
    generics: Generics,
    ty: Type,
    kinds: Vec<&'static Kind>,
}

/// `Pointer<C> => as C;`: a pointer that lends the credential `C` it holds, with every kind
/// of `C`.
struct PointerLine {
    ty: Type,
    pointee: Ident,
}

/// The invocation: one line per credential type, then one per lending pointer.
struct CredentialTable {
    lines: Vec<CredentialLine>,
    pointers: Vec<PointerLine>,
}

impl Parse for CredentialTable {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut lines = Vec::new();
        let mut pointers = Vec::new();
        while !input.is_empty() {
            let generics = if input.peek(Token![impl]) {
                input.parse::<Token![impl]>()?;
                input.parse::<Generics>()?
            } else {
                Generics::default()
            };
            let ty: Type = input.parse()?;
            input.parse::<Token![=>]>()?;
            if input.peek(Token![as]) {
                input.parse::<Token![as]>()?;
                let pointee: Ident = input.parse()?;
                input.parse::<Token![;]>()?;
                pointers.push(PointerLine { ty, pointee });
                continue;
            }
            let names = Punctuated::<Ident, Token![,]>::parse_separated_nonempty(input)?;
            input.parse::<Token![;]>()?;
            let mut kinds = Vec::new();
            for name in names {
                let kind = by_name(&name.to_string()).ok_or_else(|| {
                    syn::Error::new(name.span(), format!("unknown kind: {}", choices()))
                })?;
                kinds.push(kind);
            }
            lines.push(CredentialLine {
                generics,
                ty,
                kinds,
            });
        }
        Ok(CredentialTable { lines, pointers })
    }
}

/// The name a credential type is shown by in messages: its last path segment, no arguments.
fn short_name(ty: &Type) -> String {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        other => quote!(#other).to_string(),
    }
}

/// The runtime's kinds: `AuthKind`, a trait per kind and per combination of combining kinds
/// (each single-kind trait implying every combination that contains it), the impls for the
/// credential types listed in `input`, and for the pointers it lists (`Box<C> => as C;`), with
/// every kind of the credential `C` they hold.
/// Expanded inside `cronofy_core::auth`, where `Credential` is in scope.
pub fn credential_kinds(input: TokenStream) -> TokenStream {
    let table: CredentialTable = match syn::parse2(input) {
        Ok(table) => table,
        Err(error) => return error.to_compile_error(),
    };
    let types_of = |set: &[&Kind]| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for line in &table.lines {
            let name = format!("`{}`", short_name(&line.ty));
            if line.kinds.iter().any(|k| set.contains(k)) && !names.contains(&name) {
                names.push(name);
            }
        }
        names
    };

    let variants = KINDS.iter().map(|k| {
        let (word, doc) = (format_ident!("{}", k.word), k.doc);
        quote!(#[doc = #doc] #word,)
    });
    let names = KINDS.iter().map(|k| {
        let (word, name) = (format_ident!("{}", k.word), k.name);
        quote!(AuthKind::#word => #name,)
    });
    let all = KINDS.iter().map(|k| format_ident!("{}", k.word));
    let count = KINDS.len();
    let auth_kind = quote! {
        /// The kinds of credential Cronofy distinguishes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum AuthKind {
            #(#variants)*
        }

        impl AuthKind {
            /// Every kind.
            pub const ALL: [AuthKind; #count] = [#(AuthKind::#all),*];

            /// The name used in `#[cronofy_endpoint(auth = "...")]`, e.g. `"user"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }
        }
    };

    let sets = kind_sets();
    let traits = sets.iter().map(|set| {
        let name = format_ident!("{}", trait_name(set));
        // The smallest sets strictly containing this one: every larger one follows from them.
        let supertraits: Vec<Ident> = sets
            .iter()
            .filter(|other| {
                other.len() == set.len() + 1 && set.iter().all(|k| other.contains(k))
            })
            .map(|other| format_ident!("{}", trait_name(other)))
            .collect();
        let supertraits = if supertraits.is_empty() {
            quote!(Credential)
        } else {
            quote!(#(#supertraits)+*)
        };
        let implied: Vec<String> = sets
            .iter()
            .filter(|other| other.len() > set.len() && set.iter().all(|k| other.contains(k)))
            .map(|other| format!("[`{}`]", trait_name(other)))
            .collect();
        let types = types_of(set);
        let name_text = trait_name(set);
        let (doc, message, label, note) = match set.as_slice() {
            [kind] => (
                kind.trait_doc.to_owned(),
                format!("{}, but `{{Self}}` is not {}", kind.acts, kind.noun),
                format!("expected {}: {}", kind.noun, join_or(&types)),
                kind.note.to_owned(),
            ),
            kinds => {
                let auth = declared(kinds);
                let nouns: Vec<String> = kinds.iter().map(|k| k.noun.to_owned()).collect();
                let passes: Vec<String> = kinds.iter().map(|k| k.pass.to_owned()).collect();
                let neither = if kinds.len() == 2 { "neither" } else { "none of them" };
                (
                    format!(
                        "Credentials accepted by endpoints declared `auth = {auth}`: {}.",
                        join_or(&nouns)
                    ),
                    format!(
                        "this endpoint accepts {}, but `{{Self}}` is {neither}",
                        join_or(&nouns)
                    ),
                    format!("expected one of {}", types.join(", ")),
                    format!(
                        "pass {}; in generic code, bound the parameter by `{name_text}` itself (or by one of its kinds), never by two kinds at once: no credential is of two kinds",
                        join_or(&passes)
                    ),
                )
            }
        };
        let implied_doc = (!implied.is_empty()).then(|| {
            let line = format!(
                " Implies {}: generic code over `C: {name}` (or `&dyn {name}`) may call every endpoint that accepts this kind.",
                join_or(&implied)
            );
            quote!(#[doc = ""] #[doc = #line])
        });
        let doc = format!(" {doc}");
        let implemented = format!(
            " Implemented by {}, and by a reference, a `Box` or an `Arc` of any of them. Sealed: no other type can implement it, so no endpoint's rule can be bypassed.",
            join_and(&types)
        );
        let lent = table.pointers.iter().map(|pointer| {
            let (ty, pointee) = (&pointer.ty, &pointer.pointee);
            quote_spanned! {ty.span()=>
                impl<#pointee: ?::core::marker::Sized + #name> #name for #ty {}
            }
        });
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #implemented]
            #implied_doc
            #[diagnostic::on_unimplemented(
                message = #message,
                label = #label,
                note = #note,
                note = #POINTER_NOTE,
            )]
            pub trait #name: #supertraits {}

            #(#lent)*
        }
    });

    let impls = table.lines.iter().flat_map(|line| {
        let (generics, ty) = (&line.generics, &line.ty);
        let (impl_generics, _, where_clause) = generics.split_for_impl();
        sets.iter()
            .filter(|set| line.kinds.iter().any(|k| set.contains(k)))
            .map(move |set| {
                // Spanned on the credential's line, which the compiler quotes when it lists
                // what an endpoint accepts.
                let name = Ident::new(&trait_name(set), Span::call_site());
                quote_spanned!(ty.span()=> impl #impl_generics #name for #ty #where_clause {})
            })
            .collect::<Vec<_>>()
    });

    quote! {
        #auth_kind
        #(#traits)*
        #(#impls)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(names: &[&str]) -> Vec<&'static Kind> {
        names.iter().map(|n| by_name(n).unwrap()).collect()
    }

    #[test]
    fn trait_names_follow_the_table_order_whatever_the_declaration_order() {
        assert_eq!(trait_name(&kinds(&["user"])), "UserAuth");
        assert_eq!(trait_name(&kinds(&["org", "user"])), "UserOrOrgAuth");
        assert_eq!(
            trait_name(&kinds(&["org", "app", "user"])),
            "UserOrAppOrOrgAuth"
        );
        assert_eq!(
            trait_name(&kinds(&["client_credentials"])),
            "ClientCredentialsAuth"
        );
    }

    #[test]
    fn every_combination_of_combining_kinds_has_a_trait_and_nothing_else_does() {
        let names: Vec<String> = kind_sets().iter().map(|s| trait_name(s)).collect();
        assert_eq!(
            names,
            [
                "UserAuth",
                "AppAuth",
                "OrgAuth",
                "ServiceAccountAuth",
                "ClientCredentialsAuth",
                "UserOrAppAuth",
                "UserOrOrgAuth",
                "AppOrOrgAuth",
                "UserOrAppOrOrgAuth",
            ]
        );
    }

    #[test]
    fn lists_read_as_english() {
        let items = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_or(&items(&["a"])), "a");
        assert_eq!(join_or(&items(&["a", "b"])), "a or b");
        assert_eq!(join_or(&items(&["a", "b", "c"])), "a, b or c");
    }
}
