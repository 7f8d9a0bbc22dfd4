//! A page's HTTP examples: the `## HTTP request` section's method and URL templates, and the
//! example requests and responses (fenced blocks under `### Request` / `### Response`
//! headings, with their `<!-- { "blockType": … } -->` annotations), each with its lines.
//!
//! Read line by line, so that every body keeps its page lines and columns; never panics.

/// Everything the lint needs from one page's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageExamples {
    /// `METHOD /path` lines of the `## HTTP request` section.
    pub templates: Vec<RequestLine>,
    /// The link target's name in the `## Response` section (`… a [x](../resources/x.md)
    /// object …`), and whether it says `collection of`.
    pub response_resource: Option<(String, bool)>,
    /// Example requests and responses in page order.
    pub examples: Vec<Example>,
}

/// Whether an example is a request or a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Under a `Request` heading.
    Request,
    /// Under a `Response` heading.
    Response,
}

/// One example request or response.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// Request or response.
    pub part: Part,
    /// 1-based line of the opening fence.
    pub line: u32,
    /// The annotation comment before the block, if any.
    pub annotation: Option<Annotation>,
    /// The request line (`POST https://…`), for a request.
    pub request: Option<RequestLine>,
    /// The JSON body, if the example has one.
    pub body: Option<Body>,
}

/// `METHOD URL` with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestLine {
    /// Upper-case method (`POST`).
    pub method: String,
    /// The URL or path as written.
    pub url: String,
    /// 1-based line.
    pub line: u32,
}

/// A body's text: whole page lines, so a column in it is a column on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The lines, joined with `\n`.
    pub text: String,
    /// 1-based page line of the body's first line.
    pub line: u32,
}

impl Body {
    /// The page line of the body's 1-based line `line` (0 stays 0: unknown).
    pub fn page_line(&self, line: usize) -> u32 {
        match line {
            0 => 0,
            n => self.line + u32::try_from(n - 1).unwrap_or(u32::MAX - self.line),
        }
    }
}

/// What a `<!-- { … } -->` comment says about the block after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotation {
    /// `blockType` (`request`, `response`, `ignored`, …).
    pub block_type: Option<String>,
    /// `@odata.type` without `Collection(…)`.
    pub odata_type: Option<String>,
    /// `isCollection: true`, or `@odata.type` written as `Collection(…)`.
    pub is_collection: bool,
    /// `truncated: true`.
    pub truncated: bool,
}

/// The HTTP methods a request line may start with.
const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/// Reads the examples of `text`.
pub fn extract(text: &str) -> PageExamples {
    let mut reader = Reader::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(marker) = fence_marker(trimmed) {
            let info = trimmed[marker.len()..].trim().to_ascii_lowercase();
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !closes(lines[end].trim(), marker) {
                end += 1;
            }
            reader.fence(&info, line_no, &lines[start..end.min(lines.len())], start);
            i = end + 1;
            continue;
        }
        if trimmed.starts_with("<!--") {
            let mut end = i;
            while end < lines.len() && !lines[end].contains("-->") {
                end += 1;
            }
            let comment = lines[i..=end.min(lines.len() - 1)].join("\n");
            if comment.contains("\"blockType\"") {
                reader.pending = Some(annotation(&comment));
            }
            i = end + 1;
            continue;
        }
        if let Some((level, heading)) = heading(trimmed) {
            reader.heading(level, heading);
        } else if reader.in_response_section && reader.out.response_resource.is_none() {
            reader.out.response_resource = resource_link(line);
        }
        i += 1;
    }
    reader.out
}

#[derive(Default)]
struct Reader {
    out: PageExamples,
    /// In `## HTTP request`.
    in_http_section: bool,
    /// In the level-2 `## Response` section (the prose one, not an example).
    in_response_section: bool,
    /// The example part we are in, with its heading level.
    part: Option<(Part, usize)>,
    /// The last annotation comment, for the next block.
    pending: Option<Annotation>,
    /// The example of this part whose http block had no body, for a json block after it.
    open: Option<usize>,
}

impl Reader {
    fn heading(&mut self, level: usize, text: &str) {
        if level == 1 && text.starts_with('[') {
            // A tab (`# [HTTP](#tab/http)`), not a section.
            return;
        }
        let lower = text.to_ascii_lowercase();
        if level <= 2 {
            self.in_http_section = lower == "http request";
            self.in_response_section = lower == "response";
            self.part = None;
        }
        if self.part.is_some_and(|(_, at)| level <= at) {
            self.part = None;
        }
        if level >= 3 && !lower.contains("header") && !lower.contains("body") {
            if lower.starts_with("request") {
                self.part = Some((Part::Request, level));
            } else if lower.starts_with("response") {
                self.part = Some((Part::Response, level));
            }
        }
        self.pending = None;
        self.open = None;
    }

    /// A fenced block: `content` starts at the 0-based line `first`.
    fn fence(&mut self, info: &str, line: u32, content: &[&str], first: usize) {
        let annotation = self.pending.take();
        if self.in_http_section {
            self.out.templates.extend(
                content
                    .iter()
                    .enumerate()
                    .filter_map(|(k, text)| request_line(text, to_line(first + k))),
            );
            return;
        }
        let Some((part, _)) = self.part else {
            return;
        };
        if !matches!(
            info,
            "" | "http" | "json" | "jsonc" | "javascript" | "js" | "json-response"
        ) {
            return;
        }
        let Some(start) = content.iter().position(|l| !l.trim().is_empty()) else {
            return;
        };
        let looks_json = content[start].trim_start().starts_with(['{', '[']);
        if looks_json {
            let body = Some(body_of(content, start, first));
            if let Some(index) = self.open.take() {
                let example = &mut self.out.examples[index];
                example.body = body;
                if example.annotation.is_none() {
                    example.annotation = annotation;
                }
                return;
            }
            self.out.examples.push(Example {
                part,
                line,
                annotation,
                request: None,
                body,
            });
            return;
        }
        // An http block: the request or status line, headers, a blank line, the body.
        let request = request_line(content[start], to_line(first + start));
        let mut k = start + 1;
        // Blank lines between the request line and its headers (some pages have them).
        let mut next = k;
        while next < content.len() && content[next].trim().is_empty() {
            next += 1;
        }
        if next < content.len() && is_header(content[next]) {
            k = next;
        }
        let mut json = true;
        while k < content.len() && is_header(content[k]) {
            if let Some((name, value)) = content[k].split_once(':')
                && name.trim().eq_ignore_ascii_case("content-type")
            {
                json = value.to_ascii_lowercase().contains("json");
            }
            k += 1;
        }
        // A body of another media type (`text/plain` MIME, binary) is not an example to check.
        let body = content[k..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .filter(|_| json)
            .map(|offset| body_of(content, k + offset, first));
        let has_body = body.is_some();
        self.out.examples.push(Example {
            part,
            line,
            annotation,
            request,
            body,
        });
        self.open = (!has_body).then(|| self.out.examples.len() - 1);
    }
}

fn to_line(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The body from `content[start..]`, trailing blank lines dropped.
fn body_of(content: &[&str], start: usize, first: usize) -> Body {
    let mut end = content.len();
    while end > start && content[end - 1].trim().is_empty() {
        end -= 1;
    }
    Body {
        text: content[start..end].join("\n"),
        line: to_line(first + start),
    }
}

/// `Name: value` (an HTTP header line).
fn is_header(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `GET /x`, `POST https://…` (with an optional `HTTP/1.1`).
fn request_line(text: &str, line: u32) -> Option<RequestLine> {
    let mut words = text.split_whitespace();
    let method = words.next()?;
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(method))?;
    // The rest of the line: templates may hold spaces (`/users/{id | userPrincipalName}`).
    let mut rest: Vec<&str> = words.collect();
    if rest.last().is_some_and(|w| w.starts_with("HTTP/")) {
        rest.pop();
    }
    if rest.is_empty() {
        return None;
    }
    Some(RequestLine {
        method: (*method).to_owned(),
        url: rest.join(" "),
        line,
    })
}

/// The opening fence of a code block: its backticks or tildes.
fn fence_marker(trimmed: &str) -> Option<&str> {
    ["````", "```", "~~~"]
        .into_iter()
        .find(|marker| trimmed.starts_with(marker))
        .map(|marker| {
            let ch = marker.as_bytes()[0] as char;
            let n = trimmed.chars().take_while(|&c| c == ch).count();
            &trimmed[..n]
        })
}

fn closes(trimmed: &str, marker: &str) -> bool {
    let ch = marker.as_bytes()[0] as char;
    trimmed.len() >= marker.len() && trimmed.chars().all(|c| c == ch)
}

/// `## text` → `(2, "text")`.
fn heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = &trimmed[level..];
    (level > 0 && level <= 6 && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

/// The fields of an annotation comment, read by key (the comments are not always strict
/// JSON).
fn annotation(comment: &str) -> Annotation {
    let mut annotation = Annotation {
        block_type: string_field(comment, "blockType"),
        odata_type: string_field(comment, "@odata.type"),
        is_collection: bool_field(comment, "isCollection"),
        truncated: bool_field(comment, "truncated"),
    };
    if let Some(inner) = annotation
        .odata_type
        .as_deref()
        .filter(|t| t.len() > 11 && t[..11].eq_ignore_ascii_case("Collection("))
        .and_then(|t| t[11..].strip_suffix(')'))
    {
        annotation.odata_type = Some(inner.to_owned());
        annotation.is_collection = true;
    }
    annotation
}

/// The text after `"key"` `:` up to the next unescaped quote.
fn string_field(text: &str, key: &str) -> Option<String> {
    let rest = after_key(text, key)?.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].trim().to_owned()).filter(|s| !s.is_empty())
}

fn bool_field(text: &str, key: &str) -> bool {
    after_key(text, key).is_some_and(|rest| rest.starts_with("true"))
}

fn after_key<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let at = text.find(&format!("\"{key}\""))?;
    let rest = text[at + key.len() + 2..].trim_start();
    Some(rest.strip_prefix(':')?.trim_start())
}

/// `[x](../resources/x.md)` in a line of prose: `x`, and whether `collection` precedes it.
fn resource_link(line: &str) -> Option<(String, bool)> {
    let mut from = 0;
    while let Some(open) = line[from..].find('[').map(|i| from + i) {
        let close = line[open..].find("](").map(|i| open + i)?;
        let target_end = line[close..].find(')').map(|i| close + i)?;
        let target = &line[close + 2..target_end];
        if target.contains("resources/") && target.ends_with(".md") {
            let name = line[open + 1..close].trim_matches('`').trim();
            let collection = line[..open].to_ascii_lowercase().contains("collection");
            return Some((name.to_owned(), collection));
        }
        from = target_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Create widget

## HTTP request
<!-- { \"blockType\": \"ignored\" } -->
```http
POST /widgets
POST /me/widgets/{id | name}/parts HTTP/1.1
```

## Response

If successful, this method returns a `201 Created` response code and a [widget](../resources/widget.md) object.

## Example

### Request
<!-- {
  \"blockType\": \"request\",
  \"name\": \"create_widget\"
}-->
```http
POST https://graph.microsoft.com/v1.0/widgets
Content-type: application/json
```
```json
{
  \"name\": \"w\"
}
```

### Response
<!-- { \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"Collection(microsoft.graph.widget)\" } -->
``` http
HTTP/1.1 201 Created
Content-type: application/json

{
  \"value\": [ ... ]
}

```

# [C#](#tab/csharp)
```csharp
var x = 1;
```
";

    #[test]
    fn templates_examples_and_lines() {
        let page = extract(PAGE);
        let templates: Vec<(&str, &str, u32)> = page
            .templates
            .iter()
            .map(|t| (t.method.as_str(), t.url.as_str(), t.line))
            .collect();
        assert_eq!(
            templates,
            [
                ("POST", "/widgets", 6),
                ("POST", "/me/widgets/{id | name}/parts", 7)
            ]
        );
        assert_eq!(page.response_resource, Some(("widget".to_owned(), false)));
        assert_eq!(page.examples.len(), 2);
        let request = &page.examples[0];
        assert_eq!(request.part, Part::Request);
        let line = request.request.as_ref().unwrap();
        assert_eq!((line.method.as_str(), line.line), ("POST", 22));
        assert_eq!(
            request.annotation.as_ref().unwrap().block_type.as_deref(),
            Some("request")
        );
        let body = request.body.as_ref().unwrap();
        assert_eq!(
            (body.line, body.text.as_str()),
            (26, "{\n  \"name\": \"w\"\n}")
        );
        assert_eq!(body.page_line(2), 27);

        let response = &page.examples[1];
        assert_eq!(response.part, Part::Response);
        let annotation = response.annotation.as_ref().unwrap();
        assert_eq!(
            annotation.odata_type.as_deref(),
            Some("microsoft.graph.widget")
        );
        assert!(annotation.is_collection && annotation.truncated);
        let body = response.body.as_ref().unwrap();
        assert_eq!(body.line, 37);
        assert!(body.text.ends_with('}'), "{:?}", body.text);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "```",
            "<!--",
            "### Request\n```http\n",
            "### Response\n```\n{",
            "## Response\n[x](",
            "### Request\n<!-- { \"blockType\": \"@odata.type\" -->\n```http\nPOST\n```",
        ] {
            let _ = extract(text);
        }
        let page = extract("### Request\n```http\nPATCH /x\n{\"a\": 1}\n```\n");
        assert_eq!(page.examples[0].body.as_ref().unwrap().line, 4);
        let mime =
            extract("### Request\n```http\nPOST /x\nContent-type: text/plain\n\nAbc=\n```\n");
        assert_eq!(mime.examples[0].body, None);
        let gap =
            extract("### Request\n```http\nPOST /x\n\nContent-type: application/json\n\n{}\n```\n");
        assert_eq!(gap.examples[0].body.as_ref().unwrap().line, 7);
        let lower = extract(
            "### Response\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"collection(x)\" } -->\n```json\n{}\n```\n",
        );
        let annotation = lower.examples[0].annotation.as_ref().unwrap();
        assert_eq!(annotation.odata_type.as_deref(), Some("x"));
        assert!(annotation.is_collection);
    }
}
