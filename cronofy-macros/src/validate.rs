//! Checking a declaration and building the [`model`](crate::model), one message per mistake.
//!
//! Each check records its mistakes in the [`Ctxt`] and carries on, so one compile reports
//! everything wrong with a declaration. Messages say what to write instead.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    BinOp, Expr, ExprLit, FnArg, GenericParam, Lifetime, LifetimeParam, Lit, LitStr, Pat,
    ReturnType, Signature, Type,
};

use crate::ctxt::Ctxt;
use crate::kinds;
use crate::model::{AuthKind, Endpoint, Method, Paged, Param, Role};
use crate::parse::{RawArgs, RawFn};
use crate::symbol;

pub mod shape;
mod template;

/// Checks everything; `None` when any mistake was recorded in `cx`.
pub fn endpoint(cx: &Ctxt, args: RawArgs, item: RawFn) -> Option<Endpoint> {
    let RawArgs {
        auth,
        method,
        path,
        paged,
        idempotent,
        krate,
        malformed,
    } = args;
    let is_malformed = |key: &str| malformed.iter().any(|k| k == key);
    let auth = required(
        cx,
        auth,
        is_malformed(symbol::AUTH),
        symbol::AUTH,
        "auth = \"user\"",
    )
    .and_then(|value| self::auth(cx, &value).map(|kinds| (kinds, value.span())));
    let method_expr = required(
        cx,
        method,
        is_malformed(symbol::METHOD),
        symbol::METHOD,
        "method = \"GET\"",
    );
    let method = method_expr
        .as_ref()
        .and_then(|value| self::method(cx, value));
    let path = required(
        cx,
        path,
        is_malformed(symbol::PATH),
        symbol::PATH,
        "path = \"/v1/...\"",
    )
    .and_then(|value| self::path(cx, &value));
    let krate = match krate {
        None => Some(syn::parse_quote!(::cronofy)),
        Some(value) => self::krate(cx, &value),
    };
    signature(cx, &item);
    let params = params(cx, &item, method, path.as_ref());
    let output = output(cx, &item.sig.output);
    let paged = self::paged(
        cx,
        paged.as_ref(),
        method,
        method_expr.as_ref(),
        &item,
        output.as_ref(),
    );
    let idempotent = match idempotent {
        None => Some(None),
        Some(value) => self::idempotent(cx, &value).map(Some),
    };

    let (auth, auth_span) = auth?;
    let (path, placeholders) = path?;
    Some(Endpoint {
        krate: krate?,
        attrs: item.attrs,
        vis: item.vis,
        name: item.sig.ident,
        auth,
        auth_span,
        method: method?,
        path,
        placeholders,
        params: params?,
        output: output?,
        paged: paged?,
        idempotent: idempotent?.unwrap_or(method?.is_idempotent()),
    })
}

/// `idempotent = true` (or `false`): a `bool` literal.
fn idempotent(cx: &Ctxt, value: &Expr) -> Option<bool> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(flag),
            ..
        }) => Some(flag.value),
        Expr::Group(group) => idempotent(cx, &group.expr),
        _ => {
            cx.error_spanned_by(
                value,
                "`idempotent` is `true` or `false`: `true` for a `POST` that may be sent twice, such as an upsert keyed by your own id",
            );
            None
        }
    }
}

/// A missing key is a mistake, unless it was written but malformed (already reported).
fn required(
    cx: &Ctxt,
    value: Option<Expr>,
    malformed: bool,
    key: &str,
    example: &str,
) -> Option<Expr> {
    if value.is_none() && !malformed {
        cx.error_at(
            Span::call_site(),
            format!("#[cronofy_endpoint] needs `{key}`: add e.g. `{example}`"),
        );
    }
    value
}

fn string_literal(expr: &Expr) -> Option<&LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => Some(lit),
        Expr::Group(group) => string_literal(&group.expr),
        _ => None,
    }
}

/// `"user"`, or kinds joined with `|`: `"user" | "app"`.
fn auth(cx: &Ctxt, value: &Expr) -> Option<Vec<AuthKind>> {
    let mut literals = Vec::new();
    if !collect_alternatives(cx, value, &mut literals) {
        return None;
    }
    let mut kinds: Vec<AuthKind> = Vec::new();
    let mut ok = true;
    for lit in literals {
        let text = lit.value();
        let Some(kind) = kinds::by_name(&text) else {
            let message = if text.is_empty() {
                format!("empty auth kind: write {}", kinds::choices())
            } else {
                unknown_auth_message(&text)
            };
            cx.error_spanned_by(lit, message);
            ok = false;
            continue;
        };
        if kinds.contains(&kind) {
            cx.error_spanned_by(
                lit,
                format!("auth kind `\"{text}\"` is listed twice: keep one"),
            );
            ok = false;
        } else {
            kinds.push(kind);
        }
    }
    if ok
        && kinds.len() > 1
        && let Some(alone) = kinds.iter().find(|k| !k.combines)
    {
        cx.error_spanned_by(
            value,
            format!(
                "`\"{}\"` cannot be combined with other kinds: {}",
                alone.name, alone.alone
            ),
        );
        ok = false;
    }
    ok.then_some(kinds)
}

fn unknown_auth_message(text: &str) -> String {
    let trimmed = text.trim();
    let hint = if trimmed.contains('|') || trimmed.contains(',') {
        let kinds: Vec<String> = trimmed
            .split(['|', ','])
            .map(|k| format!("\"{}\"", k.trim()))
            .collect();
        format!(
            ": several kinds are separate strings joined with `|`, e.g. `auth = {}`",
            kinds.join(" | ")
        )
    } else {
        match kinds::suggestion(trimmed) {
            Some(kind) => format!("; did you mean `\"{}\"`?", kind.name),
            None => String::new(),
        }
    };
    format!(
        "unknown auth kind `\"{text}\"`: expected {}{hint}",
        kinds::choices()
    )
}

/// Flattens `"a" | "b" | "c"` into its literals; records a mistake and returns `false` for
/// anything else.
fn collect_alternatives<'a>(cx: &Ctxt, expr: &'a Expr, out: &mut Vec<&'a LitStr>) -> bool {
    if let Some(lit) = string_literal(expr) {
        out.push(lit);
        return true;
    }
    match expr {
        Expr::Binary(binary) if matches!(binary.op, BinOp::BitOr(_)) => {
            let left = collect_alternatives(cx, &binary.left, out);
            let right = collect_alternatives(cx, &binary.right, out);
            left && right
        }
        Expr::Binary(binary) if matches!(binary.op, BinOp::Or(_)) => {
            cx.error_spanned_by(
                binary.op,
                "join auth kinds with a single `|`, e.g. `auth = \"user\" | \"app\"`",
            );
            false
        }
        Expr::Path(path) if path.path.get_ident().is_some() => {
            let name = path
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            cx.error_spanned_by(
                expr,
                format!(
                    "auth kinds are strings: write `auth = \"{name}\"` ({})",
                    kinds::choices()
                ),
            );
            false
        }
        _ => {
            cx.error_spanned_by(
                expr,
                format!("expected an auth kind as a string, {}, or several joined with `|`, e.g. `\"user\" | \"app\"`", kinds::choices()),
            );
            false
        }
    }
}

fn method(cx: &Ctxt, value: &Expr) -> Option<Method> {
    let Some(lit) = string_literal(value) else {
        let hint = match value {
            Expr::Path(path) => path
                .path
                .get_ident()
                .map(|i| {
                    format!(
                        ": write `method = \"{}\"`",
                        i.to_string().to_ascii_uppercase()
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        cx.error_spanned_by(
            value,
            format!("the method is a string such as `\"GET\"`{hint}"),
        );
        return None;
    };
    let text = lit.value();
    let method = match text.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        other => {
            let choices = symbol::METHODS.map(|m| format!("`\"{m}\"`")).join(", ");
            let upper = other.trim().to_ascii_uppercase();
            let message = if symbol::METHODS.contains(&upper.as_str()) {
                format!("HTTP methods are written in capitals: `\"{upper}\"`")
            } else {
                format!("unknown HTTP method `\"{other}\"`: expected one of {choices}")
            };
            cx.error_spanned_by(lit, message);
            return None;
        }
    };
    Some(method)
}

/// The path literal and its placeholders, in order.
fn path(cx: &Ctxt, value: &Expr) -> Option<(LitStr, Vec<String>)> {
    let Some(lit) = string_literal(value) else {
        cx.error_spanned_by(
            value,
            "the path is a string such as `\"/v1/calendars/{calendar_id}\"`",
        );
        return None;
    };
    let checked = template::check(&lit.value());
    for mistake in &checked.mistakes {
        cx.error_spanned_by(lit, mistake);
    }
    checked
        .mistakes
        .is_empty()
        .then(|| (lit.clone(), checked.placeholders))
}

/// `crate = "path"`: where generated code finds the `cronofy` crate.
fn krate(cx: &Ctxt, value: &Expr) -> Option<syn::Path> {
    let Some(lit) = string_literal(value) else {
        cx.error_spanned_by(
            value,
            "`crate` is the path of the `cronofy` crate as a string, e.g. `crate = \"::my_reexport::cronofy\"`",
        );
        return None;
    };
    match lit.parse::<syn::Path>() {
        Ok(path) => Some(path),
        Err(_) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "`{}` is not a path: write the path of the `cronofy` crate, e.g. `\"::cronofy\"`",
                    lit.value()
                ),
            );
            None
        }
    }
}

/// `paged = "field"` with `-> Page<Item>`: both or neither, and only on GET.
fn paged(
    cx: &Ctxt,
    value: Option<&Expr>,
    method: Option<Method>,
    method_expr: Option<&Expr>,
    item: &RawFn,
    output: Option<&Option<Type>>,
) -> Option<Option<Paged>> {
    let page_item = output.and_then(|output| output.as_ref().and_then(page_item));
    let Some(value) = value else {
        if let (Some(Some(ty)), Some(_)) = (output, &page_item) {
            cx.error_spanned_by(
                ty,
                "a `Page<...>` response is one page of a list: add `paged = \"<field>\"` to the attribute, naming the response field that holds the items (e.g. `paged = \"events\"`)",
            );
            return None;
        }
        return Some(None);
    };
    let mut ok = true;
    let field = match string_literal(value) {
        Some(lit) if is_field_name(&lit.value()) => Some(lit.clone()),
        Some(lit) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "`paged` names the response field that holds the page's items, like `\"events\"`; `\"{}\"` is not a field name",
                    lit.value()
                ),
            );
            None
        }
        None => {
            cx.error_spanned_by(
                value,
                "`paged` names the response field that holds the page's items, as a string: `paged = \"events\"`",
            );
            None
        }
    };
    if let (Some(method), Some(written)) = (method, method_expr)
        && method != Method::Get
    {
        cx.error_spanned_by(
            written,
            "a paged endpoint is read with GET (Cronofy's `next_page` links are GET URLs): use `method = \"GET\"`, or remove `paged`",
        );
        ok = false;
    }
    let item_type = match (output, page_item) {
        // The return type has its own mistake, already reported.
        (None, _) => None,
        (Some(_), Some(item)) => Some(item),
        (Some(declared), None) => {
            let message = "a paged endpoint returns one page: declare `-> Page<Item>` (`cronofy::Page`), where `Item` is the type of each element of the `paged` field, e.g. `-> Page<Event>`";
            match declared {
                Some(ty) => cx.error_spanned_by(ty, message),
                None => cx.error_spanned_by(&item.sig.ident, message),
            }
            ok = false;
            None
        }
    };
    let (field, item_type) = (field?, item_type?);
    ok.then(|| {
        Some(Paged {
            field,
            item: item_type,
            all_pages: all_pages_name(&item.sig.ident),
        })
    })
}

/// `T` when `ty` is written `Page<T>` (with any path before `Page`).
pub fn page_item(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != symbol::PAGE_TYPE {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    match (types.next(), types.next(), args.args.len()) {
        (Some(item), None, 1) => Some(item.clone()),
        _ => None,
    }
}

/// The all-pages function of a paged endpoint: `all_` after the name's first word
/// (`read_events` -> `read_all_events`), or before a one-word name (`events` -> `all_events`).
pub fn all_pages_name(name: &syn::Ident) -> syn::Ident {
    let text = name.unraw().to_string();
    let all = match text.split_once('_') {
        Some((verb, rest)) if !verb.is_empty() => format!("{verb}_all_{rest}"),
        _ => format!("all_{}", text.trim_start_matches('_')),
    };
    syn::Ident::new(&all, name.span())
}

/// A JSON object key Cronofy could use for a list: letters, digits and `_`.
fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// What a declaration's signature must be: a plain `async fn` without a body or generics.
fn signature(cx: &Ctxt, item: &RawFn) {
    let sig = &item.sig;
    if let Some(body) = &item.body {
        cx.error_spanned_by(
            body,
            "an endpoint declaration has no body: the macro writes it; replace `{ ... }` with `;`",
        );
    }
    if sig.asyncness.is_none() {
        cx.error_spanned_by(
            sig.fn_token,
            format!(
                "endpoint functions are async: write `async fn {}`",
                sig.ident
            ),
        );
    }
    if let Some(constness) = &sig.constness {
        cx.error_spanned_by(
            constness,
            "an endpoint cannot be a `const fn`: remove `const`",
        );
    }
    // (`safe` is refused by the compiler's parser outside `extern` blocks, before this runs.)
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        cx.error_spanned_by(unsafety, "an endpoint is not `unsafe`: remove `unsafe`");
    }
    if let Some(abi) = &sig.abi {
        cx.error_spanned_by(abi, "an endpoint has no ABI: remove `extern`");
    }
    generics(cx, sig);
    if let Some(variadic) = &sig.variadic {
        cx.error_spanned_by(variadic, "an endpoint cannot be variadic");
    }
}

/// Generic parameters and `where` clauses, which an endpoint does without: one message for
/// lifetimes (references need none), one for type and const parameters.
fn generics(cx: &Ctxt, sig: &Signature) {
    let generics = &sig.generics;
    let lifetimes: Vec<&LifetimeParam> = generics.lifetimes().collect();
    if !lifetimes.is_empty() {
        let declared: Vec<&Lifetime> = lifetimes.iter().map(|l| &l.lifetime).collect();
        let example = sig
            .inputs
            .iter()
            .find_map(|input| {
                let FnArg::Typed(typed) = input else {
                    return None;
                };
                let mut elided = (*typed.ty).clone();
                let mut mentions = false;
                shape::each_lifetime(&mut elided, &mut |slot| {
                    if slot.as_ref().is_some_and(|l| declared.contains(&l)) {
                        mentions = true;
                        *slot = None;
                    }
                });
                let pat = shape::type_text(&typed.pat);
                mentions.then(|| {
                    format!(
                        "write `{pat}: {}` rather than `{pat}: {}`",
                        shape::type_text(&elided),
                        shape::type_text(&typed.ty)
                    )
                })
            })
            .unwrap_or_else(|| {
                let declared: Vec<String> = declared.iter().map(|l| l.to_string()).collect();
                format!("remove `<{}>`", declared.join(", "))
            });
        cx.error_spanned_by(
            quote::quote!(#(#lifetimes),*),
            format!(
                "an endpoint declaration takes no lifetime parameters: its references need no named lifetime; {example}"
            ),
        );
    }
    let others: Vec<&GenericParam> = generics
        .params
        .iter()
        .filter(|p| !matches!(p, GenericParam::Lifetime(_)))
        .collect();
    if !others.is_empty() {
        let lengths = if others.iter().any(|p| matches!(p, GenericParam::Const(_))) {
            " (a slice rather than an array of any length: `&[&str]`, not `&[&str; N]`)"
        } else {
            ""
        };
        let where_clause = if generics.where_clause.is_some() {
            ", and remove the `where` clause"
        } else {
            ""
        };
        cx.error_spanned_by(
            quote::quote!(#(#others),*),
            format!(
                "an endpoint declaration cannot be generic: give its parameters and return type concrete types{lengths}{where_clause}"
            ),
        );
    } else if let Some(where_clause) = &generics.where_clause {
        cx.error_spanned_by(
            where_clause,
            "an endpoint declaration has no `where` clause: its types are concrete, so remove it",
        );
    }
}

/// Each parameter's role, and the placeholders and roles that must line up.
fn params(
    cx: &Ctxt,
    item: &RawFn,
    method: Option<Method>,
    path: Option<&(LitStr, Vec<String>)>,
) -> Option<Vec<Param>> {
    let placeholders = path.map(|(_, placeholders)| placeholders.as_slice());
    let mut ok = true;
    let mut params: Vec<Param> = Vec::new();
    let mut body_seen = false;
    let mut query_seen = false;
    for input in &item.sig.inputs {
        let typed = match input {
            FnArg::Receiver(receiver) => {
                cx.error_spanned_by(
                    receiver,
                    "an endpoint is a free function: remove `self`; the client is passed as the first argument by the generated function",
                );
                ok = false;
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        let name = match &*typed.pat {
            Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                ident.ident.clone()
            }
            other => {
                cx.error_spanned_by(
                    other,
                    "endpoint parameters are plain names, like `calendar_id: &str`",
                );
                ok = false;
                continue;
            }
        };
        // The name a placeholder uses: `type` for the parameter `r#type`.
        let key = name.unraw().to_string();
        if symbol::RESERVED_PARAMS.contains(&key.as_str()) {
            cx.error_spanned_by(
                &name,
                format!("the parameter name `{name}` is taken by the argument the macro adds in front (`client: &Client, credential: &dyn ...`): rename it"),
            );
            ok = false;
        }
        let mut role = None;
        let mut unknown_attribute = false;
        for attr in &typed.attrs {
            let which = if attr.path().is_ident(symbol::BODY) {
                Role::Body
            } else if attr.path().is_ident(symbol::QUERY) {
                Role::Query
            } else {
                cx.error_spanned_by(
                    attr,
                    "the only attributes on an endpoint parameter are `#[body]` (the JSON body) and `#[query]` (the query string)",
                );
                ok = false;
                unknown_attribute = true;
                continue;
            };
            if !matches!(attr.meta, syn::Meta::Path(_)) {
                cx.error_spanned_by(
                    attr,
                    format!(
                        "`#[{}]` takes no arguments",
                        if which == Role::Body { "body" } else { "query" }
                    ),
                );
                ok = false;
            }
            if role.is_some() {
                cx.error_spanned_by(
                    attr,
                    "a parameter is either `#[body]` or `#[query]`, not both",
                );
                ok = false;
                continue;
            }
            role = Some(which);
            match which {
                Role::Body if body_seen => {
                    cx.error_spanned_by(
                        attr,
                        "only one `#[body]` parameter is allowed: gather the fields in one struct",
                    );
                    ok = false;
                }
                Role::Query if query_seen => {
                    cx.error_spanned_by(
                        attr,
                        "only one `#[query]` parameter is allowed: gather the fields in one struct",
                    );
                    ok = false;
                }
                Role::Body if method == Some(Method::Get) => {
                    cx.error_spanned_by(
                        attr,
                        "a GET request has no body: make this parameter `#[query]`, or change the method",
                    );
                    ok = false;
                }
                _ => {}
            }
            body_seen |= which == Role::Body;
            query_seen |= which == Role::Query;
        }
        let in_path = placeholders.is_some_and(|ps| ps.contains(&key));
        let role = match (role, in_path) {
            (Some(role), false) => role,
            (None, true) => Role::Path,
            (Some(_), true) => {
                cx.error_spanned_by(
                    &name,
                    format!("`{name}` fills the path's `{{{key}}}`, so it cannot also be `#[body]` or `#[query]`: rename one of them"),
                );
                ok = false;
                Role::Path
            }
            (None, false) => {
                // Without a valid path, whether it is a placeholder is unknown, and after an
                // unknown attribute (a misspelt `#[body]`?) the role is unknown: stay quiet.
                if placeholders.is_some() && !unknown_attribute {
                    cx.error_spanned_by(
                        &name,
                        format!("the parameter `{name}` is not used: name it in the path as `{{{key}}}`, or mark it `#[body]` or `#[query]`"),
                    );
                    ok = false;
                }
                Role::Path
            }
        };
        if role == Role::Query
            && let Some(shape) = shape::query_not_a_struct(&typed.ty)
        {
            cx.error_spanned_by(&typed.ty, shape.message());
            ok = false;
        }
        params.push(Param {
            name,
            ty: (*typed.ty).clone(),
            role,
        });
    }
    if let Some((lit, placeholders)) = path {
        for placeholder in placeholders {
            if !params.iter().any(|p| p.name.unraw() == placeholder) {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "the path's `{{{placeholder}}}` has no parameter: add `{}: &str` to the function's parameters",
                        template::parameter_name(placeholder)
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(params)
}

/// The success type: `None` for none (or `()`); a `Result` or `impl Trait` is a mistake.
fn output(cx: &Ctxt, output: &ReturnType) -> Option<Option<Type>> {
    let ty = match output {
        ReturnType::Default => return Some(None),
        ReturnType::Type(_, ty) => &**ty,
    };
    match ty {
        Type::Tuple(tuple) if tuple.elems.is_empty() => Some(None),
        Type::ImplTrait(_) => {
            cx.error_spanned_by(ty, "declare the type the response body decodes to, e.g. `-> CalendarList`, not an `impl Trait`");
            None
        }
        Type::Path(path)
            if path.qself.is_none()
                && path
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Result") =>
        {
            cx.error_spanned_by(
                ty,
                "declare only the success type, e.g. `-> CalendarList`: the generated function returns `Result<CalendarList, cronofy::Error>` itself",
            );
            None
        }
        _ => {
            let borrows = shape::borrows(ty);
            for borrow in &borrows {
                cx.error_spanned_by(&borrow.at, &borrow.message);
            }
            borrows.is_empty().then(|| Some(ty.clone()))
        }
    }
}
