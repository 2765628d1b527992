//! `assert_accepts!` and `assert_rejects!`: compile-time checks of which credential types an
//! endpoint accepts, for users writing tests of the auth rules of their own declarations.
//!
//! Both go through the hidden trait `#[cronofy_endpoint]` defines under the endpoint's own
//! name (see `expand::accepts_trait`), so they ask the compiler the very question a call asks.
//! `assert_accepts!` bounds each type by that trait, whose message names the endpoint, the
//! credential and the declared kinds. `assert_rejects!` needs the negative, which a bound
//! cannot say: an inherent constant that exists only when the bound holds takes precedence over
//! a trait's fallback (the `impls` crate's technique), and a `const fn` turns the answer into a
//! build failure with a message built from the endpoint's metadata.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Path, Token, Type};

use crate::validate::shape;

/// `krate; endpoint_path: Type, Type, ...`: the `cronofy` crate's path as its caller knows
/// it (the `macro_rules!` wrappers in `cronofy` pass `$crate`, so a renamed dependency works),
/// then the assertion as written.
struct Assertion {
    krate: TokenStream,
    endpoint: Path,
    credentials: Punctuated<Type, Token![,]>,
}

impl Parse for Assertion {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut krate = TokenStream::new();
        while !input.peek(Token![;]) {
            if input.is_empty() {
                return Err(input.error("expected the path of the `cronofy` crate, then `;`"));
            }
            let token: proc_macro2::TokenTree = input.parse()?;
            krate.extend([token]);
        }
        input.parse::<Token![;]>()?;
        let endpoint: Path = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected an endpoint, then `:` and the credential types, e.g. `list_calendars: UserToken, OrgToken`",
            )
        })?;
        let colon: Token![:] = input.parse().map_err(|_| {
            syn::Error::new_spanned(
                &endpoint,
                "expected `:` after the endpoint, then the credential types, e.g. `list_calendars: UserToken, OrgToken`",
            )
        })?;
        let credentials = Punctuated::<Type, Token![,]>::parse_terminated(input)?;
        if credentials.is_empty() {
            return Err(syn::Error::new_spanned(
                colon,
                "list at least one credential type after `:`, e.g. `list_calendars: UserToken`",
            ));
        }
        Ok(Assertion {
            krate,
            endpoint,
            credentials,
        })
    }
}

/// `assert_accepts!(endpoint: A, B)`: each type must satisfy the endpoint's trait.
pub fn accepts(input: TokenStream) -> TokenStream {
    expand(input, accepts_checks)
}

/// `assert_rejects!(endpoint: A, B)`: no type may satisfy the endpoint's trait.
pub fn rejects(input: TokenStream) -> TokenStream {
    expand(input, rejects_checks)
}

/// Parses the assertion and expands it with `checks`, or reports what is malformed.
fn expand(input: TokenStream, checks: fn(Assertion) -> TokenStream) -> TokenStream {
    match syn::parse2(input) {
        Ok(assertion) => checks(assertion),
        Err(error) => error.to_compile_error(),
    }
}

fn accepts_checks(
    Assertion {
        endpoint,
        credentials,
        ..
    }: Assertion,
) -> TokenStream {
    let checks = credentials
        .iter()
        .map(|ty| quote_spanned!(ty.span()=> __cronofy_accepted::<#ty>();));
    quote! {
        const _: () = {
            fn __cronofy_accepted<C: ?::core::marker::Sized + #endpoint>() {}
            #[allow(dead_code)]
            fn __cronofy_assertion() {
                #(#checks)*
            }
        };
    }
}

fn rejects_checks(
    Assertion {
        krate,
        endpoint,
        credentials,
    }: Assertion,
) -> TokenStream {
    let checks = credentials.iter().map(|ty| {
        // As a user would write it: `RefreshingUserToken<MemoryTokenStore>`.
        let text = shape::type_text(ty);
        quote_spanned! {ty.span()=>
            if let ::core::option::Option::Some(failure) = #krate::__private::rejection_failure(
                __CronofyProbe::<#ty>::ACCEPTED_BY,
                #text,
            ) {
                ::core::panic!("{}", failure.as_str());
            }
        }
    });
    quote! {
        const _: () = {
            struct __CronofyProbe<C: ?::core::marker::Sized>(::core::marker::PhantomData<C>);
            trait __CronofyFallback {
                const ACCEPTED_BY: ::core::option::Option<&'static #krate::Endpoint> =
                    ::core::option::Option::None;
            }
            impl<C: ?::core::marker::Sized> __CronofyFallback for __CronofyProbe<C> {}
            #[allow(dead_code)]
            impl<C: ?::core::marker::Sized + #endpoint> __CronofyProbe<C> {
                const ACCEPTED_BY: ::core::option::Option<&'static #krate::Endpoint> =
                    ::core::option::Option::Some(<C as #endpoint>::ENDPOINT);
            }
            #(#checks)*
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::shape::type_text;

    #[test]
    fn types_read_as_written() {
        let ty: syn::Type = syn::parse_quote!(RefreshingUserToken<MemoryTokenStore>);
        assert_eq!(type_text(&ty), "RefreshingUserToken<MemoryTokenStore>");
        let ty: syn::Type = syn::parse_quote!(Impersonation<'static, cronofy::OrgToken>);
        assert_eq!(type_text(&ty), "Impersonation<'static, cronofy::OrgToken>");
        let ty: syn::Type = syn::parse_quote!(std::sync::Arc<dyn UserAuth>);
        assert_eq!(type_text(&ty), "std::sync::Arc<dyn UserAuth>");
    }
}
