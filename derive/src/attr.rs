//! `#[graph(...)]` attributes, parsed into one struct per level. Parsers never stop at the first
//! problem: each one is recorded in the [`Ctxt`] and parsing goes on.

use serde_derive_internals::Ctxt;
use syn::{Attribute, LitStr, meta::ParseNestedMeta};

/// The attribute's name.
pub(crate) const GRAPH: &str = "graph";

/// One attribute slot: set once, a second `set` is a "duplicate" error at the second span.
pub(crate) struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: &'static str,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: &'static str) -> Self {
        Attr {
            cx,
            name,
            value: None,
        }
    }

    fn set(&mut self, meta: &ParseNestedMeta<'_>, value: T) {
        if self.value.is_some() {
            self.cx.error_spanned_by(
                &meta.path,
                format!("duplicate graph attribute `{}`", self.name),
            );
        } else {
            self.value = Some(value);
        }
    }

    /// The value, if one was set.
    pub(crate) fn get(self) -> Option<T> {
        self.value
    }
}

/// Container attributes: `#[graph(name = "…", base = "…")]`, and for the parameters of an
/// operation `#[graph(action = "…", binding = "…")]` (or `function = "…"`).
pub(crate) struct Container {
    /// The qualified type name.
    pub name: Option<LitStr>,
    /// The qualified base type name (structs only).
    pub base: Option<LitStr>,
    /// The operation whose parameters the struct holds: its qualified name, and whether it is
    /// a function (`function = "…"`) rather than an action (`action = "…"`).
    pub operation: Option<(LitStr, bool)>,
    /// The qualified name of the type the operation is bound to.
    pub binding: Option<LitStr>,
    /// Whether a `name` key was written (even with a bad value).
    pub name_written: bool,
}

impl Container {
    /// Parses the container's `#[graph]` attributes; `allow_base` is false for enums.
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute], allow_base: bool) -> Container {
        let mut name = Attr::none(cx, "name");
        let mut base = Attr::none(cx, "base");
        let mut operation = Attr::none(cx, "action` or `function");
        let mut binding = Attr::none(cx, "binding");
        let mut name_written = false;
        for_each_meta(cx, attrs, |meta| {
            let key = meta
                .path
                .get_ident()
                .map_or_else(|| "?".to_owned(), ToString::to_string);
            let usage = format!("{key} = \"microsoft.graph.<name>\"");
            if meta.path.is_ident("name") {
                name_written = true;
                if let Some(value) = string_value(cx, &meta, "name = \"microsoft.graph.<type>\"")? {
                    name.set(&meta, value);
                }
            } else if meta.path.is_ident("base") && allow_base {
                if let Some(value) = string_value(cx, &meta, "base = \"microsoft.graph.<type>\"")? {
                    base.set(&meta, value);
                }
            } else if matches!(key.as_str(), "action" | "function" | "binding") && allow_base {
                if let Some(value) = string_value(cx, &meta, &usage)? {
                    match key.as_str() {
                        "binding" => binding.set(&meta, value),
                        kind => operation.set(&meta, (value, kind == "function")),
                    }
                }
            } else if matches!(key.as_str(), "base" | "action" | "function" | "binding") {
                let why = if key == "base" {
                    "enums have no base type"
                } else {
                    "enums hold no operation's parameters"
                };
                cx.error_spanned_by(
                    &meta.path,
                    format!("`{key}` is not allowed on an enum: {why}"),
                );
                skip_value(&meta)?;
            } else {
                let expected = if allow_base {
                    "`name`, `base`, `action`, `function` or `binding`"
                } else {
                    "`name`"
                };
                cx.error_spanned_by(
                    &meta.path,
                    format!("unknown graph attribute `{key}`: expected {expected}"),
                );
                skip_value(&meta)?;
            }
            Ok(())
        });
        Container {
            name: name.get(),
            base: base.get(),
            operation: operation.get(),
            binding: binding.get(),
            name_written,
        }
    }
}

/// The string literal after `key =`; a non-string is recorded as an error (`None`), and parsing
/// goes on with the next key.
fn string_value(cx: &Ctxt, meta: &ParseNestedMeta<'_>, usage: &str) -> syn::Result<Option<LitStr>> {
    let key = meta
        .path
        .get_ident()
        .map_or_else(String::new, ToString::to_string);
    match meta.value()?.parse::<syn::Expr>()? {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(value),
            ..
        }) => Ok(Some(value)),
        other => {
            cx.error_spanned_by(other, format!("`{key}` takes a string: write `{usage}`"));
            Ok(None)
        }
    }
}

/// Consumes `= value`, if present, so that the keys after it are still read.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    }
    Ok(())
}

/// Field attributes: `#[graph(key)]`.
pub(crate) struct Field {
    /// Part of the entity key: never required in a create body.
    pub key: bool,
}

impl Field {
    /// Parses a field's `#[graph]` attributes.
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Field {
        let mut key = Attr::none(cx, "key");
        for_each_meta(cx, attrs, |meta| {
            if meta.path.is_ident("key") {
                if meta.input.peek(syn::Token![=]) {
                    cx.error_spanned_by(&meta.path, "`key` takes no value: write `#[graph(key)]`");
                    skip_value(&meta)?;
                } else {
                    key.set(&meta, ());
                }
            } else {
                let name = meta
                    .path
                    .get_ident()
                    .map_or_else(|| "?".to_owned(), ToString::to_string);
                cx.error_spanned_by(
                    &meta.path,
                    format!("unknown graph field attribute `{name}`: expected `key`"),
                );
                skip_value(&meta)?;
            }
            Ok(())
        });
        Field {
            key: key.get().is_some(),
        }
    }
}

/// Enum variant attributes: `#[graph(value = N)]`, for members whose values Rust discriminants
/// cannot hold (two members with one value).
pub(crate) struct Variant {
    /// The member's integer value.
    pub value: Option<i64>,
}

impl Variant {
    /// Parses a variant's `#[graph]` attributes.
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Variant {
        let mut value = Attr::none(cx, "value");
        for_each_meta(cx, attrs, |meta| {
            if meta.path.is_ident("value") {
                let expr = meta.value()?.parse::<syn::Expr>()?;
                match integer(&expr) {
                    Some(int) => value.set(&meta, int),
                    None => cx.error_spanned_by(
                        &expr,
                        "`value` takes an integer literal: write `#[graph(value = 3)]`",
                    ),
                }
            } else {
                let name = meta
                    .path
                    .get_ident()
                    .map_or_else(|| "?".to_owned(), ToString::to_string);
                cx.error_spanned_by(
                    &meta.path,
                    format!("unknown graph variant attribute `{name}`: expected `value`"),
                );
                skip_value(&meta)?;
            }
            Ok(())
        });
        Variant { value: value.get() }
    }
}

/// An integer literal, possibly negative: `3`, `-1`.
pub(crate) fn integer(expr: &syn::Expr) -> Option<i64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => int.base10_parse::<i64>().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match &**expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(int),
                ..
            }) => int.base10_parse::<i64>().ok().map(|v| v.wrapping_neg()),
            _ => None,
        },
        _ => None,
    }
}

fn for_each_meta(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut f: impl FnMut(ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident(GRAPH)) {
        if let Err(err) = attr.parse_nested_meta(&mut f) {
            cx.syn_error(err);
        }
    }
}

/// The `///` doc comment of an item, lines joined with spaces.
pub(crate) fn doc(attrs: &[Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}
