//! Synthetic docs trees for the build benchmark's scaling rows: a deterministic tree in the
//! docs layout (`api-reference/v1.0/{resources,api}/*.md`) whose model holds exactly the number
//! of types asked for, written with the project's own words (no sentence of the Graph docs).
//!
//! For `types` = N (a multiple of 10), the model holds:
//! - 8N/10 structured types from resource pages (`# <name> resource type`), each with a
//!   property table of primitives, an enum linked by page, two other types linked by page (one
//!   a collection), a relationships table, a methods table and a JSON example; every fourth
//!   inherits from `entity`, the next from the type before it;
//! - N/10 enums from enum pages (`# <name> enum type`, a `## Members` table);
//! - N/10 operation types from action pages (`# <type>: <action>` with a request-body table of
//!   parameters, one an enum and one a type, both linked);
//! - and N/10 create pages (`# Create <name>`, a request-body table restating some of the
//!   type's properties, one `Required.`), plus a get page (no body table) for every other type,
//!   which add pages but no type.

use std::fmt::Write as _;
use std::path::Path;

/// The words type names are made of.
const WORDS: [&str; 16] = [
    "ledger", "parcel", "beacon", "harbor", "quarry", "summit", "lantern", "meadow", "orchard",
    "signal", "tundra", "voyage", "willow", "canyon", "ember", "falcon",
];
const NOUNS: [&str; 8] = [
    "Entry", "Record", "Profile", "Setting", "Report", "Policy", "Target", "Summary",
];
/// The primitive columns of a resource page, as the type cell writes them.
const PRIMITIVES: [(&str, &str); 8] = [
    ("displayName", "String"),
    ("isEnabled", "Boolean"),
    ("itemCount", "Int32"),
    ("createdDateTime", "DateTimeOffset"),
    ("sizeInBytes", "Int64"),
    ("weight", "Double"),
    ("tags", "String collection"),
    ("lastSeenDateTime", "DateTimeOffset"),
];
const MEMBERS: [&str; 6] = [
    "pending",
    "active",
    "paused",
    "retired",
    "archived",
    "unknownFutureValue",
];

/// What a synthetic tree holds, for checking that the build reads what was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Structured types (resource pages and action pages' parameter types).
    pub structs: usize,
    /// Enum types.
    pub enums: usize,
    /// Pages written.
    pub pages: usize,
    /// Pages with a property, body or member table (resource, enum, create and action pages).
    pub pages_with_tables: usize,
    /// Property rows over all structured types, inherited ones included.
    pub properties: usize,
    /// Operation types (one per action page).
    pub operations: usize,
}

/// A tree of `types` types (structured and enum) under `dir`; `types` must be a multiple of 10
/// and at least 10.
pub(crate) fn write_tree(dir: &Path, types: usize) -> std::io::Result<Shape> {
    assert!(types >= 10 && types % 10 == 0, "a multiple of 10 types");
    let tree = Tree::new(types);
    let version = dir.join("api-reference/v1.0");
    let resources = version.join("resources");
    let api = version.join("api");
    std::fs::create_dir_all(&resources)?;
    std::fs::create_dir_all(&api)?;
    let mut pages = 0;
    let mut with_tables = 0;
    for i in 0..tree.resources {
        std::fs::write(
            resources.join(format!("{}.md", tree.resource(i).to_lowercase())),
            tree.resource_page(i),
        )?;
        pages += 1;
        with_tables += 1;
        if tree.has_create(i) {
            std::fs::write(
                api.join(format!("{}-post.md", tree.resource(i).to_lowercase())),
                tree.create_page(i),
            )?;
            pages += 1;
            with_tables += 1;
        }
        if tree.has_action(i) {
            std::fs::write(
                api.join(format!(
                    "{}-{}.md",
                    tree.resource(i).to_lowercase(),
                    tree.action(i).to_lowercase()
                )),
                tree.action_page(i),
            )?;
            pages += 1;
            with_tables += 1;
        }
        if i % 2 == 0 {
            std::fs::write(
                api.join(format!("{}-get.md", tree.resource(i).to_lowercase())),
                tree.get_page(i),
            )?;
            pages += 1;
        }
    }
    for e in 0..tree.enums {
        std::fs::write(
            resources.join(format!("{}.md", tree.enumeration(e).to_lowercase())),
            tree.enum_page(e),
        )?;
        pages += 1;
        with_tables += 1;
    }
    let actions = (0..tree.resources).filter(|&i| tree.has_action(i)).count();
    let properties = (0..tree.resources)
        .map(|i| tree.all_properties(i))
        .sum::<usize>()
        + (0..tree.resources)
            .filter(|&i| tree.has_action(i))
            .map(|i| tree.parameters(i))
            .sum::<usize>();
    Ok(Shape {
        structs: tree.resources + actions,
        operations: actions,
        enums: tree.enums,
        pages,
        pages_with_tables: with_tables,
        properties,
    })
}

struct Tree {
    resources: usize,
    enums: usize,
}

impl Tree {
    fn new(types: usize) -> Tree {
        Tree {
            resources: types * 8 / 10,
            enums: types / 10,
        }
    }

    /// The name of resource `i`; resource 0 is `entity`, the base of every fourth.
    fn resource(&self, i: usize) -> String {
        if i == 0 {
            return "entity".to_owned();
        }
        format!("{}{}{i}", WORDS[i % 16], NOUNS[(i / 16) % 8])
    }

    fn enumeration(&self, e: usize) -> String {
        format!("{}State{e}", WORDS[(e * 5) % 16])
    }

    fn members(&self, e: usize) -> &'static [&'static str] {
        // 3 to 6 members, the last `unknownFutureValue` when there are 6.
        &MEMBERS[..3 + e % 4]
    }

    fn action(&self, i: usize) -> String {
        format!("reconcile{}", NOUNS[(i / 8) % 8])
    }

    /// One create page and one action page for every eighth type (different ones), so that
    /// each adds N/10 pages.
    fn has_create(&self, i: usize) -> bool {
        i % 8 == 2
    }

    fn has_action(&self, i: usize) -> bool {
        i % 8 == 3
    }

    fn base(&self, i: usize) -> Option<usize> {
        match i % 4 {
            0 if i > 0 => Some(0),
            1 if i > 1 => Some(i - 1),
            _ => None,
        }
    }

    /// How many primitive rows resource `i` has (5 to 8).
    fn primitives(&self, i: usize) -> usize {
        5 + i % 4
    }

    /// Own rows and inherited ones (a name stated by both counts once).
    fn all_properties(&self, i: usize) -> usize {
        let mut names = std::collections::BTreeSet::new();
        let mut at = Some(i);
        while let Some(id) = at {
            names.extend(self.property_names(id));
            at = self.base(id);
        }
        names.len()
    }

    fn property_names(&self, i: usize) -> Vec<String> {
        if i == 0 {
            return vec!["id".to_owned()];
        }
        let mut names: Vec<String> = PRIMITIVES[..self.primitives(i)]
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .collect();
        names.extend(["status", "partner", "members", "items"].map(str::to_owned));
        names
    }

    fn status_enum(&self, i: usize) -> usize {
        i % self.enums
    }

    fn partner(&self, i: usize) -> usize {
        (i * 7 + 3) % self.resources
    }

    fn member(&self, i: usize) -> usize {
        (i * 13 + 5) % self.resources
    }

    fn item(&self, i: usize) -> usize {
        (i * 29 + 11) % self.resources
    }

    fn parameters(&self, i: usize) -> usize {
        3 + i % 2
    }

    fn link(&self, name: &str, from_api: bool) -> String {
        let folder = if from_api { "../resources/" } else { "" };
        format!("[{name}]({folder}{}.md)", name.to_lowercase())
    }

    fn front_matter(out: &mut String, title: &str, kind: &str) {
        let _ = write!(
            out,
            "---\ntitle: \"{title}\"\ndescription: \"A page written by msgraph-schema's build benchmark.\"\nms.localizationpriority: medium\nauthor: \"bench\"\ndoc_type: {kind}\n---\n\n"
        );
    }

    fn resource_page(&self, i: usize) -> String {
        let name = self.resource(i);
        let lower = name.to_lowercase();
        let mut out = String::with_capacity(6_000);
        Self::front_matter(
            &mut out,
            &format!("{name} resource type"),
            "resourcePageType",
        );
        let _ = write!(
            out,
            "# {name} resource type\n\nNamespace: microsoft.graph\n\n\
             A record made up by the build benchmark. Its fields are a mix of primitives, an \
             enum and links to other records, so that building it resolves references across \
             pages the way a real tree does.\n\n"
        );
        if let Some(base) = self.base(i) {
            let _ = writeln!(
                out,
                "Inherits from {}.\n",
                self.link(&self.resource(base), false)
            );
        }
        let _ = write!(
            out,
            "## Methods\n\n| Method | Return type | Description |\n|:---|:---|:---|\n\
             | [Get {name}](../api/{lower}-get.md) | {} | Read the fields of one {name}. |\n\
             | [Update {name}](../api/{lower}-update.md) | {} | Change the fields of one {name}. |\n\
             | [Delete {name}](../api/{lower}-delete.md) | None | Remove one {name}. |\n",
            self.link(&name, false),
            self.link(&name, false),
        );
        if self.has_create(i) {
            let _ = writeln!(
                out,
                "| [Create {name}](../api/{lower}-post.md) | {} | Add a new {name}. |",
                self.link(&name, false)
            );
        }
        if self.has_action(i) {
            let action = self.action(i);
            let _ = writeln!(
                out,
                "| [{action}](../api/{lower}-{}.md) | None | Brings the {name} in line with its target. |",
                action.to_lowercase()
            );
        }
        out.push_str("\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n");
        if i == 0 {
            out.push_str(
                "| id | String | The key of every record derived from this one. Read-only. Nullable: false. |\n",
            );
        } else {
            for (at, (property, ty)) in PRIMITIVES[..self.primitives(i)].iter().enumerate() {
                let remark = match at % 3 {
                    0 => " Read-only.",
                    1 => " Nullable: false.",
                    _ => "",
                };
                let _ = writeln!(
                    out,
                    "| {property} | {ty} | The {property} of this {name}, kept by the service.{remark} |"
                );
            }
            let status = self.enumeration(self.status_enum(i));
            let members = self
                .members(self.status_enum(i))
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "| status | {} | Where the {name} stands. Possible values are: {members}. |",
                self.link(&status, false)
            );
            let _ = writeln!(
                out,
                "| partner | {} | The record this one works with. |",
                self.link(&self.resource(self.partner(i)), false)
            );
            let _ = writeln!(
                out,
                "| members | {} collection | The records grouped under this one. |",
                self.link(&self.resource(self.member(i)), false)
            );
            let _ = write!(
                out,
                "\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n\
                 | items | {} collection | The records this one owns. Read-only. Nullable. |\n",
                self.link(&self.resource(self.item(i)), false)
            );
        }
        let _ = write!(
            out,
            "\n## JSON representation\n\nHere is how a {name} reads in JSON.\n\n\
             <!-- {{\n  \"blockType\": \"resource\",\n  \"optionalProperties\": [],\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\n```json\n{{\n"
        );
        for property in self.property_names(i) {
            let _ = writeln!(out, "  \"{property}\": \"…\",");
        }
        out.push_str("  \"@odata.type\": \"#microsoft.graph.");
        out.push_str(&name);
        out.push_str("\"\n}\n```\n\n## See also\n\n- The benchmark's other records link here.\n");
        out
    }

    fn permissions(out: &mut String) {
        out.push_str(
            "## Permissions\n\nOne of these permissions is needed to call this API.\n\n\
             | Permission type | Permissions (least to most privileged) |\n|:---|:---|\n\
             | Delegated (work or school account) | Bench.Read.All, Bench.ReadWrite.All |\n\
             | Delegated (personal Microsoft account) | Not supported. |\n\
             | Application | Bench.ReadWrite.All |\n\n",
        );
    }

    fn headers(out: &mut String) {
        out.push_str(
            "## Request headers\n\n| Name | Description |\n|:---|:---|\n\
             | Authorization | Bearer {token}. Required. |\n\
             | Content-Type | application/json. Required. |\n\n",
        );
    }

    fn create_page(&self, i: usize) -> String {
        let name = self.resource(i);
        let mut out = String::with_capacity(4_000);
        Self::front_matter(&mut out, &format!("Create {name}"), "apiPageType");
        let _ = write!(
            out,
            "# Create {name}\n\nNamespace: microsoft.graph\n\nAdds a new {} to the collection.\n\n",
            self.link(&name, true)
        );
        Self::permissions(&mut out);
        let _ = write!(
            out,
            "## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\n```http\nPOST /bench/{}s\n```\n\n",
            name.to_lowercase()
        );
        Self::headers(&mut out);
        let _ = write!(
            out,
            "## Request body\n\nIn the request body, supply a JSON representation of the {} object.\n\n\
             | Property | Type | Description |\n|:---|:---|:---|\n",
            self.link(&name, true)
        );
        for (at, (property, ty)) in PRIMITIVES[..3].iter().enumerate() {
            let required = if at == 0 { " Required." } else { " Optional." };
            let _ = writeln!(
                out,
                "| {property} | {ty} | The {property} to start with.{required} |"
            );
        }
        let _ = write!(
            out,
            "\n## Response\n\nIf successful, this method returns a `201 Created` response code and the new object in the body.\n\n\
             ## Example\n\n### Request\n\n```http\nPOST https://graph.microsoft.com/v1.0/bench/{}s\nContent-Type: application/json\n\n{{\n  \"displayName\": \"First\",\n  \"isEnabled\": true\n}}\n```\n\n\
             ### Response\n\n```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{{\n  \"id\": \"1\",\n  \"displayName\": \"First\"\n}}\n```\n",
            name.to_lowercase()
        );
        out
    }

    fn action_page(&self, i: usize) -> String {
        let name = self.resource(i);
        let action = self.action(i);
        let mut out = String::with_capacity(4_000);
        Self::front_matter(&mut out, &format!("{name}: {action}"), "apiPageType");
        let _ = write!(
            out,
            "# {name}: {action}\n\nNamespace: microsoft.graph\n\nBrings a {} in line with the target it names.\n\n",
            self.link(&name, true)
        );
        Self::permissions(&mut out);
        let _ = write!(
            out,
            "## HTTP request\n\n```http\nPOST /bench/{}s/{{id}}/{action}\n```\n\n",
            name.to_lowercase()
        );
        Self::headers(&mut out);
        out.push_str(
            "## Request body\n\nIn the request body, give these parameters.\n\n\
             | Parameter | Type | Description |\n|:---|:---|:---|\n\
             | reason | String | Why the record is brought in line. |\n",
        );
        let _ = writeln!(
            out,
            "| mode | {} | How far to go. |",
            self.link(&self.enumeration((i + 1) % self.enums), true)
        );
        let _ = writeln!(
            out,
            "| target | {} | The record to match. |",
            self.link(&self.resource(self.partner(i)), true)
        );
        if self.parameters(i) == 4 {
            out.push_str("| dryRun | Boolean | Whether to report without changing anything. |\n");
        }
        let _ = write!(
            out,
            "\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n\n\
             ## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/bench/{}s/1/{action}\nContent-Type: application/json\n\n{{\n  \"reason\": \"drift\"\n}}\n```\n",
            name.to_lowercase()
        );
        out
    }

    fn get_page(&self, i: usize) -> String {
        let name = self.resource(i);
        let mut out = String::with_capacity(3_000);
        Self::front_matter(&mut out, &format!("Get {name}"), "apiPageType");
        let _ = write!(
            out,
            "# Get {name}\n\nNamespace: microsoft.graph\n\nReads the fields of one {}.\n\n",
            self.link(&name, true)
        );
        Self::permissions(&mut out);
        let _ = write!(
            out,
            "## HTTP request\n\n```http\nGET /bench/{}s/{{id}}\n```\n\n\
             ## Optional query parameters\n\nThis method supports `$select` to choose fields.\n\n",
            name.to_lowercase()
        );
        Self::headers(&mut out);
        let _ = write!(
            out,
            "## Request body\n\nDo not supply a request body for this method.\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and the object in the body.\n\n\
             ## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/bench/{}s/1\n```\n\n\
             ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\n  \"id\": \"1\",\n  \"displayName\": \"First\",\n  \"isEnabled\": true,\n  \"itemCount\": 3\n}}\n```\n",
            name.to_lowercase()
        );
        out
    }

    fn enum_page(&self, e: usize) -> String {
        let name = self.enumeration(e);
        let mut out = String::with_capacity(1_500);
        Self::front_matter(&mut out, &format!("{name} enum type"), "enumPageType");
        let _ = write!(
            out,
            "# {name} enum type\n\nNamespace: microsoft.graph\n\nThe stages a benchmark record goes through.\n\n\
             ## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n"
        );
        for (value, member) in self.members(e).iter().enumerate() {
            let _ = writeln!(out, "| {member} | {value} | The record is {member}. |");
        }
        out
    }
}
