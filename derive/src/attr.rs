//! `#[graph(...)]` attributes, parsed into one struct per level. Parsers never stop at the first
//! problem: each one is recorded in the [`Ctxt`] and parsing goes on.

use serde_derive_internals::Ctxt;
use syn::{Attribute, LitStr, meta::ParseNestedMeta};

/// The attribute's name.
pub const GRAPH: &str = "graph";

/// One attribute slot: set once, a second `set` is a "duplicate" error at the second span.
pub struct Attr<'c, T> {
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
    pub fn get(self) -> Option<T> {
        self.value
    }
}

/// Container attributes: `#[graph(name = "…", base = "…")]`.
pub struct Container {
    /// The qualified type name.
    pub name: Option<LitStr>,
    /// The qualified base type name (structs only).
    pub base: Option<LitStr>,
}

impl Container {
    /// Parses the container's `#[graph]` attributes; `allow_base` is false for enums.
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], allow_base: bool) -> Container {
        let mut name = Attr::none(cx, "name");
        let mut base = Attr::none(cx, "base");
        for_each_meta(cx, attrs, |meta| {
            if meta.path.is_ident("name") {
                name.set(&meta, meta.value()?.parse()?);
            } else if meta.path.is_ident("base") && allow_base {
                base.set(&meta, meta.value()?.parse()?);
            } else {
                let expected = if allow_base {
                    "`name` or `base`"
                } else {
                    "`name`"
                };
                return Err(meta.error(format!("unknown graph attribute: expected {expected}")));
            }
            Ok(())
        });
        Container {
            name: name.get(),
            base: base.get(),
        }
    }
}

/// Field attributes: `#[graph(key)]`.
pub struct Field {
    /// Part of the entity key: never required in a create body.
    pub key: bool,
}

impl Field {
    /// Parses a field's `#[graph]` attributes.
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Field {
        let mut key = Attr::none(cx, "key");
        for_each_meta(cx, attrs, |meta| {
            if meta.path.is_ident("key") {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("`key` takes no value: write `#[graph(key)]`"));
                }
                key.set(&meta, ());
            } else {
                return Err(meta.error("unknown graph field attribute: expected `key`"));
            }
            Ok(())
        });
        Field {
            key: key.get().is_some(),
        }
    }
}

/// Rejects any `#[graph]` attribute on a place that takes none (enum variants).
pub fn reject(cx: &Ctxt, attrs: &[Attribute], place: &str) {
    for attr in attrs.iter().filter(|a| a.path().is_ident(GRAPH)) {
        cx.error_spanned_by(attr, format!("graph attributes are not allowed on {place}"));
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
pub fn doc(attrs: &[Attribute]) -> String {
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
