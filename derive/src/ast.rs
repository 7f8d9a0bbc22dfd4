//! The checked intermediate representation that the expanders read.
//!
//! Wire names come from serde's own attribute parser (`serde_derive_internals`), so a JSON
//! Pointer in an error names the member exactly as serde reads it.

use proc_macro2::{Ident, Span};
use serde_derive_internals::{Ctxt, Derive, ast};
use syn::{DeriveInput, Expr, LitStr};

use crate::attr;

/// The `@odata.type` annotation: the one member a struct may declare with an `@` in its name.
pub(crate) const ODATA_TYPE: &str = "@odata.type";

/// A struct deriving `GraphModel`.
pub(crate) struct Model<'a> {
    /// The struct.
    pub ident: &'a Ident,
    /// Qualified type name.
    pub name: LitStr,
    /// Qualified base type name.
    pub base: Option<LitStr>,
    /// For an operation's parameters: the operation's qualified name, whether it is a
    /// function, and the binding type's qualified name.
    pub operation: Option<Operation>,
    /// The struct's doc comment.
    pub doc: String,
    /// Fields that are model properties (the `@odata.type` field is not one).
    pub properties: Vec<Property<'a>>,
}

/// The operation whose parameters a struct holds: `#[graph(action = "…", binding = "…")]`.
pub(crate) struct Operation {
    /// The operation's qualified name.
    pub name: LitStr,
    /// `function = "…"` rather than `action = "…"`.
    pub is_function: bool,
    /// The qualified name of the type it is bound to.
    pub binding: LitStr,
}

/// One field that is a model property.
pub(crate) struct Property<'a> {
    /// Its wire name.
    pub wire: String,
    /// Its Rust type.
    pub ty: &'a syn::Type,
    /// `#[graph(key)]`.
    pub key: bool,
    /// Its doc comment.
    pub doc: String,
}

/// A fieldless enum deriving `GraphEnum`.
pub(crate) struct Enum<'a> {
    /// The enum.
    pub ident: &'a Ident,
    /// Qualified type name.
    pub name: LitStr,
    /// The enum's doc comment.
    pub doc: String,
    /// Members in declaration order.
    pub members: Vec<Member<'a>>,
}

/// One enum member.
pub(crate) struct Member<'a> {
    /// The variant.
    pub ident: &'a Ident,
    /// Its wire name.
    pub wire: String,
    /// Its integer value: `#[graph(value = N)]` or the discriminant, else the previous value
    /// plus one.
    pub value: i64,
    /// Its doc comment.
    pub doc: String,
}

fn serde_container<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<ast::Container<'a>> {
    ast::Container::from_ast(
        cx,
        input,
        Derive::Deserialize,
        &Ident::new("__private", Span::call_site()),
    )
}

impl<'a> Model<'a> {
    /// Reads and checks a struct; every problem is reported at once.
    pub(crate) fn from_ast(input: &'a DeriveInput) -> syn::Result<Model<'a>> {
        let cx = Ctxt::new();
        let attrs = attr::Container::from_attrs(&cx, &input.attrs, true);
        let name = checked_name(&cx, input, attrs.name, attrs.name_written);
        if let Some(base) = &attrs.base {
            check_qualified(&cx, base);
        }
        let operation = match (attrs.operation, attrs.binding) {
            (Some((name, is_function)), Some(binding)) => {
                check_qualified(&cx, &name);
                check_qualified(&cx, &binding);
                Some(Operation {
                    name,
                    is_function,
                    binding,
                })
            }
            (Some((name, _)), None) => {
                cx.error_spanned_by(
                    &name,
                    "an operation needs the type it is bound to: add `binding = \"microsoft.graph.<type>\"`",
                );
                None
            }
            (None, Some(binding)) => {
                cx.error_spanned_by(
                    &binding,
                    "`binding` goes with `action = \"…\"` or `function = \"…\"`",
                );
                None
            }
            (None, None) => None,
        };
        no_generics(&cx, input);
        let mut properties = Vec::new();
        match serde_container(&cx, input).map(|c| c.data) {
            Some(ast::Data::Struct(ast::Style::Struct, fields)) => {
                for field in fields {
                    let field_attrs = attr::Field::from_attrs(&cx, &field.original.attrs);
                    let wire = field.attrs.name().deserialize_name().value.clone();
                    if field.attrs.skip_deserializing() {
                        cx.error_spanned_by(field.original, "`#[serde(skip)]` fields are not supported: a Graph property is always read");
                    } else if field.attrs.flatten() {
                        cx.error_spanned_by(
                            field.original,
                            "`#[serde(flatten)]` is not supported: declare each property",
                        );
                    } else if wire == ODATA_TYPE {
                        if field_attrs.key {
                            cx.error_spanned_by(
                                field.original,
                                "the `@odata.type` annotation cannot be a key",
                            );
                        }
                    } else if wire.contains('@') {
                        cx.error_spanned_by(
                            field.original,
                            format!(
                                "`{wire}` is an annotation name; only `@odata.type` may be a field"
                            ),
                        );
                    } else if properties.iter().any(|p: &Property<'_>| p.wire == wire) {
                        cx.error_spanned_by(
                            field.original,
                            format!("two fields have the wire name `{wire}`"),
                        );
                    } else {
                        properties.push(Property {
                            wire,
                            ty: field.ty,
                            key: field_attrs.key,
                            doc: attr::doc(&field.original.attrs),
                        });
                    }
                }
            }
            Some(_) => {
                cx.error_spanned_by(&input.ident, "GraphModel needs a struct with named fields")
            }
            None => {}
        }
        cx.check()?;
        Ok(Model {
            ident: &input.ident,
            name: name.expect("checked above"),
            base: attrs.base,
            operation,
            doc: attr::doc(&input.attrs),
            properties,
        })
    }
}

impl<'a> Enum<'a> {
    /// Reads and checks a fieldless enum; every problem is reported at once.
    pub(crate) fn from_ast(input: &'a DeriveInput) -> syn::Result<Enum<'a>> {
        let cx = Ctxt::new();
        let attrs = attr::Container::from_attrs(&cx, &input.attrs, false);
        let name = checked_name(&cx, input, attrs.name, attrs.name_written);
        no_generics(&cx, input);
        let mut members = Vec::new();
        match serde_container(&cx, input).map(|c| c.data) {
            Some(ast::Data::Enum(variants)) => {
                let mut next = 0i64;
                for variant in variants {
                    let variant_attrs = attr::Variant::from_attrs(&cx, &variant.original.attrs);
                    if variant.attrs.skip_deserializing() {
                        cx.error_spanned_by(variant.original, "`#[serde(skip)]` members are not supported: every member is a wire value");
                        continue;
                    }
                    if !matches!(variant.style, ast::Style::Unit) {
                        cx.error_spanned_by(variant.original, "GraphEnum members carry no data");
                        continue;
                    }
                    let value = match (&variant.original.discriminant, variant_attrs.value) {
                        (Some((_, expr)), Some(value)) => {
                            cx.error_spanned_by(
                                expr,
                                "the value is written twice: keep the discriminant or `#[graph(value)]`",
                            );
                            value
                        }
                        (Some((_, expr)), None) => discriminant(&cx, expr).unwrap_or(next),
                        (None, Some(value)) => value,
                        (None, None) => next,
                    };
                    next = value.wrapping_add(1);
                    members.push(Member {
                        ident: &variant.original.ident,
                        wire: variant.attrs.name().deserialize_name().value.clone(),
                        value,
                        doc: attr::doc(&variant.original.attrs),
                    });
                }
            }
            Some(_) => cx.error_spanned_by(&input.ident, "GraphEnum needs an enum"),
            None => {}
        }
        if members.is_empty() && matches!(input.data, syn::Data::Enum(_)) {
            cx.error_spanned_by(&input.ident, "a GraphEnum needs at least one member");
        }
        cx.check()?;
        Ok(Enum {
            ident: &input.ident,
            name: name.expect("checked above"),
            doc: attr::doc(&input.attrs),
            members,
        })
    }
}

fn checked_name(
    cx: &Ctxt,
    input: &DeriveInput,
    name: Option<LitStr>,
    written: bool,
) -> Option<LitStr> {
    match name {
        Some(name) => {
            check_qualified(cx, &name);
            Some(name)
        }
        // A `name` with a bad value was reported already.
        None if written => None,
        None => {
            cx.error_spanned_by(
                &input.ident,
                "missing `#[graph(name = \"microsoft.graph.<type>\")]`: the qualified Graph type name",
            );
            None
        }
    }
}

/// A qualified name: a namespace, a dot, and an identifier.
fn check_qualified(cx: &Ctxt, name: &LitStr) {
    let value = name.value();
    let well_formed = value.rsplit_once('.').is_some_and(|(ns, short)| {
        !ns.is_empty()
            && short
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && short.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    if !well_formed {
        cx.error_spanned_by(
            name,
            format!("`{value}` is not a qualified type name such as `microsoft.graph.user`"),
        );
    }
}

fn no_generics(cx: &Ctxt, input: &DeriveInput) {
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "Graph types cannot be generic");
    }
}

fn discriminant(cx: &Ctxt, expr: &Expr) -> Option<i64> {
    let parsed = attr::integer(expr);
    if parsed.is_none() {
        cx.error_spanned_by(expr, "a GraphEnum discriminant must be an integer literal");
    }
    parsed
}
