//! Writing the code: the endpoint function and its metadata constant, or, when the declaration
//! has mistakes, the messages plus a stand-in so callers get no second wave of errors.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens as _, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, Lifetime, Pat};

use crate::ctxt::Ctxt;
use crate::kinds;
use crate::model::{Endpoint, Role};
use crate::parse::{self, RawFn};
use crate::validate;

/// The whole macro: parse, validate, expand.
pub fn cronofy_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let raw = match parse::item(item.clone()) {
        Ok(raw) => raw,
        // Not a function at all: the message, and the item untouched so nothing else breaks.
        Err(error) => {
            let error = error.to_compile_error();
            return quote!(#error #item);
        }
    };
    let cx = Ctxt::new();
    let args = parse::args(args, &cx);
    let stand_in = stand_in(&raw, &args);
    let endpoint = validate::endpoint(&cx, args, raw);
    match (cx.check(), endpoint) {
        (Ok(()), Some(endpoint)) => endpoint_fn(&endpoint),
        (Err(errors), _) => quote!(#errors #stand_in),
        (Ok(()), None) => unreachable!("validation failed without recording a mistake"),
    }
}

/// `list_calendars` -> `LIST_CALENDARS`: the name of the metadata constant.
fn const_name(name: &Ident) -> Ident {
    format_ident!(
        "{}",
        name.unraw().to_string().to_uppercase(),
        span = name.span()
    )
}

/// Where generated code finds `cronofy`, as a doc link's path: `cronofy` for `::cronofy`,
/// `crate` for `crate`.
fn krate_link(krate: &syn::Path) -> String {
    let text = krate.to_token_stream().to_string().replace(' ', "");
    text.trim_start_matches("::").to_owned()
}

/// The generated function(s) and the metadata constant.
fn endpoint_fn(endpoint: &Endpoint) -> TokenStream {
    let Endpoint {
        krate,
        attrs,
        vis,
        name,
        auth,
        auth_span,
        method,
        path,
        placeholders: _,
        params,
        output,
        paged,
        idempotent,
    } = endpoint;
    let const_name = const_name(name);
    let name_text = name.unraw().to_string();
    let method_variant = Ident::new(method.variant(), Span::call_site());
    let method_text = method.as_str();
    let kind_variants = auth
        .iter()
        .map(|kind| Ident::new(kind.word, Span::call_site()));
    let has_body = endpoint.param_with(Role::Body).is_some();
    let has_query = endpoint.param_with(Role::Query).is_some();
    let returns_body = output.is_some();
    let paged_field = match paged {
        Some(paged) => {
            let field = &paged.field;
            quote!(::core::option::Option::Some(#field))
        }
        None => quote!(::core::option::Option::None),
    };

    // A trait object rather than a generic: a wrong credential is then reported once, on the
    // caller's argument, instead of again at the call and at `.await` (where the future's
    // type would carry the unsatisfied bound); and the function is compiled once.
    let kind_trait = Ident::new(&kinds::trait_name(auth), *auth_span);
    let credential_type = quote_spanned!(*auth_span=> dyn #krate::auth::#kind_trait);

    let declared_params: Vec<TokenStream> = params
        .iter()
        .map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        })
        .collect();
    // Hygienic: cannot clash with a parameter the user named `request`.
    let request = Ident::new("request", Span::mixed_site());
    let prepared = prepare_request(endpoint, &const_name);
    let chained = chain_request(endpoint, &const_name);
    let response = Ident::new("response", Span::mixed_site());
    let (ret, decode) = match (output, paged) {
        (Some(ty), Some(paged)) => {
            let (item, field) = (&paged.item, &paged.field);
            (
                quote!(#ty),
                quote_spanned!(item.span()=> #response.page::<#item>(#field)),
            )
        }
        (Some(ty), None) => (
            quote!(#ty),
            quote_spanned!(ty.span()=> #response.json::<#ty>()),
        ),
        (None, _) => (
            quote!(()),
            quote!({
                let _ = #response;
                ::core::result::Result::Ok(())
            }),
        ),
    };

    let path_text = path.value();
    let kinds_text = auth
        .iter()
        .map(|k| format!("`{}`", k.name))
        .collect::<Vec<_>>()
        .join(" or ");
    let article = auth.first().map_or("a", |kind| kind.article);
    let call_doc = format!(
        " Cronofy endpoint: `{} {}`, with {article} {} credential (see [`{}`]).",
        method.as_str(),
        path_text,
        kinds_text,
        const_name
    );
    let const_doc = format!(
        " Method, path and credential kinds of [`{name_text}`]: `{} {path_text}`, with {article} {kinds_text} credential.",
        method.as_str()
    );
    let errors_doc = errors_doc(endpoint);
    let docs_of_paged = paged.as_ref().map(|paged| {
        let all = &paged.all_pages;
        let line = format!(" One page; [`{all}`] reads every page.");
        quote!(#[doc = ""] #[doc = #line])
    });
    let all_pages_fn = paged.as_ref().map(|paged| {
        let (all, item) = (&paged.all_pages, &paged.item);
        let doc = format!(
            " Every page of [`{name_text}`], following `next_page` only on the client's own API origin: a stream of pages, or of items with `.items()`."
        );
        let krate_text = krate_link(krate);
        let errors = [
            String::new(),
            " # Errors".to_owned(),
            String::new(),
            format!(
                " Each page is a `Result`: a page fails as [`{name_text}`] would, and a `next_page` link to another origin is [`Error::UntrustedPageLink`]({krate_text}::Error::UntrustedPageLink), never requested. The stream ends after an error; [`collect_until_error`]({krate_text}::Pages::collect_until_error) keeps the items read before it."
            ),
        ];
        let lifetime = syn::Lifetime::new("'cronofy", Span::mixed_site());
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #call_doc]
            #(#[doc = #errors])*
            #vis fn #all<#lifetime>(
                client: &#lifetime #krate::Client,
                credential: &#lifetime #credential_type,
                #(#declared_params),*
            ) -> #krate::Pages<#lifetime, #item> {
                let #request = #chained;
                #krate::__private::pages(client, credential, #request)
            }
        }
    });

    let accepts = accepts_trait(endpoint, &const_name, &kind_trait);

    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #call_doc]
        #docs_of_paged
        #(#[doc = #errors_doc])*
        #vis async fn #name(
            client: &#krate::Client,
            credential: &#credential_type,
            #(#declared_params),*
        ) -> ::core::result::Result<#ret, #krate::Error> {
            // Its own statement, so the borrowed path arguments (`&dyn Display`, not `Sync`)
            // are dropped before the `.await` and the future stays `Send`.
            let #request = #prepared;
            let #response = #request.send(client, credential).await?;
            #decode
        }

        #all_pages_fn

        #[doc = #const_doc]
        #vis const #const_name: #krate::Endpoint = #krate::Endpoint::__new(
            #name_text,
            #krate::Method::#method_variant,
            #path,
            &[#(#krate::auth::AuthKind::#kind_variants),*],
            #has_body,
            #has_query,
            #returns_body,
            #paged_field,
            #idempotent,
            {
                fn span() -> #krate::__private::tracing::Span {
                    #krate::__private::endpoint_span!(#name_text, #method_text, #path)
                }
                span
            },
        );

        #accepts
    }
}

/// The `# Errors` section of a generated function's docs: the failures every call can meet,
/// and those its declaration makes possible (a path to fill, a body or query to check).
fn errors_doc(endpoint: &Endpoint) -> Vec<String> {
    let krate = krate_link(&endpoint.krate);
    let error = |variant: &str| format!("[`Error::{variant}`]({krate}::Error::{variant})");
    let mut lines = vec![
        String::new(),
        " # Errors".to_owned(),
        String::new(),
        format!(" A [`{krate}::Error`]; the ones to expect here:"),
    ];
    if !endpoint.placeholders.is_empty() {
        lines.push(format!(
            " - {}: a path value that is empty, `.` or `..`; nothing is sent.",
            error("InvalidPathParameter")
        ));
    }
    if endpoint.param_with(Role::Body).is_some() || endpoint.param_with(Role::Query).is_some() {
        lines.push(format!(
            " - {} before sending, for a value Cronofy documents as invalid; {} (422) with Cronofy's errors per field.",
            error("InvalidRequest"),
            error("Validation")
        ));
    }
    let has = |name: &str| endpoint.auth.iter().any(|kind| kind.name == name);
    if endpoint.path.value().starts_with("/oauth/") {
        lines.push(format!(
            " - {} for a wrong client id or secret (or another data center's), {} for a code or refresh token Cronofy no longer accepts ({} when the redirect URI differs), {} for any other OAuth error.",
            error("InvalidClient"),
            error("ReauthorizationRequired"),
            error("RedirectUriMismatch"),
            error("OAuth")
        ));
    } else if has("client_credentials") {
        lines.push(format!(
            " - {} (401) or {} when Cronofy does not accept the client id and secret (or they belong to another data center).",
            error("Unauthorized"),
            error("InvalidClient")
        ));
    } else {
        let scoped = has("user") || has("org") || has("service_account");
        let forbidden = match (scoped, has("app")) {
            (true, false) => "for a missing scope",
            (false, true) => "when the application may not use this feature",
            _ => "for a missing scope, or a feature the application may not use",
        };
        let renewed = if scoped {
            " (a refreshing credential refreshes once and retries first)"
        } else {
            ""
        };
        lines.push(format!(
            " - {} (401) when Cronofy does not accept the credential{renewed}, {} (403) {forbidden}, {} (404).",
            error("Unauthorized"),
            error("Forbidden"),
            error("NotFound")
        ));
        if scoped {
            lines.push(format!(
                " - With a refreshing credential: {} when its refresh token no longer works (the user must authorize again), {} when its token store fails, {} when its record was deleted.",
                error("ReauthorizationRequired"),
                error("TokenStore"),
                error("AuthorizationRemoved")
            ));
        }
    }
    if has("user") {
        lines.push(format!(
            " - {} (423) when the user's calendar profile is disconnected.",
            error("Locked")
        ));
    }
    if endpoint.idempotent {
        lines.push(format!(
            " - {} (429), and {} (a 502, 503 or 504), {} or {} once the client's retry policy gives up; a 500 or 501 at once.",
            error("RateLimited"),
            error("Server"),
            error("Timeout"),
            error("Transport")
        ));
    } else {
        lines.push(format!(
            " - {} (429) once the client's retry policy gives up; {} (5xx), {} and {} at once: this request is not idempotent, so it is never sent twice (it may have taken effect).",
            error("RateLimited"),
            error("Server"),
            error("Timeout"),
            error("Transport")
        ));
    }
    lines.push(format!(
        " - With a client's [rate governor]({krate}::rate): {} past its max wait, {} when the store of its shared budget (Redis, PostgreSQL) cannot be reached; nothing is sent.",
        error("RateBudgetExhausted"),
        error("TokenStore")
    ));
    if endpoint.output.is_some() {
        lines.push(format!(
            " - {} when the answer is not the declared type.",
            error("Decode")
        ));
    }
    lines
}

/// A hidden trait named after the endpoint (traits live in the type namespace, functions in
/// the value namespace, so both have the endpoint's path), implemented by every credential type
/// the endpoint accepts: what `assert_accepts!` and `assert_rejects!` check. Its message is
/// the failed `assert_accepts!`.
fn accepts_trait(endpoint: &Endpoint, const_name: &Ident, kind_trait: &Ident) -> TokenStream {
    let Endpoint {
        krate,
        vis,
        name,
        auth,
        method,
        path,
        ..
    } = endpoint;
    let name_text = name.unraw().to_string();
    let declared = kinds::declared(auth);
    let nouns: Vec<String> = auth.iter().map(|k| k.noun.to_owned()).collect();
    // `{` and `}` of the path's placeholders would be read as the message's format arguments.
    let path_text = path.value().replace('{', "{{").replace('}', "}}");
    let message =
        format!("`{name_text}` does not accept `{{Self}}`: it is declared `auth = {declared}`");
    let label = format!("not accepted by `{name_text}`");
    let note = format!(
        "`{name_text}` (`{} {path_text}`) accepts {}; `assert_accepts!` says it accepts `{{Self}}`: correct the assertion, or the endpoint's `auth`",
        method.as_str(),
        kinds::join_or(&nouns),
    );
    let doc = format!(
        " The credential types [`{name_text}`] accepts; for `cronofy::assert_accepts!` and `cronofy::assert_rejects!`."
    );
    // A subtrait of the kind trait, which is sealed: only the credentials the endpoint accepts
    // can have it, so an assertion cannot be satisfied by an impl of one's own.
    let kind = quote!(#krate::auth::#kind_trait);
    hidden_trait(
        vis,
        name,
        krate,
        const_name,
        quote! {
            #[doc = #doc]
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        },
        Some(&kind),
    )
}

/// The trait named after an endpoint that the assertions check, with the endpoint's constant
/// as `ENDPOINT`: implemented for every type bounded by `kind` (a supertrait too), or for
/// every type at all when `kind` is `None` (the stand-in of a declaration with mistakes).
fn hidden_trait(
    vis: &syn::Visibility,
    name: &Ident,
    krate: &syn::Path,
    const_name: &Ident,
    attrs: TokenStream,
    kind: Option<&TokenStream>,
) -> TokenStream {
    let supertrait = kind.map(|kind| quote!(: #kind));
    let bound = kind.map(|kind| quote!(+ #kind));
    quote! {
        #attrs
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis trait #name #supertrait {
            /// The endpoint's metadata.
            const ENDPOINT: &'static #krate::Endpoint = &#const_name;
        }

        impl<C: ?::core::marker::Sized #bound> #name for C {}
    }
}

/// The request's path arguments, in placeholder order: `&value as &dyn Display` each, spanned
/// on the parameter's type so a type that cannot be displayed is reported there.
fn path_args(endpoint: &Endpoint) -> Vec<TokenStream> {
    endpoint
        .placeholders
        .iter()
        .filter_map(|placeholder| {
            // `{type}` is filled by the parameter `r#type`.
            let param = endpoint
                .params
                .iter()
                .find(|p| p.name.unraw() == placeholder)?;
            let (name, ty) = (&param.name, &param.ty);
            Some(quote_spanned!(ty.span()=> &#name as &dyn ::core::fmt::Display))
        })
        .collect()
}

/// The request as a `Result`: for the all-pages function, which returns a stream that carries
/// an encoding failure as its first item.
fn chain_request(endpoint: &Endpoint, const_name: &Ident) -> TokenStream {
    let krate = &endpoint.krate;
    let path_args = path_args(endpoint);
    let request = Ident::new("request", Span::mixed_site());
    let query = endpoint.param_with(Role::Query).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .and_then(|#request| #request.query(&#name)))
    });
    let body = endpoint.param_with(Role::Body).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .and_then(|#request| #request.json(&#name)))
    });
    quote! {
        #krate::__private::Request::new(&#const_name, &[#(#path_args),*])
            #query
            #body
    }
}

/// The expression that builds the request (path filled, query and body encoded), `?`-ing out
/// of the enclosing function on an encoding failure.
fn prepare_request(endpoint: &Endpoint, const_name: &Ident) -> TokenStream {
    let krate = &endpoint.krate;
    let path_args = path_args(endpoint);
    let query = endpoint.param_with(Role::Query).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .query(&#name)?)
    });
    let body = endpoint.param_with(Role::Body).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .json(&#name)?)
    });
    quote! {
        #krate::__private::Request::new(&#const_name, &[#(#path_args),*])?
            #query
            #body
    }
}

/// What stands in for a declaration with mistakes: a function of the same name, generics and
/// parameters that accepts any credential and returns the declared type, the constant, and
/// for a paged declaration the all-pages function. Callers then compile against it, so the
/// only errors are the declaration's own.
fn stand_in(raw: &RawFn, args: &parse::RawArgs) -> TokenStream {
    // The `crate` path if it is readable at all; a mistake in it is reported by validation.
    let krate: syn::Path = args
        .krate
        .as_ref()
        .and_then(|value| match value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }) => lit.parse().ok(),
            _ => None,
        })
        .unwrap_or_else(|| syn::parse_quote!(::cronofy));
    let vis = &raw.vis;
    let name = &raw.sig.ident;
    let const_name = const_name(name);
    let name_text = name.unraw().to_string();
    // The declaration's own generics (refused, but its parameters may use them), and the
    // credential's; `split_for_impl` puts lifetimes first.
    let mut generics = raw.sig.generics.clone();
    generics
        .params
        .push(syn::parse_quote!(__Credential: ?::core::marker::Sized));
    let (generics, _, where_clause) = generics.split_for_impl();
    let declared_lifetimes: Vec<&Lifetime> =
        raw.sig.generics.lifetimes().map(|l| &l.lifetime).collect();
    // A borrowing return type is refused too; elided and undeclared lifetimes in it become
    // `'static` so the stand-in compiles (a `&str` beside `&Client` cannot be elided).
    let static_lifetimes = |ty: &syn::Type| {
        let mut ty = ty.clone();
        validate::shape::each_lifetime(&mut ty, &mut |slot| {
            if !slot
                .as_ref()
                .is_some_and(|l| declared_lifetimes.contains(&l))
            {
                *slot = Some(Lifetime::new("'static", Span::call_site()));
            }
        });
        ty
    };
    let params: Vec<TokenStream> = raw
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) => {
                    let (name, ty) = (&ident.ident, &typed.ty);
                    Some(quote!(#name: #ty))
                }
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    let declared = match &raw.sig.output {
        syn::ReturnType::Type(_, ty) if !matches!(**ty, syn::Type::ImplTrait(_)) => {
            Some(static_lifetimes(ty))
        }
        _ => None,
    };
    let ret = match &declared {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let docs: Vec<&syn::Attribute> = raw
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .collect();
    // Hygienic names, so a parameter the user named `client` does not clash here too.
    let client = Ident::new("client", Span::mixed_site());
    let credential = Ident::new("credential", Span::mixed_site());
    let all_pages = args.paged.is_some().then(|| {
        let all = validate::all_pages_name(name);
        let item = declared
            .as_ref()
            .and_then(validate::page_item)
            .map_or_else(|| quote!(()), |item| quote!(#item));
        quote! {
            #[allow(unused_variables, clippy::all)]
            #vis fn #all #generics(
                #client: &#krate::Client,
                #credential: &__Credential,
                #(#params),*
            ) -> #krate::Pages<'static, #item> #where_clause {
                ::core::unreachable!("this endpoint declaration does not compile")
            }
        }
    });
    let hidden_trait = hidden_trait(vis, name, &krate, &const_name, TokenStream::new(), None);
    quote! {
        #(#docs)*
        #[allow(unused_variables, clippy::all)]
        #vis async fn #name #generics(
            #client: &#krate::Client,
            #credential: &__Credential,
            #(#params),*
        ) -> ::core::result::Result<#ret, #krate::Error> #where_clause {
            ::core::unreachable!("this endpoint declaration does not compile")
        }

        #all_pages

        #[allow(dead_code)]
        #vis const #const_name: #krate::Endpoint = #krate::Endpoint::__new(
            #name_text,
            #krate::Method::Get,
            "/",
            &[],
            false,
            false,
            false,
            ::core::option::Option::None,
            false,
            #krate::__private::tracing::Span::none,
        );

        // For assertions on the endpoint: accepts anything, and its constant has no kinds,
        // which `assert_rejects!` takes as "already reported".
        #hidden_trait
    }
}
