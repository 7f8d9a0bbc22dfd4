//! The CSDL XML reader: small documents written here, then the real Graph `$metadata` files of
//! the shared corpus (`MSGRAPH_METADATA_DIR`), checked against facts read by hand and against
//! `facts.json` and the v1.0 type mappings. The latter are ignored unless asked for
//! (`--ignored`, as `.ci/run` does).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use msgraph_schema_core::csdl::{
    Csdl, CsdlEnum, CsdlError, CsdlKind, CsdlOperation, CsdlParameter, CsdlType, EDM_NAMESPACE,
    EDMX_NAMESPACE, InheritanceProblem, OperationKind,
};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Small documents
// ---------------------------------------------------------------------------------------------

/// A document around `schemas`: the wrapper takes lines 1–2, so `schemas` starts on line 3.
fn doc(schemas: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"{EDMX_NAMESPACE}\">\n<edmx:DataServices>\n{schemas}\n</edmx:DataServices>\n</edmx:Edmx>\n"
    )
}

/// A `Schema` element; its body starts on the line after its start tag.
fn schema(namespace: &str, alias: Option<&str>, body: &str) -> String {
    let alias = alias.map_or(String::new(), |a| format!(" Alias=\"{a}\""));
    format!(
        "<Schema Namespace=\"{namespace}\"{alias} xmlns=\"{EDM_NAMESPACE}\">\n{body}\n</Schema>"
    )
}

fn parse(text: &str) -> Csdl {
    Csdl::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn parse_err(text: &str) -> CsdlError {
    match Csdl::parse(text) {
        Ok(csdl) => panic!("expected an error, read {csdl:?}"),
        Err(e) => e,
    }
}

fn names(props: &[&msgraph_schema_core::csdl::CsdlProperty]) -> Vec<String> {
    props.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn aliases_resolve_to_namespaces_across_schemas_and_includes() {
    let a = schema(
        "contoso.apps",
        Some("apps"),
        concat!(
            "<EntityType Name=\"base\" Abstract=\"true\"><Key><PropertyRef Name=\"id\"/></Key>",
            "<Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/></EntityType>\n",
            "<EntityType Name=\"app\" BaseType=\"apps.base\">\n",
            "<Property Name=\"owner\" Type=\"self.person\"/>\n",
            "<Property Name=\"tags\" Type=\"Collection(self.tag)\"/>\n",
            "<Property Name=\"same\" Type=\"contoso.people.person\"/>\n",
            "<Property Name=\"size\" Type=\"Edm.Int64\"/>\n",
            "<Property Name=\"term\" Type=\"Core.Tag\"/>\n",
            "<Property Name=\"other\" Type=\"unknown.alias.thing\"/>\n",
            "<NavigationProperty Name=\"friends\" Type=\"Collection(self.person)\"/>\n",
            "</EntityType>"
        ),
    );
    // The second schema's alias is `self`, as Graph's `microsoft.graph.security` declares: an
    // alias holds in the whole document, not only in its own schema.
    let b = schema(
        "contoso.people",
        Some("self"),
        "<ComplexType Name=\"person\" BaseType=\"apps.base\"/>\n<EnumType Name=\"tag\"><Member Name=\"a\"/></EnumType>",
    );
    let text = doc(&format!("{a}\n{b}")).replace(
        "<edmx:DataServices>",
        "<edmx:Reference Uri=\"https://example.com/core.xml\"><edmx:Include Namespace=\"Org.OData.Core.V1\" Alias=\"Core\"/></edmx:Reference>\n<edmx:DataServices>",
    );
    let csdl = parse(&text);
    let app = csdl.find_type("contoso.apps.app").unwrap();
    assert_eq!(app.base.as_deref(), Some("contoso.apps.base"));
    let ty = |name: &str| app.property(name).unwrap().type_name.as_str();
    assert_eq!(ty("owner"), "contoso.people.person");
    assert_eq!(ty("tags"), "contoso.people.tag");
    assert_eq!(ty("same"), "contoso.people.person");
    assert_eq!(ty("size"), "Edm.Int64");
    assert_eq!(ty("term"), "Org.OData.Core.V1.Tag");
    // Not an alias: kept as written (a reference outside the document).
    assert_eq!(ty("other"), "unknown.alias.thing");
    let friends = app.navigation_property("friends").unwrap();
    assert_eq!(friends.csdl_type(), "Collection(contoso.people.person)");
    let person = csdl.find_type("contoso.people.person").unwrap();
    assert_eq!(person.kind, CsdlKind::Complex);
    assert_eq!(person.base.as_deref(), Some("contoso.apps.base"));
    assert_eq!(csdl.enums[0].name, "contoso.people.tag");
}

#[test]
fn nullable_defaults_to_true_and_speaks_of_items_for_collections() {
    let body = concat!(
        "<EntityType Name=\"thing\">\n",
        "<Property Name=\"plain\" Type=\"Edm.String\"/>\n",
        "<Property Name=\"required\" Type=\"Edm.String\" Nullable=\"false\"/>\n",
        "<Property Name=\"explicit\" Type=\"Edm.Boolean\" Nullable=\"true\"/>\n",
        "<Property Name=\"list\" Type=\"Collection(Edm.String)\"/>\n",
        "<Property Name=\"strictList\" Type=\"Collection(Edm.Int32)\" Nullable=\"false\"/>\n",
        "<NavigationProperty Name=\"one\" Type=\"ns.thing\"/>\n",
        "<NavigationProperty Name=\"mustOne\" Type=\"ns.thing\" Nullable=\"false\"/>\n",
        "<NavigationProperty Name=\"many\" Type=\"Collection(ns.thing)\" ContainsTarget=\"true\"/>\n",
        "</EntityType>"
    );
    let csdl = parse(&doc(&schema("ns", None, body)));
    let thing = &csdl.types[0];
    let p = |name: &str| thing.property(name).unwrap();
    let n = |name: &str| thing.navigation_property(name).unwrap();
    assert!(p("plain").nullable && !p("plain").collection);
    assert!(!p("required").nullable);
    assert!(p("explicit").nullable);
    assert!(p("list").collection && p("list").nullable);
    assert_eq!(p("list").type_name, "Edm.String");
    assert_eq!(p("list").csdl_type(), "Collection(Edm.String)");
    assert!(p("strictList").collection && !p("strictList").nullable);
    assert!(n("one").nullable && !n("one").collection);
    assert!(!n("mustOne").nullable);
    // A collection-valued navigation property carries no Nullable: its items are entities.
    assert!(n("many").collection && !n("many").nullable);
    assert_eq!(thing.properties.len(), 5);
    assert_eq!(thing.navigation.len(), 3);
}

#[test]
fn flags_enums_underlying_types_and_implicit_member_values() {
    let body = concat!(
        "<EnumType Name=\"color\">\n",
        "<Member Name=\"red\"/>\n<Member Name=\"green\"/>\n<Member Name=\"blue\"/>\n",
        "</EnumType>\n",
        "<EnumType Name=\"access\" IsFlags=\"true\" UnderlyingType=\"Edm.Int64\">\n",
        "<Member Name=\"none\" Value=\"0\"/>\n<Member Name=\"read\" Value=\"1\"/>\n",
        "<Member Name=\"write\" Value=\"2\"/>\n<Member Name=\"huge\" Value=\"4294967296\"/>\n",
        "</EnumType>\n",
        "<EnumType Name=\"sparse\" UnderlyingType=\"Edm.Byte\">\n",
        "<Member Name=\"low\" Value=\"0\"/>\n<Member Name=\"high\" Value=\"255\"/>\n",
        "</EnumType>\n",
        "<EnumType Name=\"signed\" UnderlyingType=\"Edm.SByte\">\n",
        "<Member Name=\"minus\" Value=\"-128\"/>\n<Member Name=\"plus\" Value=\"+5\"/>\n",
        "</EnumType>\n",
        "<EnumType Name=\"empty\"/>"
    );
    let csdl = parse(&doc(&schema("ns", Some("n"), body)));
    let color = csdl.find_enum("ns.color").unwrap();
    assert!(!color.is_flags);
    assert_eq!(color.underlying_type, "Edm.Int32");
    // CSDL XML §10.2.2: members without values get 0, 1, 2, … in document order.
    assert_eq!(
        color.members,
        [("red".into(), 0), ("green".into(), 1), ("blue".into(), 2)]
    );
    assert_eq!(color.line, 4);
    let access = csdl.find_enum("access").unwrap();
    assert!(access.is_flags);
    assert_eq!(access.underlying_type, "Edm.Int64");
    assert_eq!(access.value_of("huge"), Some(4_294_967_296));
    assert_eq!(
        access.member_names().collect::<Vec<_>>(),
        ["none", "read", "write", "huge"]
    );
    assert_eq!(
        csdl.find_enum("sparse").unwrap().value_of("high"),
        Some(255)
    );
    assert_eq!(
        csdl.find_enum("signed").unwrap().members,
        [("minus".into(), -128), ("plus".into(), 5)]
    );
    assert!(csdl.find_enum("empty").unwrap().members.is_empty());
}

#[test]
fn enum_rules_of_csdl_are_located_errors() {
    let cases = [
        // Some members with a value, some without (line 6: the second member).
        (
            "<EnumType Name=\"e\">\n<Member Name=\"a\" Value=\"0\"/>\n<Member Name=\"b\"/>\n</EnumType>",
            6,
            "either every member",
        ),
        // A flags member without a value.
        (
            "<EnumType Name=\"e\" IsFlags=\"true\">\n<Member Name=\"a\"/>\n</EnumType>",
            5,
            "must have a Value",
        ),
        // Out of the underlying type's range.
        (
            "<EnumType Name=\"e\" UnderlyingType=\"Edm.Byte\">\n<Member Name=\"a\" Value=\"256\"/>\n</EnumType>",
            5,
            "outside 0..=255",
        ),
        // A negative flags value.
        (
            "<EnumType Name=\"e\" IsFlags=\"true\">\n<Member Name=\"a\" Value=\"-1\"/>\n</EnumType>",
            5,
            "flags enum",
        ),
        // Not an integer.
        (
            "<EnumType Name=\"e\">\n<Member Name=\"a\" Value=\"one\"/>\n</EnumType>",
            5,
            "not an integer",
        ),
        // Too large for i64.
        (
            "<EnumType Name=\"e\" UnderlyingType=\"Edm.Int64\">\n<Member Name=\"a\" Value=\"9223372036854775808\"/>\n</EnumType>",
            5,
            "not an integer",
        ),
        // Not an integer type.
        (
            "<EnumType Name=\"e\" UnderlyingType=\"Edm.String\">\n</EnumType>",
            4,
            "not an enum underlying type",
        ),
        // A member twice.
        (
            "<EnumType Name=\"e\">\n<Member Name=\"a\"/>\n<Member Name=\"a\"/>\n</EnumType>",
            6,
            "twice",
        ),
    ];
    for (body, line, needle) in cases {
        let err = parse_err(&doc(&schema("ns", None, body)));
        assert_eq!(err.line, line, "{err} for {body}");
        assert!(err.message.contains(needle), "{err} for {body}");
    }
}

const INHERITANCE: &str = concat!(
    "<EntityType Name=\"entity\" Abstract=\"true\">\n",
    "<Key><PropertyRef Name=\"id\"/></Key>\n",
    "<Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/>\n",
    "</EntityType>\n",
    "<EntityType Name=\"device\" BaseType=\"g.entity\" OpenType=\"true\">\n",
    "<Property Name=\"name\" Type=\"Edm.String\"/>\n",
    "<NavigationProperty Name=\"owner\" Type=\"g.entity\"/>\n",
    "</EntityType>\n",
    "<EntityType Name=\"phone\" BaseType=\"g.device\">\n",
    "<Property Name=\"number\" Type=\"Edm.String\"/>\n",
    "<NavigationProperty Name=\"calls\" Type=\"Collection(g.entity)\"/>\n",
    "</EntityType>\n",
    "<ComplexType Name=\"parameter\" Abstract=\"true\">\n",
    "<Property Name=\"name\" Type=\"Edm.String\"/>\n",
    "</ComplexType>\n",
    "<ComplexType Name=\"stringParameter\" BaseType=\"g.parameter\">\n",
    "<Property Name=\"defaultValue\" Type=\"Edm.String\"/>\n",
    "</ComplexType>\n",
    "<ComplexType Name=\"orphan\" BaseType=\"g.gone\">\n",
    "<Property Name=\"own\" Type=\"Edm.String\"/>\n",
    "</ComplexType>"
);

#[test]
fn abstract_bases_and_derived_types_flatten_base_first() {
    let csdl = parse(&doc(&schema("ns", Some("g"), INHERITANCE)));
    let entity = csdl.find_type("ns.entity").unwrap();
    assert!(entity.is_abstract && !entity.open_type);
    assert_eq!(entity.key, ["id"]);
    let phone = csdl.find_type("phone").unwrap();
    assert_eq!(phone.base.as_deref(), Some("ns.device"));
    assert!(phone.key.is_empty() && !phone.is_abstract);
    assert!(csdl.find_type("device").unwrap().open_type);
    assert_eq!(names(&csdl.all_properties(phone)), ["id", "name", "number"]);
    assert_eq!(names(&csdl.all_navigation(phone)), ["owner", "calls"]);
    assert_eq!(csdl.key_of(phone), ["id"]);
    let chain = csdl.base_chain(phone);
    assert!(chain.problem.is_none());
    assert_eq!(
        chain
            .types
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["ns.entity", "ns.device", "ns.phone"]
    );
    let string_parameter = csdl.find_type("stringParameter").unwrap();
    assert_eq!(string_parameter.kind, CsdlKind::Complex);
    assert!(csdl.find_type("parameter").unwrap().is_abstract);
    assert_eq!(
        names(&csdl.all_properties(string_parameter)),
        ["name", "defaultValue"]
    );
    assert!(csdl.key_of(string_parameter).is_empty());
    // Lines of types and properties.
    assert_eq!(entity.line, 4);
    assert_eq!(entity.properties[0].line, 6);
    assert_eq!(phone.line, 12);
    assert_eq!(phone.navigation[0].line, 14);
}

#[test]
fn a_missing_base_is_reported_not_followed() {
    let csdl = parse(&doc(&schema("ns", Some("g"), INHERITANCE)));
    let orphan = csdl.find_type("orphan").unwrap();
    assert_eq!(orphan.base.as_deref(), Some("ns.gone"));
    assert_eq!(names(&csdl.all_properties(orphan)), ["own"]);
    let missing = InheritanceProblem::MissingBase {
        ty: "ns.orphan".into(),
        base: "ns.gone".into(),
        line: 22,
    };
    assert_eq!(csdl.base_chain(orphan).problem.as_ref(), Some(&missing));
    assert_eq!(csdl.inheritance_problems(), std::slice::from_ref(&missing));
    assert_eq!(
        missing.to_string(),
        "line 22: ns.orphan derives from ns.gone, which is not declared"
    );
}

#[test]
fn base_type_loops_are_reported_once_and_not_looped_on() {
    let body = concat!(
        "<ComplexType Name=\"a\" BaseType=\"ns.b\"><Property Name=\"pa\" Type=\"Edm.String\"/></ComplexType>\n",
        "<ComplexType Name=\"b\" BaseType=\"ns.a\"><Property Name=\"pb\" Type=\"Edm.String\"/></ComplexType>\n",
        "<ComplexType Name=\"c\" BaseType=\"ns.a\"><Property Name=\"pc\" Type=\"Edm.String\"/></ComplexType>\n",
        "<ComplexType Name=\"self\" BaseType=\"ns.self\"/>"
    );
    let csdl = parse(&doc(&schema("ns", None, body)));
    let c = csdl.find_type("c").unwrap();
    let chain = csdl.base_chain(c);
    assert_eq!(
        chain.problem,
        Some(InheritanceProblem::Cycle {
            types: vec!["ns.a".into(), "ns.b".into()]
        })
    );
    assert_eq!(names(&csdl.all_properties(c)), ["pb", "pa", "pc"]);
    let problems = csdl.inheritance_problems();
    assert_eq!(
        problems,
        [
            InheritanceProblem::Cycle {
                types: vec!["ns.a".into(), "ns.b".into()]
            },
            InheritanceProblem::Cycle {
                types: vec!["ns.self".into()]
            },
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "base types loop: ns.a -> ns.b -> ns.a"
    );
}

#[test]
fn a_long_inheritance_chain_is_linear_work() {
    // 20,000 complex types, each deriving from the next.
    let n = 20_000;
    let mut body = String::new();
    for i in 0..n {
        let base = if i + 1 < n {
            format!(" BaseType=\"ns.t{}\"", i + 1)
        } else {
            String::new()
        };
        body.push_str(&format!(
            "<ComplexType Name=\"t{i}\"{base}><Property Name=\"p{i}\" Type=\"Edm.Int32\"/></ComplexType>\n"
        ));
    }
    // The work is counted by the unit test `look_ups_do_work_linear_in_the_document` (in
    // csdl.rs); here, the answers on a document this long.
    let csdl = parse(&doc(&schema("ns", None, &body)));
    let all = csdl.all_properties(&csdl.types[0]);
    assert_eq!(all.len(), n);
    assert_eq!(all[0].name, format!("p{}", n - 1));
    assert!(csdl.inheritance_problems().is_empty());
}

#[test]
fn find_type_takes_qualified_alias_and_short_names() {
    let body = "<EntityType Name=\"user\"/><EntityType Name=\"widget\"/>";
    let text = doc(&format!(
        "{}\n{}",
        schema("microsoft.graph.security", Some("self"), body),
        schema(
            "microsoft.graph",
            Some("graph"),
            "<EntityType Name=\"user\"/>"
        )
    ));
    let csdl = parse(&text);
    let found = |q: &str| csdl.find_type(q).map(|t| t.name.as_str());
    assert_eq!(
        found("microsoft.graph.security.user"),
        Some("microsoft.graph.security.user")
    );
    assert_eq!(found("microsoft.graph.user"), Some("microsoft.graph.user"));
    assert_eq!(found("graph.user"), Some("microsoft.graph.user"));
    // A short name prefers the Graph namespace, then document order.
    assert_eq!(found("user"), Some("microsoft.graph.user"));
    assert_eq!(found("widget"), Some("microsoft.graph.security.widget"));
    assert_eq!(found("nothing"), None);
    assert_eq!(found("graph.widget"), None);
    assert_eq!(found("User"), None);
}

#[test]
fn unknown_elements_and_foreign_namespaces_are_ignored() {
    let body = concat!(
        "<Term Name=\"note\" Type=\"Edm.String\" AppliesTo=\"Property\"/>\n",
        "<Action Name=\"go\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"ns.thing\"/></Action>\n",
        "<Function Name=\"count\"><ReturnType Type=\"Edm.Int32\"/></Function>\n",
        "<TypeDefinition Name=\"text\" UnderlyingType=\"Edm.String\"/>\n",
        "<EntityType Name=\"thing\">\n",
        "<Annotation Term=\"Core.Description\" String=\"A thing.\"/>\n",
        "<Property Name=\"a\" Type=\"Edm.String\"><Annotation Term=\"Core.Computed\" Bool=\"true\"/></Property>\n",
        "<x:Property xmlns:x=\"urn:other\" Name=\"b\" Type=\"Edm.String\"/>\n",
        "</EntityType>\n",
        "<x:EntityType xmlns:x=\"urn:other\" Name=\"foreign\"/>\n",
        "<EntityContainer Name=\"c\"><EntitySet Name=\"things\" EntityType=\"ns.thing\"/></EntityContainer>\n",
        "<Annotations Target=\"ns.thing\"><Annotation Term=\"Core.Description\" String=\"x\"/></Annotations>"
    );
    let csdl = parse(&doc(&schema("ns", None, body)));
    assert_eq!(csdl.types.len(), 1);
    assert!(csdl.enums.is_empty());
    assert_eq!(names(&csdl.all_properties(&csdl.types[0])), ["a"]);
    // Operations and the container are read, not their annotations.
    assert_eq!(csdl.operations.len(), 2);
    assert_eq!(csdl.bound_operation("thing", "go", false).unwrap().line, 5);
    assert_eq!(csdl.entity_set("things").unwrap().entity_type, "ns.thing");
}

#[test]
fn malformed_xml_is_a_located_error() {
    // A close tag that does not match, on line 5.
    let text = doc(&schema(
        "ns",
        None,
        "<EntityType Name=\"a\">\n</ComplexType>",
    ));
    let err = parse_err(&text);
    assert_eq!((err.line, err.column), (5, 1), "{err}");
    assert!(!err.message.contains(" at "), "{err}");
    assert!(err.message.contains("ComplexType"), "{err}");
    assert_eq!(err.to_string(), format!("5:1: {}", err.message));

    // An attribute without quotes, on line 4, column 18.
    let err = parse_err(&doc(&schema("ns", None, "<EntityType Name=x/>")));
    assert_eq!((err.line, err.column), (4, 18), "{err}");

    // A document that stops: the error is at its end.
    let text = doc(&schema("ns", None, "<EntityType Name=\"a\">"));
    let cut = &text[..text.find("</Schema>").unwrap()];
    let err = parse_err(cut);
    assert_eq!(err.line, cut.lines().count() as u32 + 1, "{err}");

    // Not XML at all, and nothing.
    assert_eq!(parse_err("{\"json\": true}").line, 1);
    assert_eq!(parse_err("").line, 1);

    // A DTD is refused (no entity expansion).
    let err = parse_err("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<x>&a;</x>");
    assert!(err.message.contains("DTD"), "{err}");
}

#[test]
fn csdl_rules_the_summary_depends_on_are_located_errors() {
    let cases: [(String, u32, u32, &str); 10] = [
        (
            "<?xml version=\"1.0\"?>\n<Schema xmlns=\"x\"/>".into(),
            2,
            1,
            "expected the root element edmx:Edmx",
        ),
        (
            format!("<edmx:Edmx xmlns:edmx=\"{EDMX_NAMESPACE}\"/>"),
            1,
            1,
            "no edmx:DataServices",
        ),
        (
            doc("<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"/>"),
            3,
            1,
            "no Namespace",
        ),
        (
            doc(&schema("ns", None, "<EntityType/>")),
            4,
            1,
            "<EntityType> has no Name",
        ),
        (
            doc(&schema(
                "ns",
                None,
                "<ComplexType Name=\"c\">\n  <Property Name=\"p\"/>\n</ComplexType>",
            )),
            5,
            3,
            "<Property Name=\"p\"> has no Type",
        ),
        (
            doc(&schema(
                "ns",
                None,
                "<EntityType Name=\"a\" Abstract=\"yes\"/>",
            )),
            4,
            32,
            "Abstract is \"yes\"",
        ),
        (
            doc(&schema(
                "ns",
                None,
                "<EntityType Name=\"a\">\n<Property Name=\"p\" Type=\"String\"/>\n</EntityType>",
            )),
            5,
            26,
            "not a qualified name",
        ),
        (
            doc(&schema(
                "ns",
                None,
                "<EntityType Name=\"a\">\n<Property Name=\"p\" Type=\"Collection(Edm.String\"/>\n</EntityType>",
            )),
            5,
            26,
            "without `)`",
        ),
        (
            doc(&schema(
                "ns",
                None,
                "<EntityType Name=\"a\"/>\n<ComplexType Name=\"a\"/>",
            )),
            5,
            1,
            "ns.a is declared twice (first on line 4)",
        ),
        (
            doc(&format!(
                "{}\n{}",
                schema("one", Some("x"), ""),
                schema("two", Some("x"), "")
            )),
            6,
            32,
            "the alias x already stands for one",
        ),
    ];
    for (text, line, column, needle) in cases {
        let err = parse_err(&text);
        assert_eq!((err.line, err.column), (line, column), "{err}\n{text}");
        assert!(err.message.contains(needle), "{err}\n{text}");
    }
    let dup = doc(&schema(
        "ns",
        None,
        "<EntityType Name=\"a\">\n<Property Name=\"p\" Type=\"Edm.String\"/>\n<NavigationProperty Name=\"p\" Type=\"ns.a\"/>\n</EntityType>",
    ));
    let err = parse_err(&dup);
    assert_eq!(err.line, 6);
    assert!(
        err.message.contains("declares the property p twice"),
        "{err}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let mut bytes = doc(&schema("ns", None, "<EntityType Name=\"caf\u{e9}\"/>")).into_bytes();
    let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bytes[at] = 0xFF;
    let err = Csdl::parse_bytes(&bytes).unwrap_err();
    assert_eq!((err.line, err.column), (4, 22), "{err}");
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(doc(&schema("ns", None, "<EntityType Name=\"a\"/>")).bytes());
    assert_eq!(Csdl::parse_bytes(&with_bom).unwrap().types.len(), 1);
}

#[test]
fn no_input_makes_it_panic() {
    let text = doc(&format!(
        "{}\n{}",
        schema("ns", Some("g"), INHERITANCE),
        schema(
            "ns.other",
            None,
            concat!(
                "<EnumType Name=\"e\" IsFlags=\"true\"><Member Name=\"a\" Value=\"1\"/></EnumType>\n",
                "<Action Name=\"go\" IsBound=\"true\"><Parameter Name=\"b\" Type=\"Collection(g.phone)\"/><Parameter Name=\"n\" Type=\"Edm.Int32\" Nullable=\"false\"/><ReturnType Type=\"g.device\"/></Action>\n",
                "<EntityContainer Name=\"c\"><EntitySet Name=\"phones\" EntityType=\"g.phone\"><NavigationPropertyBinding Path=\"owner\" Target=\"phones\"/></EntitySet>",
                "<Singleton Name=\"me\" Type=\"g.phone\"/><ActionImport Name=\"go\" Action=\"ns.other.go\"/></EntityContainer>"
            )
        )
    ));
    let whole = parse(&text);
    assert_eq!(whole.operations.len(), 1);
    assert!(whole.bound_operation("phone", "go", true).is_some());
    assert!(whole.singleton("me").is_some());
    // Every prefix.
    for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let _ = Csdl::parse(&text[..end]);
    }
    // Deterministic byte mutations (a small linear congruential generator).
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let alphabet = b"<>/\"'=:.()&;# \nxaZ0-";
    for _ in 0..3000 {
        let mut bytes = text.clone().into_bytes();
        for _ in 0..1 + next() % 4 {
            let at = next() % bytes.len();
            match next() % 3 {
                0 => bytes[at] = alphabet[next() % alphabet.len()],
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, alphabet[next() % alphabet.len()]),
            }
        }
        if let Ok(csdl) = Csdl::parse_bytes(&bytes) {
            for ty in &csdl.types {
                let _ = csdl.all_properties(ty);
                let _ = csdl.key_of(ty);
                for collection in [false, true] {
                    let _ = csdl.bound_operation(&ty.name, "go", collection);
                }
            }
            let _ = csdl.inheritance_problems();
            let _ = csdl.operations_named("go").count();
            let _ = (csdl.entity_set("phones"), csdl.singleton("me"));
            let _ = csdl.operation_import("go");
        }
    }
    // Deep nesting.
    let depth = 100_000;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert!(Csdl::parse(&deep).is_err());
    let deep_inside = doc(&schema(
        "ns",
        None,
        &format!(
            "<EntityType Name=\"a\">{}{}</EntityType>",
            "<b>".repeat(depth),
            "</b>".repeat(depth)
        ),
    ));
    assert_eq!(parse(&deep_inside).types.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Actions, functions and the entity container
// ---------------------------------------------------------------------------------------------

fn parameter_names(parameters: &[CsdlParameter]) -> Vec<&str> {
    parameters.iter().map(|p| p.name.as_str()).collect()
}

fn lines<'a>(operations: impl IntoIterator<Item = &'a CsdlOperation>) -> Vec<u32> {
    operations.into_iter().map(|o| o.line).collect()
}

#[test]
fn operations_keep_the_binding_parameter_apart_from_the_others() {
    let body = concat!(
        "<EntityType Name=\"mailbox\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/></EntityType>\n",
        "<Action Name=\"send\" IsBound=\"true\">\n",
        "<Parameter Name=\"bindingParameter\" Type=\"n.mailbox\" Nullable=\"false\"/>\n",
        "<Parameter Name=\"Message\" Type=\"n.message\" Nullable=\"false\"/>\n",
        "<Parameter Name=\"SaveToSentItems\" Type=\"Edm.Boolean\"/>\n",
        "<Parameter Name=\"To\" Type=\"Collection(Edm.String)\"/>\n",
        "<Parameter Name=\"Tags\" Type=\"Collection(n.tag)\" Nullable=\"false\"/>\n",
        "</Action>\n",
        "<Function Name=\"recent\" IsBound=\"true\" IsComposable=\"true\" EntitySetPath=\"bindingParameter/items\">\n",
        "<Parameter Name=\"bindingParameter\" Type=\"Collection(n.mailbox)\"/>\n",
        "<Parameter Name=\"top\" Type=\"Edm.Int32\"/>\n",
        "<ReturnType Type=\"Collection(n.mailbox)\" Nullable=\"false\"/>\n",
        "</Function>\n",
        "<Function Name=\"now\" IsBound=\"false\"><ReturnType Type=\"Edm.DateTimeOffset\"/></Function>\n",
        "<Action Name=\"reset\"/>"
    );
    let csdl = parse(&doc(&schema("ns", Some("n"), body)));
    assert_eq!(csdl.types.len(), 1);
    let names: Vec<&str> = csdl.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["ns.send", "ns.recent", "ns.now", "ns.reset"]);

    let send = &csdl.operations[0];
    assert_eq!((send.kind, send.line), (OperationKind::Action, 5));
    assert!(send.is_bound() && !send.is_composable);
    let binding = send.binding.as_ref().unwrap();
    assert_eq!(binding.name, "bindingParameter");
    assert_eq!(binding.type_name, "ns.mailbox");
    assert!(!binding.collection && !binding.nullable);
    assert_eq!(binding.line, 6);
    // The binding parameter is not among the parameters a request carries; names keep case.
    assert_eq!(
        parameter_names(&send.parameters),
        ["Message", "SaveToSentItems", "To", "Tags"]
    );
    assert!(send.parameter("message").is_none());
    let message = send.parameter("Message").unwrap();
    assert_eq!(message.type_name, "ns.message");
    assert!(!message.nullable && !message.collection);
    // Nullable defaults to true, for single and collection parameters alike.
    assert!(send.parameter("SaveToSentItems").unwrap().nullable);
    let to = send.parameter("To").unwrap();
    assert!(to.collection && to.nullable);
    assert_eq!(to.type_name, "Edm.String");
    assert_eq!(to.csdl_type(), "Collection(Edm.String)");
    let tags = send.parameter("Tags").unwrap();
    assert!(tags.collection && !tags.nullable);
    assert_eq!(
        (tags.csdl_type().as_str(), tags.line),
        ("Collection(ns.tag)", 10)
    );
    assert!(send.return_type.is_none() && send.entity_set_path.is_none());

    let recent = &csdl.operations[1];
    assert_eq!((recent.kind, recent.line), (OperationKind::Function, 12));
    assert!(recent.is_composable);
    assert_eq!(
        recent.entity_set_path.as_deref(),
        Some("bindingParameter/items")
    );
    let binding = recent.binding.as_ref().unwrap();
    assert!(binding.collection && binding.nullable);
    assert_eq!(binding.csdl_type(), "Collection(ns.mailbox)");
    assert_eq!(parameter_names(&recent.parameters), ["top"]);
    let returns = recent.return_type.as_ref().unwrap();
    assert_eq!(returns.csdl_type(), "Collection(ns.mailbox)");
    assert!(returns.collection && !returns.nullable);
    assert_eq!(returns.line, 15);

    let now = &csdl.operations[2];
    assert!(!now.is_bound() && now.parameters.is_empty());
    let returns = now.return_type.as_ref().unwrap();
    assert_eq!(returns.type_name, "Edm.DateTimeOffset");
    assert!(returns.nullable && !returns.collection);
    let reset = &csdl.operations[3];
    assert_eq!(reset.kind, OperationKind::Action);
    assert!(!reset.is_bound() && reset.return_type.is_none());
}

#[test]
fn overloads_are_kept_and_named_by_qualified_alias_or_short_name() {
    let graph = schema(
        "microsoft.graph",
        Some("graph"),
        concat!(
            "<EntityType Name=\"report\"/>\n",
            "<EntityType Name=\"file\"/>\n",
            "<EntityType Name=\"folder\"/>\n",
            "<Function Name=\"usage\" IsBound=\"true\"><Parameter Name=\"reportRoot\" Type=\"graph.report\"/><Parameter Name=\"period\" Type=\"Edm.String\"/><ReturnType Type=\"Edm.Stream\"/></Function>\n",
            "<Function Name=\"usage\" IsBound=\"true\"><Parameter Name=\"reportRoot\" Type=\"graph.report\"/><Parameter Name=\"date\" Type=\"Edm.Date\"/><ReturnType Type=\"Edm.Stream\"/></Function>\n",
            "<Action Name=\"restore\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.file\"/></Action>\n",
            "<Action Name=\"restore\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.folder\"/><Parameter Name=\"name\" Type=\"Edm.String\"/></Action>\n",
            "<Action Name=\"export\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"Collection(graph.file)\"/></Action>"
        ),
    );
    // Lines 13–18: a second namespace reusing short names.
    let archive = schema(
        "microsoft.graph.archive",
        Some("archive"),
        concat!(
            "<EntityType Name=\"box\"/>\n",
            "<Action Name=\"export\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"archive.box\"/></Action>\n",
            "<Action Name=\"seal\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"archive.box\"/></Action>\n",
            "<Action Name=\"restore\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.file\"/></Action>"
        ),
    );
    let csdl = parse(&doc(&format!("{graph}\n{archive}")));
    assert_eq!(csdl.operations.len(), 8);
    let named = |name: &str| lines(csdl.operations_named(name));
    // The iterator does not borrow the name it was given.
    let restore = csdl.operations_named(&String::from("restore"));
    assert_eq!(lines(restore), [9, 10]);
    // Functions overloaded by their parameters, bound to the same type.
    assert_eq!(named("usage"), [7, 8]);
    let usage: Vec<&CsdlOperation> = csdl.operations_named("graph.usage").collect();
    assert_eq!(usage[0].binding.as_ref().unwrap().name, "reportRoot");
    assert_eq!(parameter_names(&usage[0].parameters), ["period"]);
    assert_eq!(parameter_names(&usage[1].parameters), ["date"]);
    // The same action bound to different types; the Graph namespace first for a short name.
    assert_eq!(named("microsoft.graph.restore"), [9, 10]);
    assert_eq!(named("graph.restore"), [9, 10]);
    assert_eq!(named("restore"), [9, 10]);
    assert_eq!(named("microsoft.graph.archive.restore"), [17]);
    assert_eq!(named("export"), [11]);
    assert_eq!(named("microsoft.graph.archive.export"), [15]);
    // A short name of another namespace only.
    assert_eq!(named("seal"), [16]);
    assert_eq!(named("graph.seal"), Vec::<u32>::new());
    assert_eq!(named("Seal"), Vec::<u32>::new());
    assert_eq!(named("nothing"), Vec::<u32>::new());

    let bound = |ty: &str, name: &str, collection: bool| {
        csdl.bound_operation(ty, name, collection).map(|o| o.line)
    };
    assert_eq!(
        lines(csdl.bound_operations("report", "usage", false)),
        [7, 8]
    );
    assert_eq!(bound("report", "usage", false), Some(7));
    assert_eq!(bound("file", "restore", false), Some(9));
    assert_eq!(bound("graph.folder", "restore", false), Some(10));
    assert_eq!(
        bound(
            "microsoft.graph.file",
            "microsoft.graph.archive.restore",
            false
        ),
        Some(17)
    );
    assert_eq!(bound("box", "export", false), Some(15));
    assert_eq!(bound("box", "graph.export", false), None);
    assert_eq!(bound("file", "export", false), None);
    assert_eq!(bound("file", "export", true), Some(11));
    assert_eq!(bound("file", "graph.export", true), Some(11));
}

#[test]
fn bound_operation_falls_back_to_the_nearest_base() {
    let body = concat!(
        "<EntityType Name=\"entity\" Abstract=\"true\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/></EntityType>\n",
        "<EntityType Name=\"directoryObject\" BaseType=\"graph.entity\"/>\n",
        "<EntityType Name=\"user\" BaseType=\"graph.directoryObject\"/>\n",
        "<EntityType Name=\"group\" BaseType=\"graph.directoryObject\"/>\n",
        "<Action Name=\"restore\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.directoryObject\"/></Action>\n",
        "<Action Name=\"getByIds\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"Collection(graph.directoryObject)\"/></Action>\n",
        "<Function Name=\"delta\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"Collection(graph.directoryObject)\"/><ReturnType Type=\"Collection(graph.directoryObject)\"/></Function>\n",
        "<Function Name=\"delta\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"Collection(graph.user)\"/><ReturnType Type=\"Collection(graph.user)\"/></Function>\n",
        "<Action Name=\"touch\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.entity\"/></Action>\n",
        "<ComplexType Name=\"loopA\" BaseType=\"graph.loopB\"/>\n",
        "<ComplexType Name=\"loopB\" BaseType=\"graph.loopA\"/>\n",
        "<ComplexType Name=\"orphan\" BaseType=\"graph.gone\"/>\n",
        "<Action Name=\"ping\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"Edm.String\"/></Action>\n",
        "<EnumType Name=\"color\"><Member Name=\"red\"/></EnumType>\n",
        "<Function Name=\"mix\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.color\"/><ReturnType Type=\"graph.color\"/></Function>"
    );
    let csdl = parse(&doc(&schema("microsoft.graph", Some("graph"), body)));
    let bound = |ty: &str, name: &str, collection: bool| {
        csdl.bound_operation(ty, name, collection).map(|o| o.line)
    };
    // Bound to the base directoryObject, found from user in each form of its name.
    for user in ["user", "graph.user", "microsoft.graph.user"] {
        assert_eq!(bound(user, "restore", false), Some(8), "{user}");
    }
    // A single binding and a collection binding are told apart.
    assert_eq!(bound("user", "restore", true), None);
    assert_eq!(bound("user", "getByIds", true), Some(9));
    assert_eq!(bound("user", "getByIds", false), None);
    // The nearest binding wins: user has its own delta, group inherits directoryObject's.
    assert_eq!(bound("user", "delta", true), Some(11));
    assert_eq!(lines(csdl.bound_operations("user", "delta", true)), [11]);
    assert_eq!(bound("group", "delta", true), Some(10));
    assert_eq!(bound("directoryObject", "delta", true), Some(10));
    // Two hops up; never down to derived types.
    assert_eq!(bound("user", "touch", false), Some(12));
    assert_eq!(bound("entity", "restore", false), None);
    // Loops and missing bases end the walk.
    assert_eq!(bound("loopA", "restore", false), None);
    assert_eq!(bound("orphan", "restore", false), None);
    // A binding type the document does not declare is matched as written.
    assert_eq!(bound("Edm.String", "ping", false), Some(16));
    assert_eq!(bound("String", "ping", false), None);
    // An enum type has no bases, and is named like any type.
    for color in ["color", "graph.color", "microsoft.graph.color"] {
        assert_eq!(bound(color, "mix", false), Some(18), "{color}");
    }
    assert_eq!(bound("nobody", "restore", false), None);
    assert!(csdl.bound_operations("nobody", "restore", false).is_empty());
}

#[test]
fn the_entity_container_is_read_and_looked_up_by_name() {
    let body = concat!(
        "<EntityType Name=\"user\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/><NavigationProperty Name=\"manager\" Type=\"n.user\"/></EntityType>\n",
        "<Action Name=\"reset\"/>\n",
        "<Function Name=\"now\"><ReturnType Type=\"Edm.DateTimeOffset\"/></Function>\n",
        "<EntityContainer Name=\"Service\">\n",
        "<EntitySet Name=\"users\" EntityType=\"n.user\">\n",
        "<NavigationPropertyBinding Path=\"manager\" Target=\"users\"/>\n",
        "</EntitySet>\n",
        "<Singleton Name=\"me\" Type=\"ns.user\">\n",
        "<NavigationPropertyBinding Path=\"manager\" Target=\"Service/users\"/>\n",
        "</Singleton>\n",
        "<ActionImport Name=\"reset\" Action=\"n.reset\"/>\n",
        "<FunctionImport Name=\"now\" Function=\"ns.now\" EntitySet=\"users\"/>\n",
        "<Annotation Term=\"Core.Description\" String=\"skipped\"/>\n",
        "</EntityContainer>"
    );
    let csdl = parse(&doc(&schema("ns", Some("n"), body)));
    let container = csdl.container.as_ref().unwrap();
    assert_eq!((container.name.as_str(), container.line), ("ns.Service", 7));
    assert_eq!(
        (
            container.entity_sets.len(),
            container.singletons.len(),
            container.imports.len()
        ),
        (1, 1, 2)
    );
    let users = csdl.entity_set("users").unwrap();
    assert_eq!((users.entity_type.as_str(), users.line), ("ns.user", 8));
    let binding = &users.bindings[0];
    assert_eq!(
        (binding.path.as_str(), binding.target.as_str(), binding.line),
        ("manager", "users", 9)
    );
    // Names are case-sensitive, and each kind of child has its own look-up.
    assert!(csdl.entity_set("Users").is_none());
    assert!(csdl.entity_set("me").is_none());
    let me = csdl.singleton("me").unwrap();
    assert_eq!((me.type_name.as_str(), me.line), ("ns.user", 11));
    assert_eq!(me.bindings[0].target, "Service/users");
    assert!(csdl.singleton("users").is_none());
    let reset = csdl.operation_import("reset").unwrap();
    assert_eq!(
        (reset.kind, reset.operation.as_str(), reset.line),
        (OperationKind::Action, "ns.reset", 14)
    );
    assert!(reset.entity_set.is_none());
    let now = csdl.operation_import("now").unwrap();
    assert_eq!(now.kind, OperationKind::Function);
    assert_eq!(now.entity_set.as_deref(), Some("users"));
    let imported: Vec<&CsdlOperation> = csdl.operations_named(&now.operation).collect();
    assert_eq!(imported.len(), 1);
    assert!(!imported[0].is_bound());
    assert!(csdl.operation_import("me").is_none());

    let without = parse(&doc(&schema("ns", None, "<EntityType Name=\"a\"/>")));
    assert!(without.container.is_none() && without.operations.is_empty());
    assert!(without.entity_set("users").is_none());
    assert!(without.singleton("me").is_none());
    assert!(without.operation_import("reset").is_none());
}

#[test]
fn operation_and_container_rules_are_located_errors() {
    let container =
        |children: &str| format!("<EntityContainer Name=\"c\">\n{children}\n</EntityContainer>");
    let cases: Vec<(String, u32, u32, &str)> = vec![
        ("<Action IsBound=\"true\"/>".into(), 4, 1, "<Action> has no Name"),
        (
            "<Action Name=\"go\" IsBound=\"true\">\n<ReturnType Type=\"Edm.Int32\"/>\n</Action>".into(),
            4,
            28,
            "<Action Name=\"go\">: bound, but without a Parameter",
        ),
        (
            "<Action Name=\"go\" IsBound=\"1\"/>".into(),
            4,
            28,
            "IsBound is \"1\"",
        ),
        (
            "<Function Name=\"f\">\n<Parameter Name=\"p\"/>\n<ReturnType Type=\"Edm.Int32\"/>\n</Function>".into(),
            5,
            1,
            "<Parameter Name=\"p\"> has no Type",
        ),
        (
            "<Action Name=\"go\">\n<Parameter Type=\"Edm.String\"/>\n</Action>".into(),
            5,
            1,
            "<Parameter> has no Name",
        ),
        (
            "<Action Name=\"go\">\n<Parameter Name=\"p\" Type=\"Collection(Edm.String\"/>\n</Action>".into(),
            5,
            27,
            "without `)`",
        ),
        (
            "<Action Name=\"go\">\n<Parameter Name=\"p\" Type=\"Edm.String\" Nullable=\"yes\"/>\n</Action>".into(),
            5,
            49,
            "Nullable is \"yes\"",
        ),
        (
            "<Action Name=\"go\">\n<Parameter Name=\"p\" Type=\"Edm.String\"/>\n<Parameter Name=\"p\" Type=\"Edm.Int32\"/>\n</Action>".into(),
            6,
            1,
            "ns.go declares the parameter p twice",
        ),
        (
            "<Function Name=\"f\">\n<ReturnType Type=\"Edm.Int32\"/>\n<ReturnType Type=\"Edm.String\"/>\n</Function>".into(),
            6,
            1,
            "ns.f has a second ReturnType (the first on line 5",
        ),
        (
            "<Function Name=\"f\">\n<ReturnType/>\n</Function>".into(),
            5,
            1,
            "<ReturnType> has no Type",
        ),
        (
            "<EntityContainer Name=\"a\"/>\n<EntityContainer Name=\"b\"/>".into(),
            5,
            1,
            "a second EntityContainer (the first is ns.a on line 4",
        ),
        (
            container("<EntitySet Name=\"x\" EntityType=\"ns.t\"/>\n<Singleton Name=\"x\" Type=\"ns.t\"/>"),
            6,
            1,
            "ns.c declares x twice (first on line 5",
        ),
        (
            container("<EntitySet Name=\"x\"/>"),
            5,
            1,
            "<EntitySet Name=\"x\"> has no EntityType",
        ),
        (
            container("<Singleton Name=\"me\"/>"),
            5,
            1,
            "<Singleton Name=\"me\"> has no Type",
        ),
        (
            container("<Singleton Name=\"me\" Type=\"ns.t\">\n<NavigationPropertyBinding Path=\"p\"/>\n</Singleton>"),
            6,
            1,
            "<NavigationPropertyBinding> has no Target",
        ),
        (
            container("<ActionImport Name=\"a\"/>"),
            5,
            1,
            "<ActionImport Name=\"a\"> has no Action",
        ),
        (
            container("<FunctionImport Name=\"f\" Function=\"f\"/>"),
            5,
            36,
            "not a qualified name",
        ),
        (
            container("<EntitySet EntityType=\"ns.t\"/>"),
            5,
            1,
            "<EntitySet> has no Name",
        ),
    ];
    for (body, line, column, needle) in cases {
        let text = doc(&schema("ns", None, &body));
        let err = parse_err(&text);
        assert_eq!((err.line, err.column), (line, column), "{err}\n{text}");
        assert!(err.message.contains(needle), "{err}\n{text}");
    }
    // A second container in another schema of the document.
    let text = doc(&format!(
        "{}\n{}",
        schema("one", None, "<EntityContainer Name=\"a\"/>"),
        schema("two", None, "<EntityContainer Name=\"b\"/>")
    ));
    let err = parse_err(&text);
    assert_eq!((err.line, err.column), (7, 1), "{err}");
    assert!(
        err.message.contains("the first is one.a on line 4"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// The real Graph metadata
// ---------------------------------------------------------------------------------------------

// The tests below read `MSGRAPH_METADATA_DIR`: they are ignored unless asked for (`--ignored`,
// as .ci/run does), and fail naming the variable when it is unset. How long a file takes to
// parse: `cargo run --release -p msgraph-schema-core --example csdl_parse_time`.

/// `MSGRAPH_METADATA_DIR`; fails the test when it is unset.
fn metadata_dir() -> PathBuf {
    support::corpus::dir("MSGRAPH_METADATA_DIR")
}

fn read(path: &Path) -> (String, Csdl) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let csdl = Csdl::parse(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()));
    (text, csdl)
}

fn csdl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("csdl"))
        .expect("MSGRAPH_METADATA_DIR has a csdl/ folder")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no file in {}/csdl", dir.display());
    files
}

/// Counts per file, checked by hand with `grep -c '<EntityType '` (and `<ComplexType `,
/// `<EnumType `, `<Property `, `<NavigationProperty `, `<Member `) on each file:
/// entity, complex, enum types, structural and navigation properties, enum members.
const COUNTS: [(&str, [usize; 6]); 5] = [
    (
        "beta-Mooncake.2022-10-05.csdl",
        [856, 767, 622, 8977, 905, 3375],
    ),
    (
        "beta_metadata.2021-07-13.xml",
        [1322, 1279, 874, 13286, 1485, 4761],
    ),
    (
        "graph_canary.2020-03-03.csdl",
        [1008, 852, 600, 9993, 1042, 3161],
    ),
    (
        "v1.0-Prod.current.csdl",
        [1182, 1779, 861, 10525, 1432, 6347],
    ),
    (
        "v1.0_metadata.2021-07.xml",
        [507, 515, 322, 4850, 603, 1787],
    ),
];

fn counts(csdl: &Csdl) -> [usize; 6] {
    let of = |kind| csdl.types.iter().filter(|t| t.kind == kind).count();
    [
        of(CsdlKind::Entity),
        of(CsdlKind::Complex),
        csdl.enums.len(),
        csdl.types.iter().map(|t| t.properties.len()).sum(),
        csdl.types.iter().map(|t| t.navigation.len()).sum(),
        csdl.enums.iter().map(|e| e.members.len()).sum(),
    ]
}

/// Each element's recorded line holds its start tag and its `Name`.
fn check_lines(text: &str, csdl: &Csdl, problems: &mut Vec<String>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut check = |line: u32, tag: &str, name: &str| {
        let ok = lines.get(line as usize - 1).is_some_and(|l| {
            l.contains(&format!("<{tag} ")) && l.contains(&format!("Name=\"{name}\""))
        });
        if !ok {
            problems.push(format!("line {line} is not <{tag} Name={name:?}>"));
        }
    };
    for ty in &csdl.types {
        let tag = match ty.kind {
            CsdlKind::Entity => "EntityType",
            CsdlKind::Complex => "ComplexType",
        };
        check(ty.line, tag, short(&ty.name));
        for p in &ty.properties {
            check(p.line, "Property", &p.name);
        }
        for p in &ty.navigation {
            check(p.line, "NavigationProperty", &p.name);
        }
    }
    for e in &csdl.enums {
        check(e.line, "EnumType", short(&e.name));
    }
}

fn short(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or(qualified, |(_, s)| s)
}

/// Property types that are neither `Edm.*` nor declared in the document.
fn unresolved(csdl: &Csdl) -> Vec<String> {
    let declared: BTreeSet<&str> = csdl
        .types
        .iter()
        .map(|t| t.name.as_str())
        .chain(csdl.enums.iter().map(|e| e.name.as_str()))
        .collect();
    csdl.types
        .iter()
        .flat_map(|t| {
            t.properties
                .iter()
                .chain(&t.navigation)
                .map(move |p| (t, p))
        })
        .filter(|(_, p)| {
            !p.type_name.starts_with("Edm.") && !declared.contains(p.type_name.as_str())
        })
        .map(|(t, p)| format!("{}.{}: {}", t.name, p.name, p.type_name))
        .collect()
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn every_corpus_file_parses_with_the_counts_checked_by_hand() {
    let dir = metadata_dir();
    let mut problems = Vec::new();
    println!(
        "{:<32} {:>7} {:>7} {:>6} {:>10} {:>10} {:>8}",
        "file", "entity", "complex", "enum", "properties", "navigation", "members"
    );
    for path in csdl_files(&dir) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (text, csdl) = read(&path);
        let got = counts(&csdl);
        println!(
            "{file:<32} {:>7} {:>7} {:>6} {:>10} {:>10} {:>8}",
            got[0], got[1], got[2], got[3], got[4], got[5],
        );
        match COUNTS.iter().find(|(name, _)| *name == file) {
            Some((_, expected)) if *expected != got => {
                problems.push(format!("{file}: counts {got:?}, expected {expected:?}"))
            }
            Some(_) => {}
            None => println!("  ({file}: no hand-checked counts)"),
        }
        for problem in csdl.inheritance_problems() {
            problems.push(format!("{file}: {problem}"));
        }
        for reference in unresolved(&csdl) {
            problems.push(format!("{file}: unresolved type {reference}"));
        }
        let mut line_problems = Vec::new();
        check_lines(&text, &csdl, &mut line_problems);
        problems.extend(line_problems.into_iter().map(|p| format!("{file}: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Operation and container counts per file, measured with Python's `xml.etree` and checked with
/// `grep -c` (`<Action `, `<Function `, `IsComposable="true"`, `<ReturnType `, `<EntitySet `,
/// `<Singleton `): actions, functions, bound operations, bound to a collection, composable
/// functions, non-binding parameters, return types, entity sets, singletons, imports,
/// navigation property bindings.
const OPERATION_COUNTS: [(&str, [usize; 11]); 5] = [
    (
        "beta-Mooncake.2022-10-05.csdl",
        [361, 177, 538, 97, 23, 975, 349, 44, 14, 0, 44],
    ),
    (
        "beta_metadata.2021-07-13.xml",
        [925, 335, 1260, 194, 165, 2085, 944, 73, 35, 0, 75],
    ),
    (
        "graph_canary.2020-03-03.csdl",
        [751, 252, 1001, 121, 150, 1498, 771, 88, 27, 2, 85],
    ),
    (
        "v1.0-Prod.current.csdl",
        [857, 326, 1183, 173, 131, 1849, 889, 41, 31, 0, 101],
    ),
    (
        "v1.0_metadata.2021-07.xml",
        [596, 212, 808, 71, 136, 1280, 661, 40, 23, 0, 61],
    ),
];

fn operation_counts(csdl: &Csdl) -> [usize; 11] {
    let ops = &csdl.operations;
    let count = |f: &dyn Fn(&CsdlOperation) -> bool| ops.iter().filter(|o| f(o)).count();
    let (sets, singletons, imports) = csdl.container.as_ref().map_or((&[][..], &[][..], 0), |c| {
        (&c.entity_sets[..], &c.singletons[..], c.imports.len())
    });
    [
        count(&|o| o.kind == OperationKind::Action),
        count(&|o| o.kind == OperationKind::Function),
        count(&|o| o.is_bound()),
        count(&|o| o.binding.as_ref().is_some_and(|b| b.collection)),
        count(&|o| o.is_composable),
        ops.iter().map(|o| o.parameters.len()).sum(),
        count(&|o| o.return_type.is_some()),
        sets.len(),
        singletons.len(),
        imports,
        sets.iter().map(|s| s.bindings.len()).sum::<usize>()
            + singletons.iter().map(|s| s.bindings.len()).sum::<usize>(),
    ]
}

/// Each operation's, parameter's and container child's recorded line holds its start tag and
/// its `Name` (or `Path`).
fn check_operation_lines(text: &str, csdl: &Csdl, problems: &mut Vec<String>) {
    let lines: Vec<&str> = text.split('\n').collect();
    // `needle` is an attribute as written (`Name="x"`), or empty for the tag alone.
    let mut check = |line: u32, tag: &str, needle: String| {
        let ok = lines
            .get(line as usize - 1)
            .is_some_and(|l| l.contains(&format!("<{tag} ")) && l.contains(&needle));
        if !ok {
            problems.push(format!("line {line} is not <{tag} {needle}>"));
        }
    };
    let name = |value: &str| format!("Name=\"{value}\"");
    for op in &csdl.operations {
        let tag = match op.kind {
            OperationKind::Action => "Action",
            OperationKind::Function => "Function",
        };
        check(op.line, tag, name(short(&op.name)));
        for p in op.binding.iter().chain(&op.parameters) {
            check(p.line, "Parameter", name(&p.name));
        }
        if let Some(r) = &op.return_type {
            check(r.line, "ReturnType", String::new());
        }
    }
    let Some(container) = &csdl.container else {
        return;
    };
    for set in &container.entity_sets {
        check(set.line, "EntitySet", name(&set.name));
        for b in &set.bindings {
            check(
                b.line,
                "NavigationPropertyBinding",
                format!("Path=\"{}\"", b.path),
            );
        }
    }
    for one in &container.singletons {
        check(one.line, "Singleton", name(&one.name));
        for b in &one.bindings {
            check(
                b.line,
                "NavigationPropertyBinding",
                format!("Path=\"{}\"", b.path),
            );
        }
    }
    for import in &container.imports {
        let tag = match import.kind {
            OperationKind::Action => "ActionImport",
            OperationKind::Function => "FunctionImport",
        };
        check(import.line, tag, name(&import.name));
    }
}

/// Operation and container references that name nothing the document declares.
fn unresolved_operation_types(csdl: &Csdl) -> Vec<String> {
    let declared = |name: &str| {
        name.starts_with("Edm.") || csdl.find_type(name).is_some() || csdl.find_enum(name).is_some()
    };
    let mut problems = Vec::new();
    for op in &csdl.operations {
        let types = op
            .binding
            .iter()
            .chain(&op.parameters)
            .map(|p| p.type_name.as_str())
            .chain(op.return_type.iter().map(|r| r.type_name.as_str()));
        for ty in types.filter(|t| !declared(t)) {
            problems.push(format!("{} (line {}): {ty}", op.name, op.line));
        }
    }
    if let Some(container) = &csdl.container {
        let entity = |name: &str| {
            csdl.find_type(name)
                .is_some_and(|t| t.kind == CsdlKind::Entity)
        };
        for set in container
            .entity_sets
            .iter()
            .filter(|s| !entity(&s.entity_type))
        {
            problems.push(format!("entity set {}: {}", set.name, set.entity_type));
        }
        for one in container
            .singletons
            .iter()
            .filter(|s| !entity(&s.type_name))
        {
            problems.push(format!("singleton {}: {}", one.name, one.type_name));
        }
        for import in &container.imports {
            let found = csdl
                .operations_named(&import.operation)
                .any(|o| o.name == import.operation && o.kind == import.kind && !o.is_bound());
            if !found {
                problems.push(format!("import {}: {}", import.name, import.operation));
            }
        }
    }
    problems
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn every_corpus_file_reads_operations_and_the_container_with_the_counts_measured() {
    let dir = metadata_dir();
    let mut problems = Vec::new();
    for path in csdl_files(&dir) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (text, csdl) = read(&path);
        let got = operation_counts(&csdl);
        println!("{file:<32} {got:?}");
        match OPERATION_COUNTS.iter().find(|(name, _)| *name == file) {
            Some((_, expected)) if *expected != got => {
                problems.push(format!("{file}: counts {got:?}, expected {expected:?}"))
            }
            Some(_) => {}
            None => println!("  ({file}: no measured counts)"),
        }
        let mut found = Vec::new();
        check_operation_lines(&text, &csdl, &mut found);
        found.extend(unresolved_operation_types(&csdl));
        // Every bound operation is found again from its binding type, among its overloads.
        for op in csdl.operations.iter() {
            let Some(binding) = &op.binding else { continue };
            let again = csdl.bound_operations(&binding.type_name, &op.name, binding.collection);
            if !again.iter().any(|o| std::ptr::eq(*o, op)) {
                found.push(format!(
                    "{} (line {}) not found from {}",
                    op.name,
                    op.line,
                    binding.csdl_type()
                ));
            }
        }
        problems.extend(found.into_iter().map(|p| format!("{file}: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn corpus(dir: &Path, file: &str) -> Csdl {
    read(&dir.join("csdl").join(file)).1
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn beta_operations_and_container_facts_read_by_hand() {
    let dir = metadata_dir();
    let csdl = corpus(&dir, "beta_metadata.2021-07-13.xml");

    // Line 25634: addPassword, bound to application, one parameter besides the binding.
    let add = csdl
        .bound_operation(
            "microsoft.graph.application",
            "microsoft.graph.addPassword",
            false,
        )
        .unwrap();
    assert_eq!((add.kind, add.line), (OperationKind::Action, 25634));
    let binding = add.binding.as_ref().unwrap();
    assert_eq!(binding.type_name, "microsoft.graph.application");
    assert!(!binding.nullable);
    assert_eq!(add.parameters.len(), 1);
    let credential = &add.parameters[0];
    assert_eq!(credential.name, "passwordCredential");
    assert_eq!(credential.type_name, "microsoft.graph.passwordCredential");
    assert!(credential.nullable && !credential.collection);
    let returns = add.return_type.as_ref().unwrap();
    assert_eq!(returns.csdl_type(), "microsoft.graph.passwordCredential");
    assert!(!returns.nullable);
    assert_eq!(csdl.operations_named("addPassword").count(), 1);

    // Line 26159: sendMail on user; its parameters start with a capital letter.
    let send = csdl.bound_operation("user", "sendMail", false).unwrap();
    assert_eq!(send.line, 26159);
    assert_eq!(send.binding.as_ref().unwrap().name, "bindingParameter");
    assert!(send.binding.as_ref().unwrap().nullable);
    assert_eq!(
        parameter_names(&send.parameters),
        ["Message", "SaveToSentItems"]
    );
    assert_eq!(send.parameters[0].type_name, "microsoft.graph.message");
    assert!(!send.parameters[0].nullable);
    assert_eq!(send.parameters[1].type_name, "Edm.Boolean");
    assert!(send.parameters[1].nullable);
    assert!(send.return_type.is_none());

    // user derives from directoryObject: restore (line 26319) is directoryObject's, not
    // driveItem's (line 26323); getByIds (line 26369) is bound to Collection(directoryObject).
    assert_eq!(
        csdl.bound_operation("user", "restore", false).unwrap().line,
        26319
    );
    assert_eq!(
        csdl.bound_operation("driveItem", "restore", false)
            .unwrap()
            .line,
        26323
    );
    let by_ids = csdl.bound_operation("user", "getByIds", true).unwrap();
    assert_eq!(by_ids.line, 26369);
    assert_eq!(by_ids.entity_set_path.as_deref(), Some("bindingParameter"));
    assert!(csdl.bound_operation("user", "getByIds", false).is_none());
    // Each of application and user has its own delta on the collection.
    assert_eq!(
        csdl.bound_operation("user", "delta", true).unwrap().line,
        26409
    );
    assert_eq!(
        csdl.bound_operation("application", "delta", true)
            .unwrap()
            .line,
        26385
    );
    assert!(csdl.bound_operation("user", "delta", false).is_none());

    // Reports: functions overloaded by their parameters, bound to reportRoot through a binding
    // parameter named reportRoot.
    let detail = csdl.bound_operations("reportRoot", "getEmailActivityUserDetail", false);
    assert_eq!(lines(detail.iter().copied()), [25098, 25103]);
    assert_eq!(parameter_names(&detail[0].parameters), ["date"]);
    assert_eq!(parameter_names(&detail[1].parameters), ["period"]);
    assert!(
        detail
            .iter()
            .all(|f| f.is_composable && f.kind == OperationKind::Function)
    );
    assert_eq!(detail[0].binding.as_ref().unwrap().name, "reportRoot");

    // Short names shared by namespaces: microsoft.graph first, then any.
    let export: Vec<&CsdlOperation> = csdl.operations_named("export").collect();
    assert_eq!(export.len(), 1);
    assert_eq!(export[0].name, "microsoft.graph.export");
    assert_eq!(
        csdl.operations_named("microsoft.graph.ediscovery.export")
            .count(),
        1
    );
    assert_eq!(
        csdl.bound_operation("microsoft.graph.ediscovery.reviewSet", "export", false)
            .unwrap()
            .name,
        "microsoft.graph.ediscovery.export"
    );
    assert_eq!(
        csdl.operations_named("close").next().unwrap().name,
        "microsoft.graph.ediscovery.close"
    );
    assert_eq!(csdl.operations_named("assign").count(), 29);

    // Every operation is bound; names, overloads and binding types as measured.
    assert!(csdl.operations.iter().all(CsdlOperation::is_bound));
    let distinct: BTreeSet<&str> = csdl.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(distinct.len(), 1015);

    // The container (line 31679): users and me, both of user.
    let container = csdl.container.as_ref().unwrap();
    assert_eq!(
        (container.name.as_str(), container.line),
        ("microsoft.graph.GraphService", 31679)
    );
    assert!(container.imports.is_empty());
    let users = csdl.entity_set("users").unwrap();
    assert_eq!(
        (users.entity_type.as_str(), users.line),
        ("microsoft.graph.user", 31683)
    );
    let me = csdl.singleton("me").unwrap();
    assert_eq!(
        (me.type_name.as_str(), me.line),
        ("microsoft.graph.user", 31828)
    );
    let targets: Vec<(&str, &str)> = me
        .bindings
        .iter()
        .map(|b| (b.path.as_str(), b.target.as_str()))
        .collect();
    assert_eq!(targets[0], ("createdObjects", "directoryObjects"));
    assert!(csdl.entity_set("me").is_none() && csdl.singleton("users").is_none());
    // POST /me/sendMail resolves through the singleton's type.
    assert_eq!(
        csdl.bound_operation(&me.type_name, "sendMail", false)
            .unwrap()
            .line,
        26159
    );
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn canary_action_imports_name_unbound_actions() {
    let dir = metadata_dir();
    let csdl = corpus(&dir, "graph_canary.2020-03-03.csdl");
    // Lines 24249–24250: the only imports of the corpus, with Action before Name.
    let import = csdl.operation_import("getObjectsById").unwrap();
    assert_eq!(
        (import.kind, import.operation.as_str(), import.line),
        (
            OperationKind::Action,
            "microsoft.graph.getObjectsById",
            24250
        )
    );
    let action: Vec<&CsdlOperation> = csdl.operations_named(&import.operation).collect();
    assert_eq!(action.len(), 1);
    assert!(!action[0].is_bound());
    assert_eq!(
        csdl.operation_import("getAvailableExtensionProperties")
            .unwrap()
            .line,
        24249
    );
    assert_eq!(csdl.operations.iter().filter(|o| !o.is_bound()).count(), 2);
}

fn members(e: &CsdlEnum) -> Vec<(&str, i64)> {
    e.members.iter().map(|(n, v)| (n.as_str(), *v)).collect()
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn the_seed_types_in_every_era_that_has_them() {
    let dir = metadata_dir();
    let run_state = [
        ("unknown", 0),
        ("success", 1),
        ("fail", 2),
        ("scriptError", 3),
        ("pending", 4),
        ("notApplicable", 5),
    ];
    // (file, line of deviceHealthScriptDeviceState, line of runState, has parameter types)
    let eras = [
        ("graph_canary.2020-03-03.csdl", 15013, 2909, false),
        ("beta_metadata.2021-07-13.xml", 20067, 4260, true),
        ("beta-Mooncake.2022-10-05.csdl", 11169, 3537, true),
    ];
    for (file, state_line, enum_line, has_parameters) in eras {
        let csdl = corpus(&dir, file);
        let state = csdl
            .find_type("microsoft.graph.deviceHealthScriptDeviceState")
            .unwrap_or_else(|| panic!("{file}: no deviceHealthScriptDeviceState"));
        assert_eq!(state.line, state_line, "{file}");
        assert_eq!(state.kind, CsdlKind::Entity);
        assert_eq!(state.base.as_deref(), Some("microsoft.graph.entity"));
        let detection = state.property("detectionState").unwrap();
        assert_eq!(detection.type_name, "microsoft.graph.runState", "{file}");
        assert!(!detection.nullable && !detection.collection);
        assert_eq!(
            state.properties[0].name == "detectionState",
            file.starts_with("graph_canary")
        );
        let expected = state.property("expectedStateUpdateDateTime").unwrap();
        assert_eq!(expected.type_name, "Edm.DateTimeOffset");
        assert!(expected.nullable, "{file}: absent Nullable is true");
        assert_eq!(
            state
                .navigation_property("managedDevice")
                .unwrap()
                .type_name,
            "microsoft.graph.managedDevice"
        );
        let all = csdl.all_properties(state);
        assert_eq!(all[0].name, "id", "{file}: entity's id first");
        assert!(!all[0].nullable);
        assert_eq!(all.len(), state.properties.len() + 1);
        assert_eq!(csdl.key_of(state), ["id"]);
        let run = csdl.find_enum("graph.runState").unwrap();
        assert_eq!(run.line, enum_line, "{file}");
        assert!(!run.is_flags);
        assert_eq!(members(run), run_state, "{file}");

        let derived: BTreeSet<&str> = csdl
            .types
            .iter()
            .filter(|t| t.base.as_deref() == Some("microsoft.graph.deviceHealthScriptParameter"))
            .map(|t| t.name.as_str())
            .collect();
        if has_parameters {
            let parameter = csdl.find_type("deviceHealthScriptParameter").unwrap();
            assert!(parameter.is_abstract && parameter.kind == CsdlKind::Complex);
            assert!(parameter.base.is_none());
            assert_eq!(
                derived,
                BTreeSet::from([
                    "microsoft.graph.deviceHealthScriptBooleanParameter",
                    "microsoft.graph.deviceHealthScriptIntegerParameter",
                    "microsoft.graph.deviceHealthScriptStringParameter",
                ]),
                "{file}"
            );
            let string = csdl.find_type("deviceHealthScriptStringParameter").unwrap();
            let flat = names(&csdl.all_properties(string));
            assert_eq!(flat.last().map(String::as_str), Some("defaultValue"));
            assert_eq!(
                flat[..flat.len() - 1],
                names(&parameter.properties.iter().collect::<Vec<_>>())
            );
        } else {
            assert!(csdl.find_type("deviceHealthScriptParameter").is_none());
            assert!(derived.is_empty());
        }
    }
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn v1_current_aliases_keys_flags_and_underlying_types() {
    let dir = metadata_dir();
    let csdl = corpus(&dir, "v1.0-Prod.current.csdl");
    // `self` is the alias of microsoft.graph.security, used from microsoft.graph too.
    let settings = csdl
        .find_type("microsoft.graph.retentionLabelSettings")
        .unwrap();
    assert_eq!(settings.line, 10528);
    let behavior = settings.property("behaviorDuringRetentionPeriod").unwrap();
    assert_eq!(
        behavior.type_name,
        "microsoft.graph.security.behaviorDuringRetentionPeriod"
    );
    assert_eq!(csdl.find_enum(&behavior.type_name).unwrap().line, 49066);
    let security = csdl.find_type("microsoft.graph.security").unwrap();
    assert_eq!(security.line, 18275);
    let alerts = security.navigation_property("alerts_v2").unwrap();
    assert_eq!(
        alerts.csdl_type(),
        "Collection(microsoft.graph.security.alert)"
    );
    assert!(!alerts.nullable);
    let tool = csdl
        .find_type("microsoft.graph.security.a365AiExecuteTool")
        .unwrap();
    assert_eq!(
        tool.base.as_deref(),
        Some("microsoft.graph.security.auditData")
    );
    assert!(tool.open_type && tool.properties.is_empty());
    // Two `user` types: the short name finds Graph's own.
    assert_eq!(csdl.find_type("user").unwrap().name, "microsoft.graph.user");
    assert_eq!(
        csdl.find_type("microsoft.graph.security.user")
            .unwrap()
            .base
            .as_deref(),
        Some("microsoft.graph.security.identityAccounts")
    );
    // Keys: declared on 12 entity types; inherited elsewhere.
    let keyed: Vec<&CsdlType> = csdl.types.iter().filter(|t| !t.key.is_empty()).collect();
    assert_eq!(keyed.len(), 12);
    let user = csdl.find_type("microsoft.graph.user").unwrap();
    assert_eq!(csdl.key_of(user), ["id"]);
    assert!(user.open_type);
    let chain: Vec<&str> = csdl
        .base_chain(user)
        .types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        chain,
        [
            "microsoft.graph.entity",
            "microsoft.graph.directoryObject",
            "microsoft.graph.user"
        ]
    );
    let version = csdl
        .find_type("microsoft.graph.identityGovernance.workflowVersion")
        .unwrap();
    assert_eq!(csdl.key_of(version), ["versionNumber"]);
    assert_eq!(
        csdl.key_of(
            csdl.find_type("authenticationConditionApplication")
                .unwrap()
        ),
        ["appId"]
    );
    // Enums: flags, Edm.Byte and Edm.Int64 underlying types.
    let flags = csdl
        .find_enum("accessPackageSuggestionFilterByCurrentUserOptions")
        .unwrap();
    assert!(flags.is_flags);
    assert_eq!(flags.line, 104);
    assert_eq!(
        members(flags),
        [
            ("none", 0),
            ("relatedPeopleAssignments", 1),
            ("assignmentHistory", 2),
            ("unknownFutureValue", 4)
        ]
    );
    assert_eq!(csdl.enums.iter().filter(|e| e.is_flags).count(), 64);
    let classification = csdl
        .find_enum("microsoft.graph.security.alertClassification")
        .unwrap();
    assert_eq!(classification.underlying_type, "Edm.Byte");
    assert_eq!(classification.value_of("unknownFutureValue"), Some(39));
    let investigation = csdl
        .find_enum("microsoft.graph.security.investigationState")
        .unwrap();
    assert_eq!(investigation.underlying_type, "Edm.Int64");
    assert!(!investigation.is_flags);
    assert_eq!(investigation.value_of("unknownFutureValue"), Some(262_144));
    assert_eq!(
        csdl.enums
            .iter()
            .filter(|e| e.underlying_type != "Edm.Int32")
            .count(),
        3
    );
}

// --- facts.json --------------------------------------------------------------------------------

/// Where each `source` id of facts.json is read from (relative to MSGRAPH_METADATA_DIR).
const SOURCES: [(&str, &str); 6] = [
    ("beta-current-excerpt", "beta-Prod.current-excerpts.xml"),
    ("beta-2022-10-05", "csdl/beta-Mooncake.2022-10-05.csdl"),
    ("beta-2021-07-13", "csdl/beta_metadata.2021-07-13.xml"),
    ("canary-2020-03-03", "csdl/graph_canary.2020-03-03.csdl"),
    ("v1.0-current", "csdl/v1.0-Prod.current.csdl"),
    ("v1.0-2021-07-13", "csdl/v1.0_metadata.2021-07.xml"),
];

/// Sources with names only (no CSDL to compare with).
const NAMES_ONLY: &str = "type-mappings-current";

#[derive(Default)]
struct Tally {
    types: usize,
    properties: usize,
    navigation: usize,
    enums: usize,
    members: usize,
    history: usize,
    not_compared: BTreeMap<String, usize>,
    disagreements: Vec<String>,
}

impl Tally {
    fn differ(&mut self, what: String) {
        self.disagreements.push(what);
    }

    fn skip(&mut self, what: &str) {
        *self.not_compared.entry(what.to_owned()).or_default() += 1;
    }
}

fn kind_name(kind: CsdlKind) -> &'static str {
    match kind {
        CsdlKind::Entity => "entity",
        CsdlKind::Complex => "complex",
    }
}

/// Compares a facts.json type entry (or history snapshot) with the reader's type.
fn compare_type(where_: &str, fact: &Value, ty: &CsdlType, tally: &mut Tally) {
    tally.types += 1;
    let fact = fact.as_object().expect("a type entry is an object");
    for (key, value) in fact {
        match key.as_str() {
            "kind" => {
                if value.as_str() != Some(kind_name(ty.kind)) {
                    tally.differ(format!("{where_}: kind {value}, read {:?}", ty.kind));
                }
            }
            "baseType" => {
                if value.as_str() != ty.base.as_deref() {
                    tally.differ(format!("{where_}: baseType {value}, read {:?}", ty.base));
                }
            }
            "abstract" | "openType" => {
                let read = if key == "abstract" {
                    ty.is_abstract
                } else {
                    ty.open_type
                };
                if value.as_bool() != Some(read) {
                    tally.differ(format!("{where_}: {key} {value}, read {read}"));
                }
            }
            "key" => {
                let key: Vec<&str> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                if key != ty.key {
                    tally.differ(format!("{where_}: key {key:?}, read {:?}", ty.key));
                }
            }
            "propertyOrder" => {
                let order: Vec<&str> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let read: Vec<&str> = ty.properties.iter().map(|p| p.name.as_str()).collect();
                if order != read {
                    tally.differ(format!("{where_}: property order {order:?}, read {read:?}"));
                }
            }
            "properties" | "navigationProperties" => {
                let navigation = key == "navigationProperties";
                let declared = if navigation {
                    &ty.navigation
                } else {
                    &ty.properties
                };
                let listed = value.as_object().expect("properties are an object");
                for (name, p) in listed {
                    let Some(read) = declared.iter().find(|d| d.name == *name) else {
                        tally.differ(format!("{where_}: {key}.{name} not read"));
                        continue;
                    };
                    if navigation {
                        tally.navigation += 1;
                    } else {
                        tally.properties += 1;
                    }
                    for (attr, v) in p.as_object().expect("a property is an object") {
                        match attr.as_str() {
                            "type" => {
                                if v.as_str() != Some(read.csdl_type().as_str()) {
                                    tally.differ(format!(
                                        "{where_}: {name} type {v}, read {}",
                                        read.csdl_type()
                                    ));
                                }
                            }
                            "nullable" => {
                                if v.as_bool() != Some(read.nullable) {
                                    tally.differ(format!(
                                        "{where_}: {name} nullable {v}, read {}",
                                        read.nullable
                                    ));
                                }
                            }
                            other => tally.skip(&format!("property {other}")),
                        }
                    }
                }
                for extra in declared.iter().filter(|d| !listed.contains_key(&d.name)) {
                    tally.differ(format!("{where_}: read {key} {}, not in facts", extra.name));
                }
            }
            "source" => {}
            other => tally.skip(&format!("type {other}")),
        }
    }
    // Declared navigation properties but none listed: facts omit the key then.
    if !fact.contains_key("navigationProperties")
        && !ty.navigation.is_empty()
        && fact.contains_key("properties")
    {
        tally.differ(format!(
            "{where_}: read navigation properties {:?}, facts list none",
            ty.navigation.iter().map(|p| &p.name).collect::<Vec<_>>()
        ));
    }
}

/// Compares a facts.json enum entry (or history snapshot) with the reader's enum.
fn compare_enum(where_: &str, fact: &Value, e: &CsdlEnum, tally: &mut Tally) {
    tally.enums += 1;
    let fact = fact.as_object().expect("an enum entry is an object");
    for (key, value) in fact {
        match key.as_str() {
            "members" => {
                let listed: Vec<&str> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let read: Vec<&str> = e.member_names().collect();
                tally.members += listed.len();
                if listed != read {
                    tally.differ(format!("{where_}: members {listed:?}, read {read:?}"));
                }
            }
            "values" => {
                for (name, v) in value.as_object().expect("values are an object") {
                    if v.as_i64() != e.value_of(name) {
                        tally.differ(format!(
                            "{where_}: {name} = {v}, read {:?}",
                            e.value_of(name)
                        ));
                    }
                }
                if value.as_object().map_or(0, |o| o.len()) != e.members.len() {
                    tally.differ(format!(
                        "{where_}: {} values, read {}",
                        value,
                        e.members.len()
                    ));
                }
            }
            "isFlags" => {
                if value.as_bool() != Some(e.is_flags) {
                    tally.differ(format!("{where_}: isFlags {value}, read {}", e.is_flags));
                }
            }
            "hasUnknownFutureValue" => {
                let read = e.value_of("unknownFutureValue").is_some();
                if value.as_bool() != Some(read) {
                    tally.differ(format!(
                        "{where_}: hasUnknownFutureValue {value}, read {read}"
                    ));
                }
            }
            "source" => {}
            other => tally.skip(&format!("enum {other}")),
        }
    }
}

struct Sources {
    dir: PathBuf,
    read: BTreeMap<String, Csdl>,
}

impl Sources {
    /// The document behind a source id; `None` for a names-only source.
    fn get(&mut self, id: &str) -> Option<&Csdl> {
        if id == NAMES_ONLY {
            return None;
        }
        let file = SOURCES
            .iter()
            .find(|(s, _)| *s == id)
            .unwrap_or_else(|| panic!("facts.json source {id:?} has no file here"))
            .1;
        let dir = &self.dir;
        Some(
            self.read
                .entry(id.to_owned())
                .or_insert_with(|| read(&dir.join(file)).1),
        )
    }
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn facts_json_agrees_with_the_reader() {
    let dir = metadata_dir();
    let facts: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("facts.json")).expect("facts.json is readable"),
    )
    .expect("facts.json is JSON");
    // Each source id names the file it was read from.
    for source in facts["source"].as_array().expect("a source list") {
        let id = source["id"].as_str().unwrap_or_default();
        if let Some((_, file)) = SOURCES.iter().find(|(s, _)| *s == id) {
            let base = Path::new(file).file_name().unwrap().to_string_lossy();
            assert!(
                source["how"].as_str().unwrap_or_default().contains(&*base),
                "facts.json source {id} does not name {base}"
            );
        }
    }
    let mut sources = Sources {
        dir: dir.clone(),
        read: BTreeMap::new(),
    };
    let mut tally = Tally::default();
    let sections = [
        ("types", &facts["types"], &facts["enums"]),
        ("v1.0", &facts["v1.0"]["types"], &facts["v1.0"]["enums"]),
    ];
    for (section, types, enums) in sections {
        for (name, fact) in types.as_object().expect("types are an object") {
            let source = fact["source"]
                .as_str()
                .expect("every entry names its source");
            let where_ = format!("{section} {name} ({source})");
            let Some(csdl) = sources.get(source) else {
                tally.skip("names-only type");
                continue;
            };
            match csdl.find_type(name) {
                Some(ty) if ty.name == *name => compare_type(&where_, fact, ty, &mut tally),
                _ => tally.differ(format!("{where_}: not read")),
            }
        }
        for (name, fact) in enums.as_object().expect("enums are an object") {
            let source = fact["source"]
                .as_str()
                .expect("every entry names its source");
            let where_ = format!("{section} {name} ({source})");
            let Some(csdl) = sources.get(source) else {
                tally.skip("names-only enum");
                continue;
            };
            match csdl.find_enum(name) {
                Some(e) if e.name == *name => compare_enum(&where_, fact, e, &mut tally),
                _ => tally.differ(format!("{where_}: not read")),
            }
        }
    }
    for (name, snapshots) in facts["history"].as_object().expect("history is an object") {
        for (source, fact) in snapshots.as_object().expect("snapshots are an object") {
            let where_ = format!("history {name} ({source})");
            let Some(csdl) = sources.get(source) else {
                tally.skip("names-only history entry");
                continue;
            };
            tally.history += 1;
            if let Some(ty) = csdl.find_type(name).filter(|t| t.name == *name) {
                compare_type(&where_, fact, ty, &mut tally);
            } else if let Some(e) = csdl.find_enum(name).filter(|e| e.name == *name) {
                compare_enum(&where_, fact, e, &mut tally);
            } else {
                tally.differ(format!("{where_}: not read"));
            }
        }
    }
    println!(
        "facts.json: compared {} types ({} properties, {} navigation properties), {} enums ({} members), {} of them history snapshots; {} disagreements",
        tally.types,
        tally.properties,
        tally.navigation,
        tally.enums,
        tally.members,
        tally.history,
        tally.disagreements.len()
    );
    println!(
        "facts.json: not compared (the summary does not hold them): {:?}",
        tally.not_compared
    );
    assert!(
        tally.disagreements.is_empty(),
        "facts.json disagrees with the reader:\n{}",
        tally.disagreements.join("\n")
    );
    assert!(tally.types > 60 && tally.enums > 30, "too little compared");
}

#[test]
fn the_facts_comparison_reports_what_differs() {
    let csdl = parse(&doc(&schema("ns", Some("g"), INHERITANCE)));
    let phone = csdl.find_type("ns.phone").unwrap();
    let fact = serde_json::json!({
        "kind": "complex",
        "baseType": "ns.entity",
        "properties": {"number": {"type": "Edm.Int32", "nullable": false}, "gone": {"type": "Edm.String"}},
        "navigationProperties": {"calls": {"type": "Collection(ns.entity)", "containsTarget": true}},
        "source": "test"
    });
    let mut tally = Tally::default();
    compare_type("phone", &fact, phone, &mut tally);
    let mut found = tally.disagreements.clone();
    found.sort();
    assert_eq!(
        found,
        [
            "phone: baseType \"ns.entity\", read Some(\"ns.device\")",
            "phone: kind \"complex\", read Entity",
            "phone: number nullable false, read true",
            "phone: number type \"Edm.Int32\", read Edm.String",
            "phone: properties.gone not read",
        ]
    );
    assert_eq!(tally.not_compared["property containsTarget"], 1);
    let color = parse(&doc(&schema(
        "ns",
        None,
        "<EnumType Name=\"c\"><Member Name=\"a\"/><Member Name=\"b\"/></EnumType>",
    )));
    let fact = serde_json::json!({"members": ["b", "a"], "values": {"a": 0, "b": 2}, "isFlags": true, "hasUnknownFutureValue": false});
    let mut tally = Tally::default();
    compare_enum("c", &fact, &color.enums[0], &mut tally);
    assert_eq!(tally.disagreements.len(), 3, "{:?}", tally.disagreements);
}

#[test]
#[ignore = "needs MSGRAPH_METADATA_DIR"]
fn v1_type_mappings_name_the_same_properties_and_members() {
    let dir = metadata_dir();
    // type-mappings/ (msgraph-metadata, 2026-08-04) lists, per current v1.0 type, its property
    // and navigation names, and per enum its member names; v1.0-Prod.current.csdl was last
    // changed 2026-08-03, so they describe the same document.
    let csdl = corpus(&dir, "v1.0-Prod.current.csdl");
    let mut disagreements = Vec::new();
    let mut compared = [0usize; 3];
    for (i, (file, kind)) in [
        ("v1.0-entity-types.json", Some(CsdlKind::Entity)),
        ("v1.0-complex-types.json", Some(CsdlKind::Complex)),
        ("v1.0-enum-types.json", None),
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.join("type-mappings").join(file);
        let mappings: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut listed = BTreeSet::new();
        for (namespace, types) in mappings.as_object().unwrap() {
            for (short_name, entry) in types.as_object().unwrap() {
                let name = format!("{namespace}.{short_name}");
                compared[i] += 1;
                let sorted = |v: &Value| -> Vec<String> {
                    let mut names: Vec<String> = v
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|n| n.as_str().map(str::to_owned))
                        .collect();
                    names.sort();
                    names
                };
                let ours = |props: &[msgraph_schema_core::csdl::CsdlProperty]| {
                    let mut names: Vec<String> = props.iter().map(|p| p.name.clone()).collect();
                    names.sort();
                    names
                };
                match kind {
                    Some(kind) => {
                        let Some(ty) = csdl.types.iter().find(|t| t.name == name && t.kind == kind)
                        else {
                            disagreements.push(format!("{file}: {name} not read"));
                            continue;
                        };
                        if sorted(&entry["properties"]) != ours(&ty.properties) {
                            disagreements.push(format!("{file}: {name} properties differ"));
                        }
                        if sorted(&entry["navigationProperties"]) != ours(&ty.navigation) {
                            disagreements.push(format!("{file}: {name} navigation differs"));
                        }
                    }
                    None => {
                        let Some(e) = csdl.enums.iter().find(|e| e.name == name) else {
                            disagreements.push(format!("{file}: {name} not read"));
                            continue;
                        };
                        let mut read: Vec<String> = e.member_names().map(str::to_owned).collect();
                        read.sort();
                        if sorted(entry) != read {
                            disagreements.push(format!("{file}: {name} members differ"));
                        }
                    }
                }
                listed.insert(name);
            }
        }
        let unlisted = match kind {
            Some(kind) => csdl
                .types
                .iter()
                .filter(|t| t.kind == kind && !listed.contains(&t.name))
                .count(),
            None => csdl
                .enums
                .iter()
                .filter(|e| !listed.contains(&e.name))
                .count(),
        };
        if unlisted > 0 {
            disagreements.push(format!("{file}: {unlisted} types read but not listed"));
        }
    }
    println!(
        "type-mappings v1.0: compared {} entity, {} complex, {} enum types; {} disagreements",
        compared[0],
        compared[1],
        compared[2],
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
