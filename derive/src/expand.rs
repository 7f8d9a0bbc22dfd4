//! Code generation from the checked representation. Generated items live in `const _: () = {…}`
//! and reach the runtime through `::msgraph_schema::__private`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Enum, Model};

/// `GraphModel` + `Validate` for a struct.
pub(crate) fn model(model: &Model<'_>) -> TokenStream {
    let ident = model.ident;
    let name = &model.name;
    let base = match &model.base {
        Some(base) => quote!(::core::option::Option::Some(__p::Cow::Borrowed(#base))),
        None => quote!(::core::option::Option::None),
    };
    let operation = match &model.operation {
        Some(operation) => {
            let (name, binding) = (&operation.name, &operation.binding);
            let kind = if operation.is_function {
                quote!(Function)
            } else {
                quote!(Action)
            };
            quote! {
                ::core::option::Option::Some(__p::OperationOf {
                    name: __p::Cow::Borrowed(#name),
                    binding: __p::Cow::Borrowed(#binding),
                    kind: __p::OperationKind::#kind,
                    returns: ::core::option::Option::None,
                })
            }
        }
        None => quote!(::core::option::Option::None),
    };
    // An operation's parameter given by its second spelling is checked as the parameter
    // (`StructuredType::member`); other types match wire names only.
    let name_of_key = if model.operation.is_some() {
        quote!(
            Self::model()
                .member(__key)
                .map_or(__key.as_str(), |__p| &*__p.name)
        )
    } else {
        quote!(__key.as_str())
    };
    let doc = &model.doc;
    let properties = model.properties.iter().map(|p| {
        let (wire, ty, key, doc) = (&p.wire, p.ty, p.key, &p.doc);
        quote! {
            __p::Property {
                name: __p::Cow::Borrowed(#wire),
                ty: <#ty as __p::Field>::TYPE_REF,
                collection: <#ty as __p::Field>::COLLECTION,
                nullable: <#ty as __p::Field>::NULLABLE,
                key: #key,
                description: __p::Cow::Borrowed(#doc),
                source: __p::Source { file: __p::Cow::Borrowed(::core::file!()), line: ::core::line!() },
                from_metadata: __p::FromMetadata::NONE,
                marks: __p::Marks::NONE,
            }
        }
    });
    let field_types = model.properties.iter().map(|p| p.ty);
    let arms = model.properties.iter().map(|p| {
        let (wire, ty) = (&p.wire, p.ty);
        quote!(#wire => <#ty as __p::Field>::validate_member(__value, __here, __checker),)
    });
    quote! {
        const _: () = {
            use ::msgraph_schema::__private as __p;

            impl ::msgraph_schema::GraphModel for #ident {
                fn model() -> &'static __p::StructuredType {
                    static MODEL: __p::StructuredType = __p::StructuredType {
                        name: __p::Cow::Borrowed(#name),
                        base: #base,
                        description: __p::Cow::Borrowed(#doc),
                        properties: __p::Cow::Borrowed(&[#(#properties),*]),
                        source: __p::Source { file: __p::Cow::Borrowed(::core::file!()), line: ::core::line!() },
                        is_abstract: false,
                        from_metadata: __p::FromMetadata::NONE,
                        operation: #operation,
                    };
                    &MODEL
                }

                fn validate_members(
                    __object: &__p::Map<::std::string::String, __p::Value>,
                    __at: __p::Pointer<'_>,
                    __checker: &mut __p::Checker<'_>,
                ) {
                    for (__key, __value) in __object {
                        let __here = __at.key(__key);
                        match #name_of_key {
                            #(#arms)*
                            _ => __checker.other_member(Self::model(), __key, __value, __here),
                        }
                    }
                    __checker.required_members(Self::model(), __object, __at);
                }
            }

            impl ::msgraph_schema::Validate for #ident {
                const TYPE_REF: __p::TypeRef = __p::TypeRef::Struct(__p::Cow::Borrowed(#name));

                fn validate(__value: &__p::Value, __at: __p::Pointer<'_>, __checker: &mut __p::Checker<'_>) {
                    __p::validate_object::<Self>(__value, __at, __checker)
                }

                fn register(__registry: &mut __p::Registry) {
                    __p::register_struct::<Self>(__registry, |__registry| {
                        #(<#field_types as __p::Field>::register(__registry);)*
                    })
                }
            }
        };
    }
}

/// `GraphEnum` + `Validate` for a fieldless enum.
pub(crate) fn enumeration(model: &Enum<'_>) -> TokenStream {
    let ident = model.ident;
    let name = &model.name;
    let doc = &model.doc;
    let members = model.members.iter().map(|m| {
        let (wire, value, doc) = (&m.wire, m.value, &m.doc);
        quote! {
            __p::EnumMember {
                name: __p::Cow::Borrowed(#wire),
                value: #value,
                description: __p::Cow::Borrowed(#doc),
                line: ::core::line!(),
            }
        }
    });
    let to_wire = model.members.iter().map(|m| {
        let (variant, wire) = (m.ident, &m.wire);
        quote!(#ident::#variant => #wire,)
    });
    quote! {
        const _: () = {
            use ::msgraph_schema::__private as __p;

            impl ::msgraph_schema::GraphEnum for #ident {
                fn model() -> &'static __p::EnumType {
                    static MODEL: __p::EnumType = __p::EnumType {
                        name: __p::Cow::Borrowed(#name),
                        description: __p::Cow::Borrowed(#doc),
                        members: __p::Cow::Borrowed(&[#(#members),*]),
                        source: __p::Source { file: __p::Cow::Borrowed(::core::file!()), line: ::core::line!() },
                        is_flags: false,
                    };
                    &MODEL
                }

                fn as_str(&self) -> &'static str {
                    match self { #(#to_wire)* }
                }
            }

            impl ::msgraph_schema::Validate for #ident {
                const TYPE_REF: __p::TypeRef = __p::TypeRef::Enum(__p::Cow::Borrowed(#name));

                fn validate(__value: &__p::Value, __at: __p::Pointer<'_>, __checker: &mut __p::Checker<'_>) {
                    __p::validate_enum::<Self>(__value, __at, __checker)
                }

                fn register(__registry: &mut __p::Registry) {
                    __p::register_enum::<Self>(__registry)
                }
            }
        };
    }
}
