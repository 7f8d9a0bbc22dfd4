//! Reads a Graph doc page into what it declares: its type's name, namespace and base, its
//! property tables, its enum tables and its marks, each row at its line ([`read_page`]). One
//! reader serves both kinds of page, with a [`Strictness`] setting:
//!
//! - [`Strictness::Lenient`] for the real docs ([`scan_page`], the tree build of `crate::tree`):
//!   any of their title forms, other column names and orders, remarks after a name, the docs'
//!   conventions for pages whose title says little; a row it cannot read is a located
//!   [`Diagnostic`] and the rest of the page still counts.
//! - [`Strictness::Strict`] for the project's own pages (`schema/pages/`, read by
//!   [`crate::tree::parse_page`] for the build step): the page format exactly, and everything
//!   the lenient reading would skip or guess is a located [`Diagnostic`].
//!
//! The page format, as a strict read requires it:
//! - `# <name> resource type` names the type; `Namespace: microsoft.graph` its namespace;
//!   `Inherits from [entity](…)` its base type.
//! - `## Properties` is followed by a table whose header names the columns `Property`, `Type`
//!   and `Description` (in any order). A type cell is an Edm primitive (`String`,
//!   `DateTimeOffset`, with or without `Edm.`), a type name or link (`[runState](#…)`), either
//!   followed by ` collection` (or written `Collection(…)`).
//! - A description may say `Nullable: false.` (CSDL's default, when absent, is nullable) and
//!   `Possible values are: `a`, `b`.`; the latter must agree with the enum's members.
//! - `## <name> values` is followed by an enum table `Member | Value | Description`.
//! - An `id` property of a type based on `microsoft.graph.entity` is the entity key.
//!
//! Types are resolved across the pages of a tree, and for a strict page across its own
//! sections, by `crate::tree`.

use std::borrow::Cow;
use std::fmt;

use crate::markdown::{Block, Cell, Row, blocks};
use crate::model::{EnumMember, EnumType, GRAPH_NAMESPACE, Marks, Source, short_name};

/// A problem on a page, located at `file:line`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The page, as given to the reader.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// How a page is read. The rules are the same; what the real docs need tolerated is either read
/// as they mean it (lenient) or reported (strict).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// The real docs: any of their title forms and column names, a remark after a name, the
    /// type named inside a longer cell, informal spellings of Edm types, the docs' conventions
    /// for pages whose title says little; what cannot be read is skipped with its reason.
    Lenient,
    /// The project's own pages: `# <name> resource type`, the columns `Property | Type |
    /// Description` and `Member | Value | Description`, Edm and enum names as written, and
    /// `Possible values` that agree with the enum; anything else is a [`Diagnostic`].
    Strict,
}

struct PageReader<'a> {
    file: &'a str,
    strictness: Strictness,
    problems: Vec<Diagnostic>,
}

impl PageReader<'_> {
    fn problem(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(Diagnostic {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn source(&self, line: u32) -> Source {
        Source {
            file: Cow::Owned(self.file.to_owned()),
            line,
        }
    }

    fn strict(&self) -> bool {
        self.strictness == Strictness::Strict
    }

    /// The column headed by the first of `names` found (case-insensitive); in a strict read a
    /// missing column is a problem at the table's header.
    fn column(&mut self, header: &[Cell], rows: &[Row], names: &[&str]) -> Option<usize> {
        let found = find_column(header, names);
        if found.is_none() && self.strict() {
            let line = rows.first().map_or(1, |r| r.line.saturating_sub(2).max(1));
            self.problem(
                line,
                format!(
                    "the table has no `{}` column (columns: {})",
                    names.first().copied().unwrap_or_default(),
                    column_list(header)
                ),
            );
        }
        found
    }
}

/// The column headed by the first of `names` that heads one (case-insensitive, in preference
/// order).
fn find_column(header: &[Cell], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| {
        header
            .iter()
            .position(|c| c.text.trim().eq_ignore_ascii_case(name))
    })
}

fn qualify(namespace: &str, name: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

/// `Nullable: false` or `not nullable` (any case) anywhere in a description.
fn says_not_nullable(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("not nullable") || lower.contains("nullable: false")
}

/// What a description says in words: `Read-only` (any case, e.g. "Read-only." or "This
/// property is read-only"), and `Required` as a sentence of its own ("… Required.", the form
/// of request-body tables; "Required" inside another sentence does not count).
pub fn marks_of(description: &str) -> Marks {
    let lower = description.to_ascii_lowercase();
    let required = description
        .split(['.', ';'])
        .any(|sentence| sentence.trim() == "Required");
    Marks {
        read_only: lower.contains("read-only"),
        required,
    }
}

/// The code spans after `Possible values are:` in a description.
fn possible_values(description: &str) -> Option<Vec<String>> {
    let (_, rest) = description.split_once("Possible values are:")?;
    let list = rest.split_once('.').map_or(rest, |(list, _)| list);
    Some(
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect(),
    )
}

/// An OData identifier (ABNF `odataIdentifier`, ASCII subset): a letter or `_`, then letters,
/// digits or `_`, at most 128 characters.
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 128
}

fn column_list(header: &[Cell]) -> String {
    header
        .iter()
        .map(|c| format!("`{}`", clip(&c.text)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 60 characters of `text`, for messages.
pub(crate) fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(60) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// What kind of page a read found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// `# <name> resource type` (or another `… type` title) with a `## Properties` table.
    Resource,
    /// `# <name> enum type`, or a page whose only tables are enum member tables.
    Enum,
    /// A `# Create <name>` (or `# Add <name>`) page with a `## Request body` table.
    Create,
    /// An `# Update <name>` page with a `## Request body` table.
    Update,
    /// A `# <binding>: <operation>` page (an action or function bound to `binding`) with a
    /// `## Request body` or `## Function parameters` table: the operation's parameters.
    Operation,
    /// Anything else (method pages without a body table, listing pages, …).
    Other,
}

/// One property row of a read, before its type is resolved across pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyRow {
    /// 1-based line of the row.
    pub line: u32,
    /// The property's wire name.
    pub name: String,
    /// The type cell's text without ` collection` / `Collection(…)`.
    pub type_text: String,
    /// Destinations of the links in the type cell, with their text.
    pub links: Vec<(String, String)>,
    /// Whether the cell said ` collection` or `Collection(…)`.
    pub collection: bool,
    /// False when the description says `Nullable: false` or `not nullable`.
    pub nullable: bool,
    /// The code spans after `Possible values are:`, if any.
    pub possible_values: Option<Vec<String>>,
    /// The description cell (empty when the table has none).
    pub description: String,
}

/// A read of one page: everything it declares, and a located problem for every row it could
/// not read (for a strict read, also for everything it would otherwise skip or guess). Nothing
/// is resolved across pages yet (see `crate::tree`).
#[derive(Clone, Debug, PartialEq)]
pub struct PageScan {
    /// What kind of page this is.
    pub kind: PageKind,
    /// The type the page is about (short or qualified name as written) and its line.
    pub type_name: Option<(String, u32)>,
    /// For an [`PageKind::Operation`] page, the binding type's name as the title writes it
    /// (`application` in `# application: addPassword`); [`PageScan::type_name`] is then the
    /// operation's name.
    pub binding: Option<String>,
    /// `Namespace:` (default `microsoft.graph`).
    pub namespace: String,
    /// `Inherits from …`: the base type's name as written.
    pub base: Option<String>,
    /// The first paragraph before any section.
    pub description: String,
    /// Rows of `## Properties` tables.
    pub properties: Vec<PropertyRow>,
    /// Rows of `## Relationships` tables (navigation properties).
    pub relationships: Vec<PropertyRow>,
    /// Rows of `## Request body` tables.
    pub body: Vec<PropertyRow>,
    /// Enums declared by member tables (`## Members`, `### <name> values`).
    pub enums: Vec<EnumType>,
    /// Whether a property, relationship or request-body table was read.
    pub has_property_table: bool,
    /// The parameters table is a function's (`## Function parameters`, `# x function`), not a
    /// request body.
    pub is_function: bool,
    /// The first request of `## HTTP request`: method and path (`POST`,
    /// `/applications/{id}/addPassword`).
    pub request: Option<(String, String)>,
    /// Rows and tables that could not be read.
    pub problems: Vec<Diagnostic>,
}

/// Reads a page leniently ([`read_page`] with [`Strictness::Lenient`]): any of the docs' title
/// forms, other column names and orders (`Name | Type | Description`, `Member | Description`),
/// a located [`Diagnostic`] for each row it cannot read while the rest of the page still
/// counts. Never panics.
pub fn scan_page(file: &str, text: &str) -> PageScan {
    read_page(file, text, Strictness::Lenient)
}

/// Reads a page with the given strictness: the one reader of page structure (title,
/// namespace, base, property tables, enum tables, marks). A strict read reports, in
/// [`PageScan::problems`], everything a lenient read would skip or guess. Never panics.
///
/// ```
/// use msgraph_schema_core::page::{Strictness, read_page};
///
/// let page = "# thing complex type\n\n## Properties\n\n\
///             |Name|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n";
/// let lenient = read_page("thing.md", page, Strictness::Lenient);
/// assert_eq!(lenient.properties[0].name, "name");
/// assert!(lenient.problems.is_empty());
/// let strict = read_page("thing.md", page, Strictness::Strict);
/// assert!(strict.problems.iter().any(|p| p.message.contains("resource type")));
/// assert!(strict.problems.iter().any(|p| p.message.contains("no `Property` column")));
/// ```
pub fn read_page(file: &str, text: &str, strictness: Strictness) -> PageScan {
    let mut reader = PageReader {
        file,
        strictness,
        problems: Vec::new(),
    };
    let mut scan = reader.scan(&blocks(text));
    scan.problems = reader.problems;
    scan
}

#[derive(Clone, PartialEq)]
enum ScanSection {
    Preamble,
    Properties,
    Relationships,
    HttpRequest,
    RequestBody,
    Members(Option<String>, u32),
    Other,
}

/// What a page's title says it is about.
struct Title {
    kind: PageKind,
    /// The type (or, for an operation, the operation) as written.
    name: String,
    /// An operation's binding type as written.
    binding: Option<String>,
    /// `# <name> function`.
    function: bool,
    /// Exactly `# <name> resource type`, the one form of a strict page's title.
    resource_type: bool,
}

/// The words that end a type page's title after the type's name: `# user resource type`,
/// `# approvalStage complex type`, `# audio facet`, `# driveRecipient resource`.
const TYPE_TITLE_ENDINGS: [&[&str]; 7] = [
    &["resource", "type"],
    &["complex", "type"],
    &["entity", "type"],
    &["object", "type"],
    &["type"],
    &["resource"],
    &["facet"],
];

impl Title {
    /// Reads a level-1 heading; a trailing remark in parentheses (`(deprecated)`) is ignored.
    fn read(text: &str) -> Option<Title> {
        let whole = text.trim();
        let text = match whole.rsplit_once(" (") {
            Some((head, remark)) if remark.ends_with(')') => head.trim_end(),
            _ => whole,
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        let is_name = |name: &str| name.split('.').all(is_identifier);
        let title = |kind, name: &str, binding: Option<&str>| Title {
            kind,
            name: name.to_owned(),
            binding: binding.map(str::to_owned),
            function: false,
            resource_type: false,
        };
        match words.as_slice() {
            // `# assign action`, `# getScopesForUser function`: the binding is in the path.
            [.., operation, kind @ ("action" | "function")] if is_identifier(operation) => {
                Some(Title {
                    function: *kind == "function",
                    ..title(PageKind::Operation, operation, None)
                })
            }
            [name, "enum", "type"] if is_name(name) => Some(title(PageKind::Enum, name, None)),
            ["Create" | "Add", name] if is_name(name) => Some(title(PageKind::Create, name, None)),
            ["Update", name] if is_name(name) => Some(title(PageKind::Update, name, None)),
            // `# application: addPassword`: an operation bound to `application`.
            [binding, operation]
                if binding.ends_with(':')
                    && is_name(&binding[..binding.len() - 1])
                    && is_identifier(operation) =>
            {
                let binding = &binding[..binding.len() - 1];
                Some(title(PageKind::Operation, operation, Some(binding)))
            }
            [name, ending @ ..]
                if is_name(name)
                    && TYPE_TITLE_ENDINGS.iter().any(|e| {
                        e.iter()
                            .map(|w| w.to_ascii_lowercase())
                            .eq(ending.iter().map(|w| w.to_ascii_lowercase()))
                    }) =>
            {
                Some(Title {
                    resource_type: ending == ["resource", "type"] && text == whole,
                    ..title(PageKind::Resource, name, None)
                })
            }
            _ => None,
        }
    }
}

/// `("POST", "/users/{id}/sendMail")` from an HTTP request line; `None` for other text.
fn request_line(line: &str) -> Option<(String, String)> {
    let (method, rest) = line.split_once(' ')?;
    let method = method.to_ascii_uppercase();
    if !matches!(method.as_str(), "GET" | "POST" | "PATCH" | "PUT" | "DELETE") {
        return None;
    }
    let path = rest.split_whitespace().next()?;
    let path = path.split('?').next().unwrap_or(path);
    Some((method, path.to_owned()))
}

/// The last segment of a request path as an operation name: `sendMail` of
/// `/users/{id}/sendMail`, `delta` of `/users/delta()`, `getX` of `…/microsoft.graph.getX(a=1)`;
/// `None` for a key, a placeholder or anything that is not a name.
fn operation_segment(path: &str) -> Option<&str> {
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = last.split('(').next().unwrap_or(last);
    let last = last.rsplit('.').next().unwrap_or(last);
    is_identifier(last).then_some(last)
}

/// The binding a page's file name gives, by the docs' naming of API pages
/// (`<resource>-<operation>.md`, Intune's `intune-<area>-<resource>-<operation>.md`): the
/// segment before the operation's (lower-case) name, else the one before the last; a method's
/// word (`post`, `update`, …) between them is passed over.
fn binding_from_file(file: &str, operation: Option<&str>) -> Option<String> {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let segments: Vec<&str> = stem.split('-').collect();
    let at = operation
        .and_then(|op| {
            let op = op.to_ascii_lowercase();
            segments.iter().rposition(|s| *s == op)
        })
        .unwrap_or(segments.len().saturating_sub(1));
    // `channel-post-members.md`: the method's word stands between the binding and the name.
    let binding = segments[..at].iter().rev().find(|s| {
        !matches!(
            **s,
            "post" | "create" | "add" | "update" | "get" | "list" | "delete" | "put"
        )
    })?;
    is_identifier(binding).then(|| (*binding).to_owned())
}

/// `X` in a request-body paragraph `… a JSON representation of the X object.` (or `for the`).
fn body_object(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("JSON representation ")?;
    let rest = rest
        .strip_prefix("of the ")
        .or_else(|| rest.strip_prefix("for the "))?;
    let (name, after) = rest.split_once(' ')?;
    let name = name.trim_matches(|c| c == '[' || c == ']' || c == '`' || c == '*');
    (after.starts_with("object") && name.split('.').all(is_identifier)).then(|| name.to_owned())
}

/// Header names accepted for each column of a property table, in preference order.
const NAME_COLUMNS: [&str; 5] = [
    "Property",
    "Name",
    "Property name",
    "Relationship",
    "Parameter",
];
const MEMBER_COLUMNS: [&str; 3] = ["Member", "Name", "Value"];

impl PageReader<'_> {
    fn scan(&mut self, blocks: &[Block]) -> PageScan {
        let mut scan = PageScan {
            kind: PageKind::Other,
            type_name: None,
            binding: None,
            namespace: GRAPH_NAMESPACE.to_owned(),
            base: None,
            description: String::new(),
            properties: Vec::new(),
            relationships: Vec::new(),
            body: Vec::new(),
            enums: Vec::new(),
            has_property_table: false,
            is_function: false,
            request: None,
            problems: Vec::new(),
        };
        let mut title_kind = PageKind::Other;
        let mut title_line = 1;
        let mut section = ScanSection::Preamble;
        for block in blocks {
            match block {
                Block::Heading {
                    level: 1,
                    text,
                    line,
                } if scan.type_name.is_none() => {
                    match Title::read(text) {
                        Some(title) if !self.strict() || title.resource_type => {
                            title_kind = title.kind;
                            scan.type_name = Some((title.name, *line));
                            scan.binding = title.binding;
                            scan.is_function |= title.function;
                        }
                        _ if self.strict() => {
                            self.problem(*line, "the title must read `# <name> resource type`");
                        }
                        _ => {}
                    }
                    title_line = *line;
                }
                Block::Heading { text, line, .. } => {
                    let text = text.trim();
                    section = if text.eq_ignore_ascii_case("Properties") {
                        ScanSection::Properties
                    } else if text.eq_ignore_ascii_case("Relationships") {
                        ScanSection::Relationships
                    } else if text.eq_ignore_ascii_case("HTTP request") {
                        ScanSection::HttpRequest
                    } else if text.eq_ignore_ascii_case("Request body") {
                        ScanSection::RequestBody
                    } else if text.eq_ignore_ascii_case("Function parameters") {
                        scan.is_function = true;
                        ScanSection::RequestBody
                    } else if text.eq_ignore_ascii_case("Members") {
                        ScanSection::Members(None, *line)
                    } else if let Some(name) = text.strip_suffix(" values") {
                        ScanSection::Members(Some(name.trim().to_owned()), *line)
                    } else {
                        ScanSection::Other
                    };
                }
                Block::Paragraph { text, line } => {
                    if let Some(ns) = text.strip_prefix("Namespace:") {
                        let ns = ns.trim();
                        if !ns.is_empty() && ns.split('.').all(is_identifier) {
                            scan.namespace = ns.to_owned();
                        } else if self.strict() {
                            self.problem(
                                *line,
                                format!(
                                    "`Namespace:` names no namespace (`{}`): write e.g. `Namespace: microsoft.graph`",
                                    clip(ns)
                                ),
                            );
                        }
                    } else if let Some(rest) = text.strip_prefix("Inherits ") {
                        // `Inherits from [entity](…).`, `Inherits from the abstract base type
                        // [entity](…)`: the base is the last word (the tree checks its shape).
                        let rest = rest.trim().trim_end_matches('.');
                        let name = rest.split_whitespace().last().unwrap_or_default();
                        if self.strict()
                            && rest
                                .strip_prefix("from ")
                                .is_none_or(|base| base.split_whitespace().count() != 1)
                        {
                            self.problem(
                                *line,
                                format!(
                                    "cannot read the base type in `Inherits {}`: write `Inherits from <name>.`",
                                    clip(rest)
                                ),
                            );
                        }
                        scan.base = Some(name.trim_matches('`').to_owned());
                    } else if section == ScanSection::Preamble && scan.description.is_empty() {
                        scan.description = text.clone();
                    } else if section == ScanSection::RequestBody
                        && matches!(title_kind, PageKind::Create | PageKind::Update)
                        && let Some(name) = body_object(text)
                    {
                        // The body paragraph names the object; the title may name a navigation
                        // property (`# Add deviceRunStates`).
                        let line = scan.type_name.as_ref().map_or(1, |(_, l)| *l);
                        scan.type_name = Some((name, line));
                    }
                }
                Block::Code { first_line, .. } => {
                    if section == ScanSection::HttpRequest && scan.request.is_none() {
                        scan.request = request_line(first_line);
                    }
                }
                Block::Table { header, rows } => match &section {
                    ScanSection::Properties
                    | ScanSection::Relationships
                    | ScanSection::RequestBody => {
                        let Some(read) = self.property_rows(header, rows) else {
                            continue;
                        };
                        scan.has_property_table = true;
                        match section {
                            ScanSection::Properties => scan.properties.extend(read),
                            ScanSection::Relationships => scan.relationships.extend(read),
                            _ => scan.body.extend(read),
                        }
                    }
                    ScanSection::Members(name, line) => {
                        let name = match name {
                            Some(name) => Some(name.clone()),
                            None if title_kind == PageKind::Enum => {
                                scan.type_name.as_ref().map(|(n, _)| n.clone())
                            }
                            None => None,
                        };
                        let Some(name) = name else {
                            continue;
                        };
                        if !is_identifier(short_name(&name)) {
                            if self.strict() {
                                self.problem(
                                    *line,
                                    format!(
                                        "`{}` is not an enum name: write `## <name> values`",
                                        clip(&name)
                                    ),
                                );
                            }
                            continue;
                        }
                        if let Some(members) = self.member_rows(header, rows) {
                            scan.enums.push(EnumType {
                                name: qualify(&scan.namespace, &name).into(),
                                description: Cow::Borrowed(""),
                                members: members.into(),
                                source: self.source(*line),
                                is_flags: false,
                            });
                        }
                    }
                    _ => {}
                },
            }
        }
        // A strict page is what its title says; the conventions are the docs'.
        if !scan.body.is_empty() && !self.strict() {
            self.body_page_by_convention(&mut scan, &mut title_kind, title_line);
        }
        scan.kind = match title_kind {
            PageKind::Resource if !scan.properties.is_empty() || scan.has_property_table => {
                PageKind::Resource
            }
            PageKind::Create | PageKind::Update | PageKind::Operation if !scan.body.is_empty() => {
                title_kind
            }
            PageKind::Enum if !scan.enums.is_empty() => PageKind::Enum,
            _ => PageKind::Other,
        };
        if self.strict() {
            match &scan.type_name {
                None => self.problem(
                    1,
                    "no `# <name> resource type` title: the page does not name its type",
                ),
                Some((_, line)) if scan.properties.is_empty() => self.problem(
                    *line,
                    "no `## Properties` table with `Property`, `Type` and `Description` columns",
                ),
                Some(_) => {}
            }
        }
        scan
    }

    /// What a page with a body table is about when its title does not say it in one of the
    /// forms [`Title::read`] knows (`# Check member groups`, `# assign action`): the HTTP
    /// request and the file name say it, by the docs' conventions. A `PATCH` or `PUT` to an
    /// item updates the type the file is named after (`educationclass-update.md`); a `POST` or
    /// `GET` whose path ends in a name is that operation, bound to the type the file is named
    /// after; an operation title without a binding takes the file's.
    fn body_page_by_convention(&self, scan: &mut PageScan, kind: &mut PageKind, line: u32) {
        let request = scan.request.as_ref();
        let method = request.map(|(m, _)| m.as_str());
        let operation = request.and_then(|(_, path)| operation_segment(path));
        match *kind {
            PageKind::Operation if scan.binding.is_none() => {
                let name = scan.type_name.as_ref().map(|(n, _)| n.as_str());
                scan.binding = binding_from_file(self.file, name);
            }
            PageKind::Other | PageKind::Resource => match (method, operation) {
                (Some("PATCH" | "PUT"), None) => {
                    if let Some(ty) = binding_from_file(self.file, None) {
                        *kind = PageKind::Update;
                        scan.type_name = Some((ty, line));
                    }
                }
                (Some("POST" | "GET"), Some(operation)) if *kind == PageKind::Other => {
                    let operation = operation.to_owned();
                    if let Some(binding) = binding_from_file(self.file, Some(&operation)) {
                        *kind = PageKind::Operation;
                        scan.is_function |= method == Some("GET");
                        scan.binding = Some(binding);
                        scan.type_name = Some((operation, line));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// The rows of a property-like table; `None` when the header is not one (no name or no
    /// `Type` column; in a strict read, not exactly `Property`, `Type` and `Description`, which
    /// is a problem).
    fn property_rows(&mut self, header: &[Cell], rows: &[Row]) -> Option<Vec<PropertyRow>> {
        let strict = self.strict();
        let name_at = self.column(
            header,
            rows,
            if strict { &["Property"] } else { &NAME_COLUMNS },
        )?;
        let type_at = self.column(header, rows, &["Type"])?;
        let description_at = if strict {
            Some(self.column(header, rows, &["Description"])?)
        } else {
            find_column(header, &["Description"])
        };
        let mut out = Vec::new();
        for row in rows {
            let Some(name_cell) = row.cells.get(name_at) else {
                continue;
            };
            let name = name_cell.text.trim().trim_matches('`').trim();
            // `statusInfo (deprecated)`: a remark after the name.
            let name = match name.split_once(" (") {
                Some((head, _)) if !strict && is_identifier(head.trim()) => head.trim(),
                _ => name,
            }
            .to_owned();
            if !strict && name.is_empty() && row.cells.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            if !is_identifier(&name) {
                self.problem(
                    row.line,
                    format!(
                        "malformed row: `{}` is not a property name (letters, digits, `_`)",
                        clip(&name)
                    ),
                );
                continue;
            }
            let Some(type_cell) = row.cells.get(type_at).filter(|c| !c.text.trim().is_empty())
            else {
                self.problem(
                    row.line,
                    format!("malformed row: `{name}` has no type cell"),
                );
                continue;
            };
            let text = type_cell
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            // `Collection(T)`, `T collection` in any case, inside code spans or not.
            let bare = text.trim_matches('`').trim();
            let head = bare
                .get(..11)
                .filter(|h| h.eq_ignore_ascii_case("collection("));
            let (type_text, collection) = match head.and_then(|_| bare[11..].strip_suffix(')')) {
                Some(inner) => (inner.trim().to_owned(), true),
                None => match bare
                    .len()
                    .checked_sub(11)
                    .and_then(|at| bare.get(at..).map(|tail| (at, tail)))
                    .filter(|(_, tail)| tail.eq_ignore_ascii_case(" collection"))
                {
                    Some((at, _)) => (bare[..at].trim().to_owned(), true),
                    None => (text.clone(), false),
                },
            };
            let description = description_at
                .and_then(|at| row.cells.get(at))
                .map_or(String::new(), |c| c.text.clone());
            let nullable = !says_not_nullable(&description);
            out.push(PropertyRow {
                line: row.line,
                name,
                type_text,
                links: type_cell.links.clone(),
                collection,
                nullable,
                possible_values: possible_values(&description),
                description,
            });
        }
        Some(out)
    }

    /// The members of an enum table: `Member | Value | Description` in any order; in a lenient
    /// read other names for the member column, the value and description optional (the value
    /// then the row's position).
    fn member_rows(&mut self, header: &[Cell], rows: &[Row]) -> Option<Vec<EnumMember>> {
        let strict = self.strict();
        let name_at = self.column(
            header,
            rows,
            if strict { &["Member"] } else { &MEMBER_COLUMNS },
        )?;
        let (value_at, description_at) = if strict {
            let value_at = self.column(header, rows, &["Value"])?;
            (
                Some(value_at),
                Some(self.column(header, rows, &["Description"])?),
            )
        } else {
            let value_at = find_column(header, &["Value", "Intvalue"]).filter(|&at| at != name_at);
            (value_at, find_column(header, &["Description"]))
        };
        let mut members = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            let cell = |at: usize| row.cells.get(at).map_or("", |c| c.text.trim());
            let name = cell(name_at).trim_matches('`');
            if name.is_empty() && !strict {
                continue;
            }
            if !is_identifier(name) {
                self.problem(
                    row.line,
                    format!("malformed row: `{}` is not a member name", clip(name)),
                );
                continue;
            }
            let value = match value_at {
                Some(at) => match cell(at).parse::<i64>() {
                    Ok(value) => value,
                    Err(_) => {
                        self.problem(
                            row.line,
                            format!(
                                "malformed row: member value `{}` is not an integer",
                                clip(cell(at))
                            ),
                        );
                        continue;
                    }
                },
                None => i64::try_from(index).unwrap_or(i64::MAX),
            };
            members.push(EnumMember {
                name: name.to_owned().into(),
                value,
                description: description_at.map_or("", cell).to_owned().into(),
                line: row.line,
            });
        }
        Some(members)
    }
}
