//! Builds a whole docs tree: every page under `**/api-reference/<version>/{api,resources}/*.md`
//! into one [`Model`] per tree and version, resolving type references across pages.
//!
//! Each page is read leniently ([`scan_page`]); a row the build cannot express (an Edm type the
//! model does not support yet, `** Unknown Type … **`, the non-Edm `DateTime`, a malformed cell,
//! a reference to a type no page declares) is a located [`Skip`] and the rest of the page still
//! builds. References are resolved by link destination first (`[x](../resources/x.md)`,
//! reference-style `[x][]`), then by name (`x`, `microsoft.graph.x`), never by guessing.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::csdl::Csdl;
use crate::enrich::{Enriched, enrich, enum_of};
use crate::model::{
    EnumType, FromMetadata, Model, Primitive, Property, Source, StructuredType, Text, TypeRef,
};
use crate::page::{Diagnostic, PageKind, PageScan, PropertyRow, clip, is_identifier, scan_page};

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
pub fn read_pages(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for (relative, path) in files {
        let bytes = std::fs::read(&path)?;
        pages.push((relative, String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(pages)
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
        let mut group = Group::new(&scans, metadata);
        let mut model = group.build();
        if let Some(metadata) = metadata {
            build.enriched.add(group.enriched);
            build
                .enriched
                .add(enrich(&mut model, metadata.csdl, metadata.file));
        }
        build.pages_with_tables += group.with_tables;
        build.pages_built += group.built;
        build.skipped.append(&mut group.skipped);
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

/// What a name or page path resolves to.
#[derive(Clone, Debug)]
enum Declared {
    Enum(String),
    Struct(String),
}

/// One tree and version while it is built.
struct Group<'a> {
    scans: &'a [(String, PageScan)],
    /// Qualified enum name → enum, first declaration wins.
    enums: Vec<EnumType>,
    /// Qualified struct name → index of the page declaring it.
    structs: Vec<(String, usize)>,
    /// Normalised page path → what the page declares.
    by_path: HashMap<String, Declared>,
    skipped: Vec<Skip>,
    with_tables: usize,
    built: usize,
    metadata: Option<Metadata<'a>>,
    /// `Enumeration` rows typed from the metadata.
    enriched: Enriched,
}

impl<'a> Group<'a> {
    fn new(scans: &'a [(String, PageScan)], metadata: Option<Metadata<'a>>) -> Group<'a> {
        Group {
            scans,
            enums: Vec::new(),
            structs: Vec::new(),
            by_path: HashMap::new(),
            skipped: Vec::new(),
            with_tables: 0,
            built: 0,
            metadata,
            enriched: Enriched::default(),
        }
    }

    fn skip(&mut self, file: &str, line: u32, kind: SkipKind, reason: String) {
        self.skipped.push(Skip {
            file: file.to_owned(),
            line,
            reason,
            kind,
        });
    }

    fn build(&mut self) -> Model {
        let scans = self.scans;
        // 1. Declarations: enums from every page, structs from resource pages.
        for (index, (path, scan)) in scans.iter().enumerate() {
            for problem in &scan.problems {
                self.skip_diagnostic(problem);
            }
            for declared in &scan.enums {
                if self.find_enum(&declared.name).is_none() {
                    self.enums.push(declared.clone());
                }
            }
            if scan.kind == PageKind::Enum
                && let Some(first) = scan.enums.first()
            {
                self.by_path
                    .insert(page_key(path), Declared::Enum(first.name.to_string()));
            }
            if scan.kind == PageKind::Resource
                && let Some((name, line)) = &scan.type_name
            {
                let qualified = type_name(&scan.namespace, name);
                if self.structs.iter().any(|(n, _)| *n == qualified) {
                    self.skip(
                        path,
                        *line,
                        SkipKind::Page,
                        format!("`{qualified}` is declared again (first declaration kept)"),
                    );
                } else {
                    self.structs.push((qualified.clone(), index));
                    self.by_path
                        .insert(page_key(path), Declared::Struct(qualified));
                }
            }
        }
        // Create/update pages declare their type when no resource page does.
        for (index, (path, scan)) in scans.iter().enumerate() {
            if matches!(scan.kind, PageKind::Create | PageKind::Update)
                && let Some((name, _)) = &scan.type_name
                && self.find_struct(name).is_none()
            {
                let qualified = type_name(&scan.namespace, name);
                self.structs.push((qualified.clone(), index));
                self.by_path
                    .insert(page_key(path), Declared::Struct(qualified));
            }
        }
        // 2. Types, with every row resolved.
        let mut structs = Vec::new();
        for (name, index) in self.structs.clone() {
            let (path, scan) = &scans[index];
            let rows: Vec<&PropertyRow> = if scan.kind == PageKind::Resource {
                scan.properties.iter().chain(&scan.relationships).collect()
            } else {
                scan.body.iter().collect()
            };
            let base = scan.base.as_deref().map(|b| match self.resolve_name(b) {
                Some(Declared::Struct(q)) => q,
                _ => qualify(&scan.namespace, b),
            });
            let is_entity = base.as_deref() == Some("microsoft.graph.entity");
            let mut properties: Vec<Property> = Vec::new();
            for row in rows {
                if properties.iter().any(|p| p.name == row.name) {
                    continue;
                }
                let from_metadata = FromMetadata {
                    ty: true,
                    ..FromMetadata::NONE
                };
                let resolved = match self.metadata_enum(&name, row) {
                    Some(ty) => {
                        self.enriched.types += 1;
                        Some((ty, from_metadata))
                    }
                    None => self
                        .resolve_row(path, row)
                        .map(|ty| (ty, FromMetadata::NONE)),
                };
                if let Some((ty, from_metadata)) = resolved {
                    properties.push(Property {
                        name: row.name.clone().into(),
                        ty,
                        collection: row.collection,
                        nullable: row.nullable,
                        key: is_entity && row.name == "id",
                        marks: crate::page::marks_of(&row.description),
                        description: row.description.clone().into(),
                        source: Source {
                            file: Cow::Owned(path.clone()),
                            line: row.line,
                        },
                        from_metadata,
                    });
                }
            }
            let line = scan.type_name.as_ref().map_or(1, |(_, l)| *l);
            structs.push(StructuredType {
                name: name.into(),
                base: base.map(Text::from),
                description: scan.description.clone().into(),
                properties: properties.into(),
                source: Source {
                    file: Cow::Owned(path.clone()),
                    line,
                },
                is_abstract: false,
                from_metadata: FromMetadata::NONE,
            });
        }
        // Create/update pages of declared types: their rows are checked too.
        for (path, scan) in scans {
            if matches!(scan.kind, PageKind::Create | PageKind::Update)
                && !self.by_path.contains_key(&page_key(path))
            {
                let owner = scan
                    .type_name
                    .as_ref()
                    .and_then(|(n, _)| self.find_struct(n));
                let owner = owner.map(str::to_owned).unwrap_or_default();
                for row in &scan.body {
                    if self.metadata_enum(&owner, row).is_none() {
                        let _ = self.resolve_row(path, row);
                    }
                }
            }
        }
        // A create page's `Required` rows: properties of its type a create body must include.
        for (_, scan) in scans
            .iter()
            .filter(|(_, scan)| scan.kind == PageKind::Create)
        {
            let owner = scan
                .type_name
                .as_ref()
                .and_then(|(n, _)| self.find_struct(n));
            let Some(ty) = owner.and_then(|owner| structs.iter_mut().find(|t| t.name == owner))
            else {
                continue;
            };
            for row in &scan.body {
                if crate::page::marks_of(&row.description).required
                    && let Some(property) = ty
                        .properties
                        .to_mut()
                        .iter_mut()
                        .find(|p| p.name == row.name)
                {
                    property.marks.required = true;
                }
            }
        }
        inherit(&mut structs);
        // 3. Page figures.
        for (path, scan) in scans {
            let has_table = scan.has_property_table || !scan.enums.is_empty();
            if !has_table {
                continue;
            }
            self.with_tables += 1;
            let built = match scan.kind {
                PageKind::Resource | PageKind::Create | PageKind::Update => {
                    scan.type_name.as_ref().is_some_and(|(name, _)| {
                        let qualified = type_name(&scan.namespace, name);
                        structs
                            .iter()
                            .any(|s| s.name.eq_ignore_ascii_case(&qualified))
                    })
                }
                PageKind::Enum => true,
                PageKind::Other => false,
            };
            if built {
                self.built += 1;
            } else if scan.enums.is_empty() {
                let line = scan.type_name.as_ref().map_or(1, |(_, l)| *l);
                let reason = match &scan.type_name {
                    None => {
                        "the page has a property table but names no type in its title".to_owned()
                    }
                    Some((name, _)) => format!(
                        "the page has a property table but its title (`{name}`) is neither `# <name> … type` nor `# Create|Update <name>`"
                    ),
                };
                self.skip(path, line, SkipKind::Page, reason);
            } else {
                // Pages whose tables are enum members (listing pages, sections) count as built.
                self.built += 1;
            }
        }
        Model {
            structs,
            enums: std::mem::take(&mut self.enums),
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

    fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.enums
            .iter()
            .find(|e| crate::model::names_match(&e.name, name))
            .or_else(|| {
                let short = crate::model::short_name(name);
                self.enums
                    .iter()
                    .find(|e| crate::model::short_name(&e.name).eq_ignore_ascii_case(short))
            })
    }

    fn find_struct(&self, name: &str) -> Option<&str> {
        self.structs
            .iter()
            .find(|(q, _)| crate::model::names_match(q, name))
            .or_else(|| {
                let short = crate::model::short_name(name);
                self.structs
                    .iter()
                    .find(|(q, _)| crate::model::short_name(q).eq_ignore_ascii_case(short))
            })
            .map(|(q, _)| q.as_str())
    }

    /// A name as written (`x`, `microsoft.graph.x`, `graph.x`).
    fn resolve_name(&self, name: &str) -> Option<Declared> {
        let name = name.trim().trim_matches('`');
        if !name.split('.').all(is_identifier) {
            return None;
        }
        if let Some(found) = self.find_enum(name) {
            return Some(Declared::Enum(found.name.to_string()));
        }
        self.find_struct(name)
            .map(|found| Declared::Struct(found.to_owned()))
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
            target.to_owned()
        } else {
            format!("{target}.md")
        };
        let joined = Path::new(from)
            .parent()
            .unwrap_or(Path::new(""))
            .join(target);
        let key = normalise(&joined)?;
        match self.by_path.get(&key) {
            // The page declares more than its main type (enum sections): prefer the link text.
            Some(Declared::Struct(main)) => match self.resolve_name(text) {
                Some(Declared::Enum(e)) if anchor.is_some() => Some(Declared::Enum(e)),
                _ => Some(Declared::Struct(main.clone())),
            },
            Some(found) => Some(found.clone()),
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
        let name = enum_of(
            &mut self.enums,
            metadata.csdl,
            &property.type_name,
            metadata.file,
            &mut self.enriched,
        )?;
        Some(TypeRef::Enum(name.into()))
    }

    /// The type of one row, or a skip.
    fn resolve_row(&mut self, file: &str, row: &PropertyRow) -> Option<TypeRef> {
        let text = row.type_text.trim();
        let plain = text.trim_matches('`');
        if text.contains("Unknown Type") {
            self.skip(
                file,
                row.line,
                SkipKind::UnknownType,
                format!("unknown type: `{}` is typed `{}`", row.name, clip(text)),
            );
            return None;
        }
        if plain.eq_ignore_ascii_case("Enumeration") {
            // The generator's placeholder; the link or the possible values cannot name the enum.
            self.skip(
                file,
                row.line,
                SkipKind::UnknownType,
                format!(
                    "unknown type: `{}` is typed `Enumeration` without the enum's name",
                    row.name
                ),
            );
            return None;
        }
        if row.links.is_empty() {
            let short = plain.strip_prefix("Edm.").unwrap_or(plain);
            if let Some(primitive) = Primitive::from_name(short) {
                return Some(TypeRef::Primitive(primitive));
            }
            if let Some(edm) = EDM_PRIMITIVES
                .iter()
                .find(|p| p.eq_ignore_ascii_case(short))
            {
                if let Some(primitive) = Primitive::from_name(edm) {
                    return Some(TypeRef::Primitive(primitive));
                }
                self.skip(
                    file,
                    row.line,
                    SkipKind::UnsupportedEdmType,
                    format!("unsupported Edm type {edm} (`{}`)", row.name),
                );
                return None;
            }
            if short.eq_ignore_ascii_case("DateTime") {
                self.skip(
                    file,
                    row.line,
                    SkipKind::NonEdmDateTime,
                    format!(
                        "non-Edm type DateTime (`{}`): Edm has DateTimeOffset and Date",
                        row.name
                    ),
                );
                return None;
            }
        }
        let resolved = row
            .links
            .iter()
            .find_map(|(link_text, dest)| self.resolve_link(file, link_text, dest))
            .or_else(|| self.resolve_name(plain));
        match resolved {
            Some(Declared::Enum(name)) => Some(TypeRef::Enum(name.into())),
            Some(Declared::Struct(name)) => Some(TypeRef::Struct(name.into())),
            None => {
                let readable = plain.split('.').all(is_identifier);
                let (kind, reason) = if readable || !row.links.is_empty() {
                    let link = row
                        .links
                        .first()
                        .map(|(_, d)| format!(" (link `{}`)", clip(d)))
                        .unwrap_or_default();
                    (
                        SkipKind::UnresolvedReference,
                        format!(
                            "unresolved reference: `{}` of `{}`{link} names no enum or type declared in this tree and version",
                            clip(plain),
                            row.name
                        ),
                    )
                } else {
                    (
                        SkipKind::MalformedRow,
                        format!(
                            "malformed row: cannot read the type cell `{}` of `{}`",
                            clip(text),
                            row.name
                        ),
                    )
                };
                self.skip(file, row.line, kind, reason);
                None
            }
        }
    }
}

/// Adds each type's inherited properties (base first), for bases the model holds.
fn inherit(structs: &mut [StructuredType]) {
    let snapshot: Vec<StructuredType> = structs.to_vec();
    for ty in structs.iter_mut() {
        let mut inherited: Vec<Property> = Vec::new();
        let mut base = ty.base.clone();
        let mut seen = vec![ty.name.to_string()];
        while let Some(name) = base {
            if seen.iter().any(|s| *s == name) {
                break;
            }
            seen.push(name.to_string());
            let Some(parent) = snapshot.iter().find(|s| s.name == name) else {
                break;
            };
            for property in parent.properties.iter().rev() {
                if !inherited.iter().any(|p| p.name == property.name)
                    && ty.property(&property.name).is_none()
                {
                    inherited.insert(0, property.clone());
                }
            }
            base = parent.base.clone();
        }
        if !inherited.is_empty() {
            inherited.extend(ty.properties.iter().cloned());
            ty.properties = inherited.into();
        }
    }
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
