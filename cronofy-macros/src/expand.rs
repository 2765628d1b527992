//! Writing the code: the endpoint function and its metadata constant, or, when the declaration
//! has mistakes, the messages plus a stand-in so callers get no second wave of errors.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, Ident, Pat};

use crate::ctxt::Ctxt;
use crate::model::{AuthKind, Endpoint, Role};
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
    let stand_in = stand_in(&raw);
    let endpoint = validate::endpoint(&cx, args, raw);
    match (cx.check(), endpoint) {
        (Ok(()), Some(endpoint)) => endpoint_fn(&endpoint),
        (Err(errors), _) => quote!(#errors #stand_in),
        (Ok(()), None) => unreachable!("validation failed without recording a mistake"),
    }
}

/// `list_calendars` -> `LIST_CALENDARS`: the name of the metadata constant.
fn const_name(name: &Ident) -> Ident {
    let text = name.to_string();
    let text = text.strip_prefix("r#").unwrap_or(&text);
    format_ident!("{}", text.to_uppercase(), span = name.span())
}

fn kind_trait(auth: &[AuthKind]) -> &'static str {
    // Validation refuses `service_account` with any other kind.
    if auth.contains(&AuthKind::ServiceAccount) {
        return "ServiceAccountAuth";
    }
    let has = |k| auth.contains(&k);
    match (has(AuthKind::User), has(AuthKind::App), has(AuthKind::Org)) {
        (true, false, false) => "UserAuth",
        (false, true, false) => "AppAuth",
        (false, false, true) => "OrgAuth",
        (true, true, false) => "UserOrAppAuth",
        (true, false, true) => "UserOrOrgAuth",
        (false, true, true) => "AppOrOrgAuth",
        _ => "AnyAuth",
    }
}

fn kind_variant(kind: AuthKind) -> Ident {
    let name = match kind {
        AuthKind::User => "User",
        AuthKind::App => "App",
        AuthKind::Org => "Org",
        AuthKind::ServiceAccount => "ServiceAccount",
    };
    Ident::new(name, Span::call_site())
}

fn kind_word(kind: AuthKind) -> &'static str {
    match kind {
        AuthKind::User => "user",
        AuthKind::App => "app",
        AuthKind::Org => "org",
        AuthKind::ServiceAccount => "service_account",
    }
}

/// The generated function and its metadata constant.
fn endpoint_fn(endpoint: &Endpoint) -> TokenStream {
    let Endpoint {
        attrs,
        vis,
        name,
        auth,
        auth_span,
        method,
        path,
        placeholders,
        params,
        output,
    } = endpoint;
    let const_name = const_name(name);
    let name_text = name.to_string();
    let method_variant = Ident::new(method.variant(), Span::call_site());
    let kind_variants = auth.iter().copied().map(kind_variant);
    let has_body = endpoint.param_with(Role::Body).is_some();
    let has_query = endpoint.param_with(Role::Query).is_some();

    // A trait object rather than a generic: a wrong credential is then reported once, on the
    // caller's argument, instead of again at the call and at `.await` (where the future's
    // type would carry the unsatisfied bound); and the function is compiled once.
    let kind_trait = Ident::new(kind_trait(auth), *auth_span);
    let credential_type = quote_spanned!(*auth_span=> dyn ::cronofy::auth::#kind_trait);

    let declared_params = params.iter().map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote!(#name: #ty)
    });
    // Path arguments in placeholder order; a type that cannot be displayed is reported on the
    // parameter's type.
    let path_args = placeholders.iter().filter_map(|placeholder| {
        let param = params.iter().find(|p| p.name == placeholder)?;
        let (name, ty) = (&param.name, &param.ty);
        Some(quote_spanned!(ty.span()=> &#name as &dyn ::core::fmt::Display))
    });
    let query = endpoint.param_with(Role::Query).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .query(&#name)?)
    });
    let body = endpoint.param_with(Role::Body).map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        quote_spanned!(ty.span()=> .json(&#name)?)
    });
    let response = Ident::new("response", Span::mixed_site());
    let (ret, decode) = match output {
        Some(ty) => (
            quote!(#ty),
            quote_spanned!(ty.span()=> #response.json::<#ty>()),
        ),
        None => (
            quote!(()),
            quote!({
                let _ = #response;
                ::core::result::Result::Ok(())
            }),
        ),
    };

    // Hygienic: cannot clash with a parameter the user named `request`.
    let request = Ident::new("request", Span::mixed_site());

    let path_text = path.value();
    let kinds_text = auth
        .iter()
        .map(|k| format!("`{}`", kind_word(*k)))
        .collect::<Vec<_>>()
        .join(" or ");
    let article = match auth.first() {
        Some(AuthKind::App | AuthKind::Org) => "an",
        _ => "a",
    };
    let call_doc = format!(
        " Cronofy endpoint: `{} {}`, with {article} {} credential (see [`{}`]).",
        method.as_str(),
        path_text,
        kinds_text,
        const_name
    );
    let const_doc = format!(
        " Method, path and credential kinds of [`{name_text}`]: `{} {path_text}`.",
        method.as_str()
    );

    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #call_doc]
        #vis async fn #name(
            client: &::cronofy::Client,
            credential: &#credential_type,
            #(#declared_params),*
        ) -> ::core::result::Result<#ret, ::cronofy::Error> {
            // Its own statement, so the borrowed path arguments (`&dyn Display`, not `Sync`)
            // are dropped before the `.await` and the future stays `Send`.
            let #request = ::cronofy::__private::Request::new(&#const_name, &[#(#path_args),*])?;
            let #response = #request
                #query
                #body
                .send(client, credential)
                .await?;
            #decode
        }

        #[doc = #const_doc]
        #vis const #const_name: ::cronofy::Endpoint = ::cronofy::Endpoint::__new(
            #name_text,
            ::cronofy::Method::#method_variant,
            #path,
            &[#(::cronofy::auth::AuthKind::#kind_variants),*],
            #has_body,
            #has_query,
        );
    }
}

/// What stands in for a declaration with mistakes: a function of the same name and
/// parameters that accepts any credential and returns the declared type, and the constant.
/// Callers then compile against it, so the only errors are the declaration's own.
fn stand_in(raw: &RawFn) -> TokenStream {
    let vis = &raw.vis;
    let name = &raw.sig.ident;
    let const_name = const_name(name);
    let name_text = name.to_string();
    let params = raw.sig.inputs.iter().filter_map(|input| match input {
        FnArg::Typed(typed) => match &*typed.pat {
            Pat::Ident(ident) => {
                let (name, ty) = (&ident.ident, &typed.ty);
                Some(quote!(#name: #ty))
            }
            _ => None,
        },
        FnArg::Receiver(_) => None,
    });
    let ret = match &raw.sig.output {
        syn::ReturnType::Type(_, ty) if !matches!(**ty, syn::Type::ImplTrait(_)) => quote!(#ty),
        _ => quote!(()),
    };
    let docs = raw.attrs.iter().filter(|a| a.path().is_ident("doc"));
    // Hygienic names, so a parameter the user named `client` does not clash here too.
    let client = Ident::new("client", Span::mixed_site());
    let credential = Ident::new("credential", Span::mixed_site());
    quote! {
        #(#docs)*
        #[allow(unused_variables, clippy::all)]
        #vis async fn #name<__Credential: ?::core::marker::Sized>(
            #client: &::cronofy::Client,
            #credential: &__Credential,
            #(#params),*
        ) -> ::core::result::Result<#ret, ::cronofy::Error> {
            ::core::unreachable!("this endpoint declaration does not compile")
        }

        #[allow(dead_code)]
        #vis const #const_name: ::cronofy::Endpoint = ::cronofy::Endpoint::__new(
            #name_text,
            ::cronofy::Method::Get,
            "/",
            &[],
            false,
            false,
        );
    }
}
