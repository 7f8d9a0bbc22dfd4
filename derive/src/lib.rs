//! Derive macros of msgraph-schema, in the style of serde_derive: attributes are parsed into an
//! intermediate representation (the `ast` module), every misuse is collected, and only a checked
//! representation is expanded.
//!
//! - `#[derive(GraphModel)]` on a struct with named fields: a typed validator that walks a JSON
//!   object and collects every field-level error, plus the type's model (name, base type,
//!   per-property metadata). Container: `#[graph(name = "microsoft.graph.x", base = "…")]`;
//!   field: `#[graph(key)]`. Wire names come from serde's own attributes.
//! - `#[derive(GraphEnum)]` on a fieldless enum: `#[graph(name = "microsoft.graph.x")]`; member
//!   names from serde's renames, values from the discriminants, or from `#[graph(value = N)]` on
//!   a variant (for members sharing a value, which discriminants cannot).

mod ast;
mod attr;
mod expand;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `msgraph_schema::GraphModel` and `msgraph_schema::Validate` for a struct.
#[proc_macro_derive(GraphModel, attributes(graph))]
pub fn derive_graph_model(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    ast::Model::from_ast(&input)
        .map(|model| expand::model(&model))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `msgraph_schema::GraphEnum` and `msgraph_schema::Validate` for a fieldless enum.
#[proc_macro_derive(GraphEnum, attributes(graph))]
pub fn derive_graph_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    ast::Enum::from_ast(&input)
        .map(|model| expand::enumeration(&model))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
