//! Builds a whole docs tree: every page under `**/api-reference/<version>/{api,resources}/*.md`
//! into one [`Model`] per tree and version, resolving type references across pages.
//!
//! Each page is read leniently ([`scan_page`]); a row the build cannot express (an Edm type the
//! model does not support yet, `** Unknown Type … **`, the non-Edm `DateTime`, a malformed cell,
//! a reference to a type no page declares) is a located [`Skip`] and the rest of the page still
//! builds. References are resolved by link destination first (`[x](../resources/x.md)`,
//! reference-style `[x][]`), then by name (`x`, `microsoft.graph.x`), never by guessing.
//!
//! The project's own pages are built by the same reader and merge with [`Strictness::Strict`]
//! ([`parse_page`], for the build step): there every skip, and everything the lenient build
//! reads by a guess (an informal or miscased Edm name, a type inside a longer cell, a name in
//! another case, two rows that state a property differently), is a located [`Diagnostic`],
//! and `Possible values are:` must agree with the enum's members.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::csdl::Csdl;
use crate::enrich::{Enriched, enrich, enum_of};
use crate::model::{
    EnumType, FromMetadata, Marks, Model, OperationKind, OperationOf, Primitive, Property, Source,
    StructuredType, Text, TypeRef, UNKNOWN_FUTURE_VALUE, short_name,
};
use crate::page::{
    Diagnostic, PageKind, PageScan, PropertyRow, Strictness, clip, is_identifier, read_page,
    scan_page,
};

/// The Edm primitive type names (CSDL §4.4), for telling "not supported yet" from "unknown".
const EDM_PRIMITIVES: [&str; 33] = [
    "Binary",
    "Boolean",
    "Byte",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Duration",
    "Guid",
    "Int16",
    "Int32",
    "Int64",
    "SByte",
    "Single",
    "Stream",
    "String",
    "TimeOfDay",
    "Geography",
    "GeographyPoint",
    "GeographyLineString",
    "GeographyPolygon",
    "GeographyMultiPoint",
    "GeographyMultiLineString",
    "GeographyMultiPolygon",
    "GeographyCollection",
    "Geometry",
    "GeometryPoint",
    "GeometryLineString",
    "GeometryPolygon",
    "GeometryMultiPoint",
    "GeometryMultiLineString",
    "GeometryMultiPolygon",
    "GeometryCollection",
];

/// Type names the docs write for Edm types, with the Edm type that accepts what they mean:
/// `int`/`integer` a 32-bit integer (`Edm.Int32`), `bool` a Boolean, and `number`, `numeric`
/// and `float` any JSON number (`Edm.Double`, which accepts integers too).
const INFORMAL_PRIMITIVES: [(&str, Primitive); 7] = [
    ("int", Primitive::Int32),
    ("integer", Primitive::Int32),
    ("bool", Primitive::Boolean),
    ("number", Primitive::Double),
    ("numeric", Primitive::Double),
    ("float", Primitive::Double),
    ("double", Primitive::Double),
];

/// Why a row or page was skipped, for counting; the [`Skip::reason`] says the details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipKind {
    /// An Edm primitive that [`Primitive::from_name`] does not know yet (`Int32`, `Guid`, …).
    UnsupportedEdmType,
    /// The non-Edm `DateTime` spelling.
    NonEdmDateTime,
    /// `** Unknown Type … **` or `Enumeration` without a name.
    UnknownType,
    /// A type name or link no page of the tree declares.
    UnresolvedReference,
    /// A cell the parser cannot read (name, value, type text).
    MalformedRow,
    /// A page with a table that yields no type.
    Page,
}

impl SkipKind {
    /// A short label: `unsupported Edm type`, `unresolved reference`, ….
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::UnsupportedEdmType => "unsupported Edm type",
            SkipKind::NonEdmDateTime => "non-Edm DateTime",
            SkipKind::UnknownType => "unknown type",
            SkipKind::UnresolvedReference => "unresolved reference",
            SkipKind::MalformedRow => "malformed row",
            SkipKind::Page => "page not built",
        }
    }
}

/// A skipped row or page, located at `file:line`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The page, relative to the folder given to [`build_dir`].
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// What could not be built and why.
    pub reason: String,
    /// The kind of reason, for counting.
    pub kind: SkipKind,
}

/// A property that two pages of one type state differently (type or collection): the row
/// kept and the other, each located. The better-specified row is kept: a resource page's row
/// before a request body's, then an enum or structured type before a primitive, then another
/// primitive before `String`; on a tie, the type's main page, then path order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The type's qualified name.
    pub ty: String,
    /// The property's name.
    pub property: String,
    /// The row kept.
    pub kept: Statement,
    /// The row set aside.
    pub other: Statement,
}

/// One page's statement of a property's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The page.
    pub file: String,
    /// 1-based line of the row.
    pub line: u32,
    /// The type as CSDL writes it: `Collection(Edm.String)`, `microsoft.graph.runState`.
    pub ty: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` of `{}` is {} here and {} at {}:{}; kept {}",
            self.kept.file,
            self.kept.line,
            self.property,
            self.ty,
            self.kept.ty,
            self.other.ty,
            self.other.file,
            self.other.line,
            self.kept.ty
        )
    }
}

/// The model of one tree and version, e.g. `archive-2021` + `beta`.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionModel {
    /// The folder holding `api-reference/` (`.` for the top level).
    pub tree: String,
    /// The folder(s) between `api-reference/` and `api|resources/` (`beta`, `v1.0`, …).
    pub version: String,
    /// Every type built from that tree and version.
    pub model: Model,
}

/// The result of building a docs tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeBuild {
    /// One model per tree and version, sorted by tree then version.
    pub models: Vec<VersionModel>,
    /// Pages read.
    pub pages: usize,
    /// Pages with a property, relationship, request-body or enum member table.
    pub pages_with_tables: usize,
    /// Pages that yielded their type (resource and enum pages whose type was built;
    /// create/update pages whose type is in the model).
    pub pages_built: usize,
    /// Every skipped row and page, in file and line order.
    pub skipped: Vec<Skip>,
    /// Every property that two pages state differently, with the row kept.
    pub conflicts: Vec<Conflict>,
    /// The structured type each page states (resource, create, update and operation pages),
    /// by page path: what a page's example bodies are.
    pub page_types: HashMap<String, String>,
    /// The facts taken from metadata ([`build_dir_with`]), over all models.
    pub enriched: Enriched,
}

/// CSDL metadata to enrich a build with ([`crate::enrich`]), and the file it was read from.
#[derive(Clone, Copy, Debug)]
pub struct Metadata<'a> {
    /// The metadata.
    pub csdl: &'a Csdl,
    /// Its file, the [`Source`] of enums added from it.
    pub file: &'a str,
}

impl VersionModel {
    /// The folder of this tree and version under `out`, as `build` lays its outputs out:
    /// `out/<tree>/<version>` (`out/<version>` for the top tree), less `.`, `..` and empty parts.
    pub fn folder(&self, out: &Path) -> PathBuf {
        let mut dir = out.to_path_buf();
        dir.extend(self.parts());
        dir
    }

    /// The folder's parts below `out`: the tree's and the version's, less `.`, `..` and empty
    /// ones (`["archive-2021", "beta"]`).
    pub fn parts(&self) -> Vec<&str> {
        self.tree
            .split('/')
            .chain(self.version.split('/'))
            .filter(|part| !part.is_empty() && *part != "." && *part != "..")
            .collect()
    }
}

impl TreeBuild {
    /// Structured types over all models.
    pub fn types(&self) -> usize {
        self.models.iter().map(|m| m.model.structs.len()).sum()
    }

    /// Enum types over all models.
    pub fn enums(&self) -> usize {
        self.models.iter().map(|m| m.model.enums.len()).sum()
    }

    /// The model of `tree` and `version`.
    pub fn model(&self, tree: &str, version: &str) -> Option<&Model> {
        self.models
            .iter()
            .find(|m| m.tree == tree && m.version == version)
            .map(|m| &m.model)
    }
}

/// Reads every page of the docs folder `dir` and builds it ([`build_pages`]). Paths in the
/// result are relative to `dir`, with `/` separators.
pub fn build_dir(dir: &Path) -> std::io::Result<TreeBuild> {
    build_dir_with(dir, None)
}

/// [`build_dir`], each model enriched with `metadata` when given: an `Enumeration` row becomes
/// the metadata's enum instead of a skip, then [`enrich`] fills in what no page says.
pub fn build_dir_with(dir: &Path, metadata: Option<Metadata<'_>>) -> std::io::Result<TreeBuild> {
    Ok(build_pages_with(&read_pages(dir)?, metadata))
}

/// Every page of the docs folder `dir` in the docs layout (see [`tree_and_version`]), as
/// `(path relative to dir with / separators, text)`, sorted by path.
///
/// `dir` may be a repository root (holding `api-reference/`), its `api-reference` folder, or
/// one version folder (`api-reference/beta`): paths are then taken from the folder above
/// `api-reference`, so that the tree and version read the same whichever is given.
pub fn read_pages(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let files = page_files(dir)?;
    let mut pages = Vec::with_capacity(files.len());
    for (relative, path) in files {
        let bytes = std::fs::read(&path)?;
        pages.push((relative, String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(pages)
}

/// The pages [`read_pages`] reads, not read: `(path relative to the folder above
/// `api-reference`, with / separators, the file)`, sorted by path.
pub fn page_files(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let absolute = std::path::absolute(dir)?;
    let root = absolute
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "api-reference"))
        .and_then(Path::parent)
        .unwrap_or(&absolute)
        .to_path_buf();
    let mut files = Vec::new();
    collect(&root, &absolute, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(root, &path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if tree_and_version(&relative).is_some() {
                out.push((relative, path));
            }
        }
    }
    Ok(())
}

/// `(tree, version)` of a page path `<tree>/api-reference/<version>/{api,resources}/<page>.md`.
pub fn tree_and_version(path: &str) -> Option<(String, String)> {
    let (tree, rest) = match path.rsplit_once("api-reference/") {
        Some((tree, rest)) if tree.is_empty() || tree.ends_with('/') => {
            (tree.trim_end_matches('/'), rest)
        }
        _ => return None,
    };
    let (folder, _) = rest.rsplit_once('/')?;
    let version = folder
        .strip_suffix("/api")
        .or_else(|| folder.strip_suffix("/resources"))?;
    if version.is_empty() || !path.ends_with(".md") {
        return None;
    }
    let tree = if tree.is_empty() { "." } else { tree };
    Some((tree.to_owned(), version.to_owned()))
}

/// Reads one of the project's own pages (`schema/pages/`) strictly into a model holding its
/// structured type and the enums it declares: the page read with [`Strictness::Strict`] and
/// built like a tree of that one page ([`build_pages`]), so one set of rules reads both.
///
/// Every problem is reported, each at its line: what a lenient build would skip, and what it
/// would read by a guess.
///
/// ```
/// let page = "# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
///             |Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n";
/// let model = msgraph_schema_core::tree::parse_page("thing.md", page).unwrap();
/// assert_eq!(model.structs[0].name, "microsoft.graph.thing");
/// assert_eq!(model.structs[0].properties[0].name, "name");
///
/// // A tree build reads `string` as `Edm.String`; a strict page says to write it so.
/// let informal = page.replace("|String|", "|string|");
/// let problems = msgraph_schema_core::tree::parse_page("thing.md", &informal).unwrap_err();
/// assert_eq!(
///     problems[0].to_string(),
///     "thing.md:9: type `string` of `name` is the Edm primitive `Edm.String` spelt another way: \
///      write `String`"
/// );
/// ```
pub fn parse_page(file: &str, text: &str) -> Result<Model, Vec<Diagnostic>> {
    let scans = [(file.to_owned(), read_page(file, text, Strictness::Strict))];
    let mut group = Group::new(&scans, None, Strictness::Strict);
    let model = group.build();
    if group.diagnostics.is_empty() {
        Ok(model)
    } else {
        let mut problems = group.diagnostics;
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Builds pages given as `(path, text)`; paths follow the docs layout (see
/// [`tree_and_version`]), other paths are ignored.
pub fn build_pages(pages: &[(String, String)]) -> TreeBuild {
    build_pages_with(pages, None)
}

/// [`build_pages`], enriched with `metadata` when given (see [`build_dir_with`]).
pub fn build_pages_with(pages: &[(String, String)], metadata: Option<Metadata<'_>>) -> TreeBuild {
    let mut groups: BTreeMap<(String, String), Vec<(String, PageScan)>> = BTreeMap::new();
    let mut build = TreeBuild::default();
    for (path, text) in pages {
        let Some(key) = tree_and_version(path) else {
            continue;
        };
        build.pages += 1;
        groups
            .entry(key)
            .or_default()
            .push((path.clone(), scan_page(path, text)));
    }
    for ((tree, version), scans) in groups {
        let mut group = Group::new(&scans, metadata, Strictness::Lenient);
        let mut model = group.build();
        if let Some(metadata) = metadata {
            build.enriched.add(group.enriched);
            build
                .enriched
                .add(enrich(&mut model, metadata.csdl, metadata.file));
            crate::complete::complete(
                &mut model,
                metadata.csdl,
                metadata.file,
                &mut build.enriched,
            );
        }
        build.pages_with_tables += group.with_tables;
        build.pages_built += group.built;
        build.skipped.append(&mut group.skipped);
        build.conflicts.append(&mut group.conflicts);
        for (index, declaration) in group.declarations.iter().enumerate() {
            for &page in &declaration.pages {
                let path = &scans[page].0;
                if group
                    .by_path
                    .get(&page_key(path))
                    .is_some_and(|d| matches!(d, Declared::Struct(id) if *id == index))
                {
                    build
                        .page_types
                        .insert(path.clone(), declaration.name.clone());
                }
            }
        }
        build.models.push(VersionModel {
            tree,
            version,
            model,
        });
    }
    build
        .skipped
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    build
}

/// What a name or page path resolves to: an index into the group's enums or declarations.
#[derive(Clone, Copy, Debug)]
enum Declared {
    Enum(usize),
    Struct(usize),
}

/// Names declared so far, for hash look-ups: qualified, alias (`graph.x`) and short names as
/// [`crate::model::names_match`] reads them, then the short name in any case (titles and
/// cells capitalise names: `DriveItem` for `microsoft.graph.driveItem`). The first
/// declaration of a name wins.
#[derive(Default)]
struct Names {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl Names {
    fn insert(&mut self, qualified: &str, id: usize) {
        self.exact.entry(qualified.to_owned()).or_insert(id);
        if let Some(alias) = crate::model::alias_form(qualified) {
            self.exact.entry(alias).or_insert(id);
        }
        let short = crate::model::short_name(qualified);
        self.exact.entry(short.to_owned()).or_insert(id);
        self.folded.entry(short.to_ascii_lowercase()).or_insert(id);
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.exact.get(name).copied().or_else(|| {
            let short = crate::model::short_name(name);
            self.folded.get(&short.to_ascii_lowercase()).copied()
        })
    }
}

/// One structured type being built from the pages that state it.
struct Declaration {
    /// Qualified name.
    name: String,
    /// The pages stating it (indexes into the scans), the main page first, then in path order.
    pages: Vec<usize>,
    /// For an operation's parameters: what they belong to.
    operation: Option<OperationOf>,
}

/// A property row with its type resolved, while the rows of several pages are merged.
struct Candidate<'a> {
    row: &'a PropertyRow,
    ty: TypeRef,
    from_metadata: FromMetadata,
    /// The page it comes from.
    page: usize,
    /// From a resource page's tables (not a create, update or operation page's body).
    on_resource_page: bool,
}

impl Candidate<'_> {
    /// How well the row specifies its property, for the merge rule of [`Group::merge_rows`]:
    /// a resource page's row before a request body's, then a named type (enum or structured)
    /// before a primitive, then a primitive other than `String` before `String` (request-body
    /// tables and older pages write enums as `String`).
    fn rank(&self) -> (bool, u8) {
        let specific = match &self.ty {
            TypeRef::Enum(_) | TypeRef::Struct(_) => 2,
            TypeRef::Primitive(Primitive::String) => 0,
            TypeRef::Primitive(_) => 1,
        };
        (self.on_resource_page, specific)
    }

    fn statement(&self, file: &str) -> Statement {
        Statement {
            file: file.to_owned(),
            line: self.row.line,
            ty: type_text(&self.ty, self.row.collection),
        }
    }
}

/// `Collection(Edm.String)`, `microsoft.graph.runState`: a property's type as CSDL writes it.
fn type_text(ty: &TypeRef, collection: bool) -> String {
    if collection {
        format!("Collection({})", ty.csdl_name())
    } else {
        ty.csdl_name().to_owned()
    }
}

/// One tree and version while it is built.
struct Group<'a> {
    scans: &'a [(String, PageScan)],
    enums: Vec<EnumType>,
    enum_names: Names,
    declarations: Vec<Declaration>,
    struct_names: Names,
    /// Normalised page path → what the page declares.
    by_path: HashMap<String, Declared>,
    skipped: Vec<Skip>,
    conflicts: Vec<Conflict>,
    with_tables: usize,
    built: usize,
    metadata: Option<Metadata<'a>>,
    /// `Enumeration` rows typed from the metadata.
    enriched: Enriched,
    /// Lenient: what cannot be built is skipped; strict: it, and every guess, is a diagnostic.
    strictness: Strictness,
    /// A strict build's problems.
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Group<'a> {
    fn new(
        scans: &'a [(String, PageScan)],
        metadata: Option<Metadata<'a>>,
        strictness: Strictness,
    ) -> Group<'a> {
        Group {
            scans,
            enums: Vec::new(),
            enum_names: Names::default(),
            declarations: Vec::new(),
            struct_names: Names::default(),
            by_path: HashMap::new(),
            skipped: Vec::new(),
            conflicts: Vec::new(),
            with_tables: 0,
            built: 0,
            metadata,
            enriched: Enriched::default(),
            strictness,
            diagnostics: Vec::new(),
        }
    }

    fn strict(&self) -> bool {
        self.strictness == Strictness::Strict
    }

    /// A row or page not built: a skip, or in a strict build a diagnostic.
    fn skip(&mut self, file: &str, line: u32, kind: SkipKind, reason: String) {
        if self.strict() {
            self.problem(file, line, reason);
            return;
        }
        self.skipped.push(Skip {
            file: file.to_owned(),
            line,
            reason,
            kind,
        });
    }

    /// A strict build's diagnostic.
    fn problem(&mut self, file: &str, line: u32, message: String) {
        self.diagnostics.push(Diagnostic {
            file: file.to_owned(),
            line,
            message,
        });
    }

    /// A row whose type cell gives no type: skipped with its reason, or in a strict build a
    /// diagnostic saying what to write instead.
    fn reject(&mut self, file: &str, line: u32, unread: &Unread<'_>) {
        if self.strict() {
            self.problem(file, line, unread.advice());
        } else {
            self.skip(file, line, unread.kind(), unread.reason());
        }
    }

    /// `name` among `names`: as written, alias or short name; a lenient build also finds a
    /// short name in another case.
    fn find(&self, names: &Names, name: &str) -> Option<usize> {
        if self.strict() {
            names.exact.get(name).copied()
        } else {
            names.find(name)
        }
    }

    fn build(&mut self) -> Model {
        self.declare_enums();
        self.declare_types();
        self.declare_operations();
        let mut structs: Vec<StructuredType> = (0..self.declarations.len())
            .map(|id| self.build_type(id))
            .collect();
        for (_, scan) in self.scans {
            for problem in &scan.problems {
                if self.strict() {
                    self.diagnostics.push(problem.clone());
                } else {
                    self.skip_diagnostic(problem);
                }
            }
        }
        inherit(&mut structs);
        self.count_pages();
        Model {
            structs,
            enums: std::mem::take(&mut self.enums),
            ..Model::default()
        }
    }

    /// Enums from every page; an enum stated on several pages keeps the union of the members
    /// (the first page's order, then the members other pages add).
    fn declare_enums(&mut self) {
        let scans = self.scans;
        for (path, scan) in scans {
            for declared in &scan.enums {
                match self.find(&self.enum_names, &declared.name) {
                    Some(id) => {
                        let known = &mut self.enums[id];
                        let added: Vec<_> = declared
                            .members
                            .iter()
                            .filter(|m| !known.has_member(&m.name))
                            .cloned()
                            .collect();
                        if !added.is_empty() {
                            known.members.to_mut().extend(added);
                        }
                    }
                    None => {
                        self.enum_names.insert(&declared.name, self.enums.len());
                        self.enums.push(declared.clone());
                    }
                }
            }
            if scan.kind == PageKind::Enum
                && let Some(id) = scan
                    .enums
                    .first()
                    .and_then(|e| self.enum_names.find(&e.name))
            {
                self.by_path.insert(page_key(path), Declared::Enum(id));
            }
        }
    }

    /// Structured types: every resource page states its type, then create and update pages
    /// state theirs (declaring it when no resource page does). One type, however many pages.
    fn declare_types(&mut self) {
        let scans = self.scans;
        for (index, (path, scan)) in scans.iter().enumerate() {
            if scan.kind == PageKind::Resource
                && let Some((name, line)) = &scan.type_name
            {
                let qualified = type_name(&scan.namespace, name);
                if self.strict() && qualified != qualify(&scan.namespace, name) {
                    self.problem(
                        path,
                        *line,
                        format!(
                            "`{name}` is not a Graph type name (they are camelCase): write `# {} resource type`",
                            short_name(&qualified)
                        ),
                    );
                }
                let id = self.declare(&qualified, index, None);
                self.by_path.insert(page_key(path), Declared::Struct(id));
            }
        }
        for (index, (path, scan)) in scans.iter().enumerate() {
            if matches!(scan.kind, PageKind::Create | PageKind::Update)
                && let Some((name, _)) = &scan.type_name
            {
                let id = match self.struct_names.find(name) {
                    Some(id) => {
                        self.declarations[id].pages.push(index);
                        id
                    }
                    None => self.declare(&type_name(&scan.namespace, name), index, None),
                };
                self.by_path
                    .entry(page_key(path))
                    .or_insert(Declared::Struct(id));
            }
        }
        // The main page first: the one named after the type (`resources/user.md`, not
        // `resources/intune-shared-user.md`), else the first resource page.
        for declaration in &mut self.declarations {
            let short = crate::model::short_name(&declaration.name).to_ascii_lowercase();
            let main = declaration
                .pages
                .iter()
                .position(|&p| {
                    let (path, scan) = &scans[p];
                    scan.kind == PageKind::Resource && page_stem(path) == short
                })
                .or_else(|| {
                    declaration
                        .pages
                        .iter()
                        .position(|&p| scans[p].1.kind == PageKind::Resource)
                });
            if let Some(main) = main {
                let page = declaration.pages.remove(main);
                declaration.pages.insert(0, page);
            }
        }
    }

    /// The parameters of each operation page: a type named after the binding type and the
    /// operation (`microsoft.graph.application.addPassword`). A binding no page declares is a
    /// skip of the page.
    fn declare_operations(&mut self) {
        let scans = self.scans;
        for (index, (path, scan)) in scans.iter().enumerate() {
            if scan.kind != PageKind::Operation {
                continue;
            }
            let (Some((operation, line)), Some(binding)) = (&scan.type_name, &scan.binding) else {
                continue;
            };
            let Some(binding_id) = self.struct_names.find(binding) else {
                self.skip(
                    path,
                    *line,
                    SkipKind::UnresolvedReference,
                    format!(
                        "unresolved reference: the operation `{operation}` is bound to `{}`, which no page of this tree and version declares",
                        clip(binding)
                    ),
                );
                continue;
            };
            // `POST /teams/{id}/channels/{id}/members`: a navigation property of the binding,
            // so a create of its type.
            if let Some(target) = self.navigation_target(binding_id, operation) {
                self.declarations[target].pages.push(index);
                self.by_path
                    .insert(page_key(path), Declared::Struct(target));
                continue;
            }
            let binding = self.declarations[binding_id].name.clone();
            let kind = if scan.is_function {
                OperationKind::Function
            } else {
                OperationKind::Action
            };
            let of = OperationOf {
                name: qualify(&scan.namespace, operation).into(),
                binding: binding.clone().into(),
                kind,
                // What it returns is the metadata's to say (`crate::enrich`).
                returns: None,
            };
            let name = format!("{binding}.{operation}");
            // The same operation on a second page (an overload): one type.
            let id = self.declare(&name, index, Some(of));
            self.by_path.insert(page_key(path), Declared::Struct(id));
        }
    }

    /// The structured type of the property `name` of declaration `id`, as a resource page
    /// of it states it (by link or name).
    fn navigation_target(&self, id: usize, name: &str) -> Option<usize> {
        let scans = self.scans;
        self.declarations[id].pages.iter().find_map(|&page| {
            let (path, scan) = &scans[page];
            let row = scan
                .relationships
                .iter()
                .chain(&scan.properties)
                .find(|r| r.name == name)?;
            let found = row
                .links
                .iter()
                .find_map(|(text, dest)| self.resolve_link(path, text, dest))
                .or_else(|| self.resolve_name(type_in_prose(row.type_text.trim_matches('`'))));
            match found {
                Some(Declared::Struct(target)) => Some(target),
                _ => None,
            }
        })
    }

    fn declare(&mut self, name: &str, page: usize, operation: Option<OperationOf>) -> usize {
        if let Some(id) = self.struct_names.exact.get(name).copied() {
            self.declarations[id].pages.push(page);
            return id;
        }
        let id = self.declarations.len();
        self.struct_names.insert(name, id);
        self.declarations.push(Declaration {
            name: name.to_owned(),
            pages: vec![page],
            operation,
        });
        id
    }

    /// One structured type from all the pages that state it.
    fn build_type(&mut self, id: usize) -> StructuredType {
        let scans = self.scans;
        let pages = self.declarations[id].pages.clone();
        let name = self.declarations[id].name.clone();
        let operation = self.declarations[id].operation.clone();
        let (main_path, main) = &scans[pages[0]];
        let base = pages.iter().find_map(|&p| {
            let (path, scan) = &scans[p];
            let written = scan.base.as_deref()?;
            let line = scan.type_name.as_ref().map_or(1, |(_, l)| *l);
            self.resolve_base(path, line, &scan.namespace, written)
        });
        let mut candidates: Vec<Candidate<'a>> = Vec::new();
        for &page in &pages {
            let (path, scan) = &scans[page];
            let on_resource_page = scan.kind == PageKind::Resource;
            let rows: Vec<&'a PropertyRow> = if on_resource_page {
                scan.properties.iter().chain(&scan.relationships).collect()
            } else {
                scan.body.iter().collect()
            };
            for row in rows {
                let resolved = match self.metadata_enum(&name, row) {
                    Some(ty) => {
                        let from_metadata = FromMetadata {
                            ty: true,
                            ..FromMetadata::NONE
                        };
                        Some((ty, from_metadata))
                    }
                    None => self
                        .resolve_row(path, row)
                        .map(|ty| (ty, FromMetadata::NONE)),
                };
                if let Some((ty, from_metadata)) = resolved {
                    if self.strict() {
                        self.check_possible_values(path, row, &ty);
                    }
                    candidates.push(Candidate {
                        row,
                        ty,
                        from_metadata,
                        page,
                        on_resource_page,
                    });
                }
            }
        }
        let is_entity =
            base.as_deref() == Some("microsoft.graph.entity") || name == "microsoft.graph.entity";
        let properties = self.merge_rows(&name, candidates, is_entity);
        self.enriched.types += properties.iter().filter(|p| p.from_metadata.ty).count();
        let line = main.type_name.as_ref().map_or(1, |(_, l)| *l);
        StructuredType {
            name: name.into(),
            base: base.map(Text::from),
            description: main.description.clone().into(),
            properties: properties.into(),
            source: Source {
                file: Cow::Owned(main_path.clone()),
                line,
            },
            is_abstract: false,
            from_metadata: FromMetadata::NONE,
            operation,
        }
    }

    /// The base a page names, resolved: a declared type, else the name qualified in the page's
    /// namespace; a base that is not a name (prose) is a skip.
    fn resolve_base(
        &mut self,
        path: &str,
        line: u32,
        namespace: &str,
        written: &str,
    ) -> Option<String> {
        if !written.split('.').all(is_identifier) {
            self.skip(
                path,
                line,
                SkipKind::MalformedRow,
                format!(
                    "malformed base: `Inherits from` names no type (`{}`)",
                    clip(written)
                ),
            );
            return None;
        }
        Some(match self.find(&self.struct_names, written) {
            Some(id) => self.declarations[id].name.clone(),
            None => qualify(namespace, written),
        })
    }

    /// One property per name from the rows of every page, in the order first stated. Where two
    /// rows state a property differently, the better-specified one wins ([`Candidate::rank`];
    /// on a tie, the earlier page: the main page, then path order) and the difference is a
    /// [`Conflict`] naming both places. A create page's `Required` row makes the property
    /// required in a create body; `Read-only` from any row marks it read-only.
    fn merge_rows(
        &mut self,
        ty: &str,
        candidates: Vec<Candidate<'_>>,
        is_entity: bool,
    ) -> Vec<Property> {
        let scans = self.scans;
        let mut order: Vec<usize> = Vec::new();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (at, candidate) in candidates.iter().enumerate() {
            match by_name.get(candidate.row.name.as_str()) {
                None => {
                    by_name.insert(&candidate.row.name, order.len());
                    order.push(at);
                }
                Some(&slot) => {
                    let kept = &candidates[order[slot]];
                    let differs =
                        kept.ty != candidate.ty || kept.row.collection != candidate.row.collection;
                    if !differs {
                        continue;
                    }
                    if self.strict() {
                        let message = format!(
                            "`{}` is stated twice, as {} at {}:{} and as {} here: state it once",
                            candidate.row.name,
                            type_text(&kept.ty, kept.row.collection),
                            scans[kept.page].0,
                            kept.row.line,
                            type_text(&candidate.ty, candidate.row.collection)
                        );
                        self.problem(&scans[candidate.page].0, candidate.row.line, message);
                        continue;
                    }
                    let (winner, loser) = if candidate.rank() > kept.rank() {
                        order[slot] = at;
                        (candidate, kept)
                    } else {
                        (kept, candidate)
                    };
                    self.conflicts.push(Conflict {
                        ty: ty.to_owned(),
                        property: candidate.row.name.clone(),
                        kept: winner.statement(&scans[winner.page].0),
                        other: loser.statement(&scans[loser.page].0),
                    });
                }
            }
        }
        order
            .into_iter()
            .map(|at| {
                let chosen = &candidates[at];
                let row = chosen.row;
                let mut marks = Marks::NONE;
                for other in candidates.iter().filter(|c| c.row.name == row.name) {
                    let said = crate::page::marks_of(&other.row.description);
                    marks.read_only |= said.read_only;
                    let body_page = matches!(
                        scans[other.page].1.kind,
                        PageKind::Create | PageKind::Operation
                    );
                    marks.required |= said.required && body_page;
                }
                Property {
                    name: row.name.clone().into(),
                    ty: chosen.ty.clone(),
                    collection: row.collection,
                    nullable: row.nullable,
                    key: is_entity && row.name == "id",
                    marks,
                    description: row.description.clone().into(),
                    source: Source {
                        file: Cow::Owned(scans[chosen.page].0.clone()),
                        line: row.line,
                    },
                    from_metadata: chosen.from_metadata,
                }
            })
            .collect()
    }

    /// Counts pages with a table and pages built; a page with a table that yields nothing is a
    /// skip with its reason.
    fn count_pages(&mut self) {
        let scans = self.scans;
        for (path, scan) in scans {
            let has_table = scan.has_property_table || !scan.enums.is_empty();
            if !has_table {
                continue;
            }
            self.with_tables += 1;
            let declared = self.by_path.contains_key(&page_key(path))
                || (matches!(scan.kind, PageKind::Create | PageKind::Update)
                    && scan
                        .type_name
                        .as_ref()
                        .is_some_and(|(n, _)| self.struct_names.find(n).is_some()));
            let built = match scan.kind {
                PageKind::Resource | PageKind::Create | PageKind::Update | PageKind::Operation => {
                    declared
                }
                PageKind::Enum => true,
                PageKind::Other => !scan.enums.is_empty(),
            };
            if built {
                self.built += 1;
                continue;
            }
            if scan.kind == PageKind::Operation || self.strict() {
                // An operation's binding was not found: skipped with that reason already. A
                // strict page's title and tables were reported by its read.
                continue;
            }
            let line = scan.type_name.as_ref().map_or(1, |(_, l)| *l);
            let reason = match &scan.type_name {
                None => "page not built: it has a property table but its title names no type or operation".to_owned(),
                Some((name, _)) => format!(
                    "page not built: its title (`{}`) is neither `# <name> … type`, `# Create|Update <name>` nor `# <type>: <operation>`",
                    clip(name)
                ),
            };
            self.skip(path, line, SkipKind::Page, reason);
        }
    }

    fn skip_diagnostic(&mut self, problem: &Diagnostic) {
        self.skip(
            &problem.file,
            problem.line,
            SkipKind::MalformedRow,
            problem.message.clone(),
        );
    }

    /// A name as written (`x`, `microsoft.graph.x`, `graph.x`).
    fn resolve_name(&self, name: &str) -> Option<Declared> {
        let name = name.trim().trim_matches('`');
        if !name.split('.').all(is_identifier) {
            return None;
        }
        if let Some(id) = self.find(&self.enum_names, name) {
            return Some(Declared::Enum(id));
        }
        self.find(&self.struct_names, name).map(Declared::Struct)
    }

    /// A link destination from the page at `from`.
    fn resolve_link(&self, from: &str, text: &str, destination: &str) -> Option<Declared> {
        if destination.contains("://") {
            return None;
        }
        let (target, anchor) = destination
            .split_once('#')
            .map_or((destination, None), |(t, a)| (t, Some(a)));
        let target = target.split('?').next().unwrap_or("");
        if target.is_empty() {
            // An anchor on the same page: an enum section named by the link text.
            return anchor.and_then(|_| self.resolve_name(text));
        }
        let target = if target.ends_with(".md") {
            Cow::Borrowed(target)
        } else {
            Cow::Owned(format!("{target}.md"))
        };
        let joined = Path::new(from)
            .parent()
            .unwrap_or(Path::new(""))
            .join(target.as_ref());
        let key = normalise(&joined)?;
        match self.by_path.get(&key) {
            // The page declares more than its main type (enum sections): prefer the link text.
            Some(Declared::Struct(main)) => match self.resolve_name(text) {
                Some(Declared::Enum(e)) if anchor.is_some() => Some(Declared::Enum(e)),
                _ => Some(Declared::Struct(*main)),
            },
            Some(found) => Some(*found),
            None => None,
        }
    }

    /// The metadata's enum for an `Enumeration` row of the type `owner`, if the metadata has one.
    fn metadata_enum(&mut self, owner: &str, row: &PropertyRow) -> Option<TypeRef> {
        let metadata = self.metadata?;
        if !row
            .type_text
            .trim()
            .trim_matches('`')
            .eq_ignore_ascii_case("Enumeration")
        {
            return None;
        }
        let ty = metadata.csdl.find_type(owner)?;
        let property = metadata
            .csdl
            .all_properties(ty)
            .into_iter()
            .find(|p| p.name == row.name)?;
        let known = self.enums.len();
        let name = enum_of(
            &mut self.enums,
            metadata.csdl,
            &property.type_name,
            metadata.file,
            &mut self.enriched,
        )?;
        for id in known..self.enums.len() {
            let added = self.enums[id].name.to_string();
            self.enum_names.insert(&added, id);
        }
        Some(TypeRef::Enum(name.into()))
    }

    /// The type of one row, or a skip (in a strict build, a diagnostic).
    fn resolve_row(&mut self, file: &str, row: &PropertyRow) -> Option<TypeRef> {
        match self.type_of(file, row) {
            Ok(ty) => Some(ty),
            Err(unread) => {
                self.reject(file, row.line, &unread);
                None
            }
        }
    }

    /// The type a row's type cell names, or why it names none.
    fn type_of<'r>(&self, file: &str, row: &'r PropertyRow) -> Result<TypeRef, Unread<'r>> {
        let strict = self.strict();
        let name = row.name.as_str();
        let text = row.type_text.trim();
        // A strict page writes the type alone; the docs may say more around it.
        let plain = if strict {
            text.trim_matches('`').trim()
        } else {
            type_in_prose(text.trim_matches('`'))
        };
        if text.contains("Unknown Type") {
            return Err(Unread::UnknownType { name, cell: text });
        }
        if plain.eq_ignore_ascii_case("Enumeration") {
            // The generator's placeholder; the link or the possible values cannot name the enum.
            return Err(Unread::UnnamedEnumeration { name });
        }
        if row.links.is_empty() {
            let short = plain.strip_prefix("Edm.").unwrap_or(plain);
            if let Some(primitive) = Primitive::from_name(short) {
                return Ok(TypeRef::Primitive(primitive));
            }
            if let Some(edm) = EDM_PRIMITIVES
                .iter()
                .find(|p| p.eq_ignore_ascii_case(short))
            {
                return match Primitive::from_name(edm) {
                    Some(primitive) if strict => Err(Unread::Spelling {
                        name,
                        cell: plain,
                        primitive,
                    }),
                    Some(primitive) => Ok(TypeRef::Primitive(primitive)),
                    None => Err(Unread::UnsupportedEdm { name, edm }),
                };
            }
            // The docs' informal spellings of number and Boolean types (`int`, `Integer`,
            // `bool`, workbook pages' `number`): an Edm type accepting every value they allow.
            if let Some((_, primitive)) = INFORMAL_PRIMITIVES
                .iter()
                .find(|(informal, _)| informal.eq_ignore_ascii_case(short))
            {
                return if strict {
                    Err(Unread::Spelling {
                        name,
                        cell: plain,
                        primitive: *primitive,
                    })
                } else {
                    Ok(TypeRef::Primitive(*primitive))
                };
            }
            if short.eq_ignore_ascii_case("DateTime") {
                return Err(Unread::NonEdmDateTime { name });
            }
        }
        let resolved = row
            .links
            .iter()
            .find_map(|(link_text, dest)| self.resolve_link(file, link_text, dest))
            .or_else(|| self.resolve_name(plain));
        match resolved {
            Some(Declared::Enum(id)) => Ok(TypeRef::Enum(self.enums[id].name.clone())),
            Some(Declared::Struct(id)) => {
                Ok(TypeRef::Struct(self.declarations[id].name.clone().into()))
            }
            None if plain.split('.').all(is_identifier) || !row.links.is_empty() => {
                Err(Unread::Unresolved {
                    name,
                    plain,
                    link: row.links.first().map(|(_, d)| d.as_str()),
                })
            }
            None => Err(Unread::Unreadable { name, cell: text }),
        }
    }

    /// In a strict build, `Possible values are:` of a row typed `ty` must list the enum's
    /// members (less `unknownFutureValue`), in order.
    fn check_possible_values(&mut self, file: &str, row: &PropertyRow, ty: &TypeRef) {
        let (TypeRef::Enum(name), Some(listed)) = (ty, &row.possible_values) else {
            return;
        };
        let Some(&id) = self.enum_names.exact.get(name.as_ref()) else {
            return;
        };
        let found = &self.enums[id];
        let declared: Vec<&str> = found
            .members
            .iter()
            .map(|m| m.name.as_ref())
            .filter(|m| *m != UNKNOWN_FUTURE_VALUE)
            .collect();
        let listed: Vec<&str> = listed
            .iter()
            .map(String::as_str)
            .filter(|m| *m != UNKNOWN_FUTURE_VALUE)
            .collect();
        if listed != declared {
            let message = format!(
                "`{}` lists possible values {} but `{}` declares {}",
                row.name,
                listed.join(", "),
                short_name(&found.name),
                declared.join(", ")
            );
            self.problem(file, row.line, message);
        }
    }
}

/// Why a row's type cell gives no type: one rule, worded as a lenient build's skip reason or as
/// a strict page's diagnostic, which says what to write instead.
enum Unread<'r> {
    /// `** Unknown Type … **`.
    UnknownType { name: &'r str, cell: &'r str },
    /// `Enumeration` without the enum's name.
    UnnamedEnumeration { name: &'r str },
    /// An Edm primitive the model does not support yet.
    UnsupportedEdm { name: &'r str, edm: &'static str },
    /// The non-Edm `DateTime`.
    NonEdmDateTime { name: &'r str },
    /// An Edm primitive spelt another way (`string`, `int`): a lenient build reads it as that
    /// primitive, so only a strict build rejects it.
    Spelling {
        name: &'r str,
        cell: &'r str,
        primitive: Primitive,
    },
    /// A name or link that no page declares.
    Unresolved {
        name: &'r str,
        plain: &'r str,
        link: Option<&'r str>,
    },
    /// A cell that is not a type.
    Unreadable { name: &'r str, cell: &'r str },
}

impl Unread<'_> {
    fn kind(&self) -> SkipKind {
        match self {
            Unread::UnknownType { .. } | Unread::UnnamedEnumeration { .. } => SkipKind::UnknownType,
            Unread::UnsupportedEdm { .. } => SkipKind::UnsupportedEdmType,
            Unread::NonEdmDateTime { .. } => SkipKind::NonEdmDateTime,
            Unread::Unresolved { .. } => SkipKind::UnresolvedReference,
            Unread::Spelling { .. } | Unread::Unreadable { .. } => SkipKind::MalformedRow,
        }
    }

    /// A lenient build's skip reason.
    fn reason(&self) -> String {
        match *self {
            Unread::UnknownType { name, cell } => {
                format!("unknown type: `{name}` is typed `{}`", clip(cell))
            }
            Unread::UnnamedEnumeration { name } => {
                format!("unknown type: `{name}` is typed `Enumeration` without the enum's name")
            }
            Unread::UnsupportedEdm { name, edm } => {
                format!("unsupported Edm type {edm} (`{name}`)")
            }
            Unread::NonEdmDateTime { name } => {
                format!("non-Edm type DateTime (`{name}`): Edm has DateTimeOffset and Date")
            }
            Unread::Spelling {
                name,
                cell,
                primitive,
            } => format!(
                "malformed row: `{name}` is typed `{}` for {}",
                clip(cell),
                primitive.edm_name()
            ),
            Unread::Unresolved { name, plain, link } => {
                let link = link
                    .map(|d| format!(" (link `{}`)", clip(d)))
                    .unwrap_or_default();
                format!(
                    "unresolved reference: `{}` of `{name}`{link} names no enum or type declared in this tree and version",
                    clip(plain)
                )
            }
            Unread::Unreadable { name, cell } => format!(
                "malformed row: cannot read the type cell `{}` of `{name}`",
                clip(cell)
            ),
        }
    }

    /// A strict page's diagnostic.
    fn advice(&self) -> String {
        match *self {
            Unread::UnknownType { name, cell } => format!(
                "type `{}` of `{name}` is not a type: write an Edm primitive ({}) or an enum's name",
                clip(cell),
                supported_primitives()
            ),
            Unread::UnnamedEnumeration { name } => format!(
                "`{name}` is typed `Enumeration` without a name: write the enum's name as the type \
                 (e.g. `[runState](#runstate-values)`) and declare it in a `## <name> values` section"
            ),
            Unread::UnsupportedEdm { name, edm } => format!(
                "type `{edm}` of `{name}` is an Edm primitive the model does not support yet (it supports {})",
                supported_primitives()
            ),
            Unread::NonEdmDateTime { name } => format!(
                "type `DateTime` of `{name}` is not an Edm type: write `DateTimeOffset` (or `Date`)"
            ),
            Unread::Spelling {
                name,
                cell,
                primitive,
            } => {
                let edm = primitive.edm_name();
                format!(
                    "type `{}` of `{name}` is the Edm primitive `{edm}` spelt another way: write `{}`",
                    clip(cell),
                    edm.trim_start_matches("Edm.")
                )
            }
            Unread::Unresolved { name, plain, link } => {
                let link = link
                    .map(|d| format!(" (link `{}`)", clip(d)))
                    .unwrap_or_default();
                format!(
                    "type `{}` of `{name}`{link} is neither a supported Edm primitive ({}) nor an enum declared on this page",
                    clip(plain),
                    supported_primitives()
                )
            }
            Unread::Unreadable { name, cell } => format!(
                "cannot read the type cell `{}` of `{name}`: write an Edm primitive or an enum's name, \
                 with ` collection` after it for a collection",
                clip(cell)
            ),
        }
    }
}

/// The Edm primitives the model supports, for messages.
fn supported_primitives() -> String {
    Primitive::ALL.map(|p| p.edm_name()).join(", ")
}

/// The type a cell names when it says more than the type: a remark in parentheses before or
/// after it (`(Optional) String`, `String (identifier)`, `Int32 (1–100)`), a remark after a
/// comma (`string, maximum size 20`) and a word naming the kind (`alertStatus enum`,
/// `error object`) are dropped. A cell that is still not a name stays as it is, for the caller
/// to skip.
fn type_in_prose(cell: &str) -> &str {
    let mut text = cell.trim().trim_matches('`').trim();
    if let Some(rest) = text.strip_prefix('(').and_then(|r| r.split_once(") ")) {
        text = rest.1.trim();
    }
    for remark in [" (", ", "] {
        if let Some((head, _)) = text.split_once(remark) {
            text = head.trim();
        }
    }
    for kind in [" enum", " object", " type", " resource"] {
        if let Some(head) = text.strip_suffix(kind) {
            text = head.trim();
        }
    }
    if text.split('.').all(is_identifier) {
        text
    } else {
        cell
    }
}

/// Adds each type's inherited properties (base first), for bases the model holds: each type's
/// full list is computed once, after its base's.
fn inherit(structs: &mut [StructuredType]) {
    let positions: HashMap<String, usize> = structs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.to_string(), i))
        .collect();
    let bases: Vec<Option<usize>> = structs
        .iter()
        .map(|s| s.base.as_deref().and_then(|b| positions.get(b).copied()))
        .collect();
    // 0: not done, 1: under way (a cycle stops here), 2: done.
    let mut state = vec![0u8; structs.len()];
    for start in 0..structs.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at.filter(|&id| state[id] == 0) {
            state[id] = 1;
            path.push(id);
            at = bases[id];
        }
        // Finish from the nearest base down, so a base's own list is complete first.
        for &id in path.iter().rev() {
            if let Some(base) = bases[id].filter(|&b| state[b] == 2) {
                let own: HashSet<&str> = structs[id]
                    .properties
                    .iter()
                    .map(|p| p.name.as_ref())
                    .collect();
                let inherited: Vec<Property> = structs[base]
                    .properties
                    .iter()
                    .filter(|p| !own.contains(p.name.as_ref()))
                    .cloned()
                    .collect();
                if !inherited.is_empty() {
                    let mut all = inherited;
                    all.extend(structs[id].properties.iter().cloned());
                    structs[id].properties = all.into();
                }
            }
            state[id] = 2;
        }
    }
}

/// The file name of a page path without `.md`, lower-case.
fn page_stem(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md")
        .unwrap_or(file)
        .to_ascii_lowercase()
}

/// The look-up key of a page path (normalised, lower-case).
fn page_key(path: &str) -> String {
    normalise(Path::new(path)).unwrap_or_else(|| path.to_ascii_lowercase())
}

/// `a/b/../c.md` → `a/c.md`; `None` when it climbs above the root.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().to_ascii_lowercase()),
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => {}
        }
    }
    Some(parts.join("/"))
}

/// The qualified name of a type a title names. Graph's type names are camelCase, and a few
/// titles capitalise them (`# DriveItem resource type` for `microsoft.graph.driveItem`).
fn type_name(namespace: &str, name: &str) -> String {
    let qualified = qualify(namespace, name);
    match qualified.strip_prefix("microsoft.graph.") {
        Some(short) if short.starts_with(|c: char| c.is_ascii_uppercase()) => {
            let mut chars = short.chars();
            let first = chars.next().map(|c| c.to_ascii_lowercase());
            format!(
                "microsoft.graph.{}{}",
                first.into_iter().collect::<String>(),
                chars.as_str()
            )
        }
        _ => qualified,
    }
}

fn qualify(namespace: &str, name: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}
