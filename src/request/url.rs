//! A request URL cut into its segments, each with its byte offset in the URL: the version
//! taken from a full URL (`https://graph.microsoft.com/beta/…`) or a path that starts with one
//! (`/v1.0/me`), the query string dropped, keys and function parameters in parentheses kept
//! with their segment, and OneDrive's path addressing (`root:/a/b.txt:`) kept as one segment.

use crate::lint::url::split_url;

/// A URL's version and segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlParts<'u> {
    /// The host of a full URL (`graph.microsoft.com`) and its byte offset.
    pub host: Option<(&'u str, usize)>,
    /// The version the URL names (`v1.0`, `beta`), if it names one.
    pub version: Option<&'u str>,
    /// The path's segments, in order; empty ones (`//`, a trailing `/`) left out.
    pub segments: Vec<Segment<'u>>,
}

/// One segment of a URL's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'u> {
    /// The whole segment as written (`users('1')`, `root:/a/b.txt:`).
    pub text: &'u str,
    /// Its byte offset in the URL.
    pub at: usize,
    /// The name before any parentheses or path: `users`, `delta`, `{id}`, `$ref`.
    pub name: &'u str,
    /// What the parentheses hold (a key, or a function's parameters), without them; `Some("")`
    /// for `delta()`.
    pub args: Option<&'u str>,
    /// OneDrive's path addressing after the name (`/a/b.txt` of `root:/a/b.txt:`).
    pub path: Option<&'u str>,
}

impl Segment<'_> {
    /// Whether the name is a placeholder: `{id}`, `{user-id | userPrincipalName}`, or a
    /// request file's `{{variable}}`.
    pub fn is_placeholder(&self) -> bool {
        self.name.starts_with('{') && self.name.ends_with('}')
    }
}

/// Cuts `url` into its version and segments.
///
/// ```
/// use msgraph_schema::request::url::split;
///
/// let parts = split("https://graph.microsoft.com/beta/users('a/b')/microsoft.graph.delta()?$top=1");
/// assert_eq!(parts.host, Some(("graph.microsoft.com", 8)));
/// assert_eq!(parts.version, Some("beta"));
/// let names: Vec<&str> = parts.segments.iter().map(|s| s.name).collect();
/// assert_eq!(names, ["users", "microsoft.graph.delta"]);
/// assert_eq!(parts.segments[0].args, Some("'a/b'"));
/// assert_eq!(parts.segments[1].at, 46);
/// let drive = split("/me/drive/root:/docs/a.txt:/content");
/// assert_eq!(drive.segments[2].path, Some("/docs/a.txt"));
/// assert_eq!(drive.segments[3].name, "content");
/// ```
pub fn split(url: &str) -> UrlParts<'_> {
    // A request file's `{{host}}/v1.0/me`: the variable stands for the service's address.
    let start = base_variable_end(url);
    let (version, path) = split_url(&url[start..]);
    let offset = path.as_ptr() as usize - url.as_ptr() as usize;
    let host = url.find("://").map(|at| {
        let rest = &url[at + 3..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        (&rest[..end], at + 3)
    });
    UrlParts {
        host,
        version,
        segments: segments(path, offset),
    }
}

/// Whether `host` is one of Graph's: `graph.microsoft.com` and its national clouds
/// (`graph.microsoft.us`, `dod-graph.microsoft.us`, `graph.microsoft.de`,
/// `microsoftgraph.chinacloudapi.cn`), a port allowed.
pub fn is_graph_host(host: &str) -> bool {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    [
        "graph.microsoft.com",
        "graph.microsoft.us",
        "graph.microsoft.de",
    ]
    .iter()
    .any(|graph| {
        host == *graph
            || host.ends_with(&format!(".{graph}"))
            || host.ends_with(&format!("-{graph}"))
    }) || host == "microsoftgraph.chinacloudapi.cn"
}

/// Where a leading `{{variable}}` followed by `/` (or nothing) ends; 0 when there is none.
fn base_variable_end(url: &str) -> usize {
    if !url.starts_with("{{") {
        return 0;
    }
    match url.find("}}") {
        Some(close) if url[close + 2..].is_empty() || url[close + 2..].starts_with('/') => {
            close + 2
        }
        _ => 0,
    }
}

/// The segments of `path`, which starts at byte `offset` of the URL.
fn segments(path: &str, offset: usize) -> Vec<Segment<'_>> {
    let raw = raw_segments(path);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (at, text) = raw[i];
        // `root:/a/b.txt:` (or to the end): the segments up to the closing colon are a path.
        let end = match text.find(':').filter(|&c| is_path_colon(text, c)) {
            Some(_) if !text.ends_with(':') || text.len() == 1 => i,
            Some(_) => {
                let close = (i + 1..raw.len())
                    .find(|&k| raw[k].1.ends_with(':'))
                    .unwrap_or(raw.len() - 1);
                close.max(i)
            }
            None => i,
        };
        let last = raw[end];
        let whole = &path[at..last.0 + last.1.len()];
        out.push(segment(whole, offset + at));
        i = end + 1;
    }
    out
}

/// Whether the colon at `at` of `text` starts path addressing: outside quotes and parentheses.
fn is_path_colon(text: &str, at: usize) -> bool {
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in text.char_indices() {
        if i == at {
            return depth == 0 && !quoted;
        }
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// `(offset, text)` of each non-empty segment of `path`, split at the slashes outside quotes
/// and parentheses.
fn raw_segments(path: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0);
    for (i, c) in path.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            '/' if !quoted && depth == 0 => {
                if i > start {
                    out.push((start, &path[start..i]));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if path.len() > start {
        out.push((start, &path[start..]));
    }
    out
}

/// One segment's name, parentheses and path.
fn segment(text: &str, at: usize) -> Segment<'_> {
    let (head, path) = match text.find(':').filter(|&c| is_path_colon(text, c)) {
        Some(colon) => {
            let path = text[colon + 1..]
                .strip_suffix(':')
                .unwrap_or(&text[colon + 1..]);
            (&text[..colon], Some(path))
        }
        None => (text, None),
    };
    let open = head
        .find('(')
        .filter(|&open| open > 0 && head.ends_with(')'));
    let (name, args) = match open {
        Some(open) => (&head[..open], Some(&head[open + 1..head.len() - 1])),
        None => (head, None),
    };
    Segment {
        text,
        at,
        name,
        args,
        path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'u>(parts: &UrlParts<'u>) -> Vec<&'u str> {
        parts.segments.iter().map(|s| s.name).collect()
    }

    #[test]
    fn versions_queries_keys_and_placeholders() {
        let parts = split("/users/{id | userPrincipalName}/sendMail/");
        assert_eq!(parts.version, None);
        assert_eq!(
            names(&parts),
            ["users", "{id | userPrincipalName}", "sendMail"]
        );
        assert!(parts.segments[1].is_placeholder());
        assert_eq!(parts.segments[2].at, 32);
        let parts = split("users/123/messages?$filter=a/b eq 1");
        assert_eq!(names(&parts), ["users", "123", "messages"]);
        assert_eq!(parts.segments[0].at, 0);
        let parts = split("{{baseUrl}}/v1.0/users/{{userId}}");
        assert_eq!(parts.version, Some("v1.0"));
        assert_eq!(names(&parts), ["users", "{{userId}}"]);
        assert_eq!(parts.segments[1].at, 23);
        let parts = split("/me/calendar/getSchedule(start='2020-01-01T10:00:00',end='x/y')");
        assert_eq!(names(&parts), ["me", "calendar", "getSchedule"]);
        assert_eq!(
            parts.segments[2].args,
            Some("start='2020-01-01T10:00:00',end='x/y'")
        );
        assert_eq!(parts.segments[2].path, None);
        let parts = split("/users(id='it''s')/x");
        assert_eq!(parts.segments[0].args, Some("id='it''s'"));
        assert_eq!(names(&split("/")), Vec::<&str>::new());
    }

    #[test]
    fn drive_paths_are_one_segment() {
        let parts = split("/drives/{id}/items/{parent-id}:/{filename}:/content");
        assert_eq!(
            names(&parts),
            ["drives", "{id}", "items", "{parent-id}", "content"]
        );
        assert_eq!(parts.segments[3].path, Some("/{filename}"));
        let open = split("/me/drive/root:/a/b");
        assert_eq!(names(&open), ["me", "drive", "root"]);
        assert_eq!(open.segments[2].path, Some("/a/b"));
        assert_eq!(open.segments[2].text, "root:/a/b");
        let inline = split("/me/drive/root:/a.txt:");
        assert_eq!(inline.segments[2].path, Some("/a.txt"));
    }
}
