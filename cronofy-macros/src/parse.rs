//! Reading the attribute and the declaration as written, before any checking.
//!
//! Values are kept as expressions with their tokens, so [`validate`](crate::validate) can
//! point at exactly what the user wrote.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Block, Expr, Path, Signature, Token, Visibility};

use crate::ctxt::Ctxt;
use crate::symbol;

/// The values of the attribute's keys, each given at most once, as written.
#[derive(Default)]
pub struct RawArgs {
    /// `auth = ...`
    pub auth: Option<Expr>,
    /// `method = ...`
    pub method: Option<Expr>,
    /// `path = ...`
    pub path: Option<Expr>,
    /// `paged = ...`
    pub paged: Option<Expr>,
    /// `idempotent = ...`
    pub idempotent: Option<Expr>,
    /// `crate = ...`
    pub krate: Option<Expr>,
    /// Known keys written without a value (`auth("user")`), already reported.
    pub malformed: Vec<String>,
}

/// Reads `auth = ..., method = ..., path = ...` (and the optional `paged = ...`,
/// `crate = ...`), recording unknown, duplicate and malformed
/// keys in `cx` and carrying on where it can.
pub fn args(tokens: TokenStream, cx: &Ctxt) -> RawArgs {
    let mut raw = RawArgs::default();
    let parser = syn::meta::parser(|meta| {
        let key = meta.path.clone();
        if !meta.input.peek(Token![=]) {
            let name = path_text(&key);
            cx.error_spanned_by(
                &key,
                format!("expected `{name} = \"...\"`: each key of #[cronofy_endpoint] takes a value after `=`"),
            );
            if meta.input.peek(syn::token::Paren) {
                meta.input.parse::<proc_macro2::Group>()?;
            }
            raw.malformed.push(name);
            return Ok(());
        }
        let value: Expr = meta.value()?.parse()?;
        let slot = match key.get_ident().map(|i| i.to_string()).as_deref() {
            Some(symbol::AUTH) => &mut raw.auth,
            Some(symbol::METHOD) => &mut raw.method,
            Some(symbol::PATH) => &mut raw.path,
            Some(symbol::PAGED) => &mut raw.paged,
            Some(symbol::IDEMPOTENT) => &mut raw.idempotent,
            Some(symbol::CRATE) => &mut raw.krate,
            _ => {
                cx.error_spanned_by(
                    &key,
                    format!(
                        "unknown #[cronofy_endpoint] key `{}`: the keys are {}",
                        path_text(&key),
                        symbol::KEYS.map(|k| format!("`{k}`")).join(", ")
                    ),
                );
                return Ok(());
            }
        };
        if slot.is_some() {
            cx.error_spanned_by(
                &key,
                format!("`{}` is given twice: keep one", path_text(&key)),
            );
        } else {
            *slot = Some(value);
        }
        Ok(())
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, tokens) {
        cx.syn_error(error);
    }
    raw
}

fn path_text(path: &Path) -> String {
    quote::quote!(#path).to_string().replace(' ', "")
}

/// The annotated item: a function signature followed by `;` (or, mistakenly, a body).
pub struct RawFn {
    /// Attributes as written (docs among them).
    pub attrs: Vec<Attribute>,
    /// Visibility.
    pub vis: Visibility,
    /// The signature.
    pub sig: Signature,
    /// A body, which a declaration must not have.
    pub body: Option<Block>,
}

impl Parse for RawFn {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let sig: Signature = input.parse()?;
        let body = if input.peek(syn::token::Brace) {
            Some(input.parse::<Block>()?)
        } else {
            input.parse::<Token![;]>()?;
            None
        };
        Ok(RawFn {
            attrs,
            vis,
            sig,
            body,
        })
    }
}

/// Reads the annotated item; anything but a function declaration is an error saying what the
/// attribute goes on.
pub fn item(tokens: TokenStream) -> syn::Result<RawFn> {
    syn::parse2::<RawFn>(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(
            tokens,
            "#[cronofy_endpoint] goes on a function declaration without a body, e.g. `pub async fn list_calendars() -> CalendarList;`",
        )
    })
}
