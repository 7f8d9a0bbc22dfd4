//! The example request's method and URL against the `## HTTP request` section's templates.

use msgraph_schema_core::examples::RequestLine;

use super::{Finding, FindingKind};
use crate::report::with_article;

/// The versions a Graph URL starts with.
const VERSIONS: [&str; 2] = ["v1.0", "beta"];

/// `https://graph.microsoft.com/beta/a/b?x=1` → `(Some("beta"), "/a/b")`: after the host,
/// the first segment is the version whatever it says; a bare path starting with `v1.0` or
/// `beta` loses it too.
pub fn split_url(url: &str) -> (Option<&str>, &str) {
    let (path, hosted) = match url.find("://") {
        Some(at) => {
            let rest = &url[at + 3..];
            (rest.find('/').map_or("/", |slash| &rest[slash..]), true)
        }
        None => (url, false),
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let trimmed = path.trim_start_matches('/');
    if hosted {
        let (version, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
        let rest = &path[path.len() - rest.len() - usize::from(!rest.is_empty())..];
        return (Some(version).filter(|v| !v.is_empty()), rest);
    }
    for version in VERSIONS {
        if let Some(rest) = trimmed.strip_prefix(version)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return (Some(version), rest);
        }
    }
    (None, path)
}

/// Whether `path` fits `template`, segment by segment: literal text matches case-insensitively,
/// `{…}` matches any non-empty text.
pub fn path_matches(template: &str, path: &str) -> bool {
    let segments = |p: &str| -> Vec<String> {
        p.trim_matches('/')
            .split('/')
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let (template, path) = (segments(template), segments(path));
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| {
            // The glob backtracks: a segment with many placeholders is compared as text.
            if t.matches('{').count() > MAX_PLACEHOLDERS {
                t == p
            } else {
                segment_matches(t.as_bytes(), p.as_bytes())
            }
        })
}

/// Placeholders per segment that [`segment_matches`] takes (real templates have one or two).
const MAX_PLACEHOLDERS: usize = 4;

/// Glob match where each `{…}` of `template` stands for one or more characters.
fn segment_matches(template: &[u8], text: &[u8]) -> bool {
    match template.first() {
        None => text.is_empty(),
        Some(b'{') => {
            let Some(close) = template.iter().position(|&c| c == b'}') else {
                return template == text;
            };
            let rest = &template[close + 1..];
            (1..=text.len()).any(|n| segment_matches(rest, &text[n..]))
        }
        Some(&c) => text.first() == Some(&c) && segment_matches(&template[1..], &text[1..]),
    }
}

/// Findings on one example request line: a method no template has, a URL no template of its
/// method fits, a version that is not the page's.
pub fn check(
    file: &str,
    page_version: &str,
    templates: &[RequestLine],
    request: &RequestLine,
    out: &mut Vec<Finding>,
) {
    let (version, path) = split_url(&request.url);
    let mut finding = |kind, message: String| {
        out.push(Finding::at(file, request.line, kind, message));
    };
    if let Some(version) = version
        && VERSIONS.contains(&page_version)
        && version != page_version
    {
        finding(
            FindingKind::UrlVersion,
            format!(
                "the example request calls {version} on {} page",
                with_article(page_version)
            ),
        );
    }
    if templates.is_empty() {
        return;
    }
    let same_method: Vec<&RequestLine> = templates
        .iter()
        .filter(|t| t.method == request.method)
        .collect();
    if same_method.is_empty() {
        let methods: Vec<&str> = templates.iter().map(|t| t.method.as_str()).collect();
        finding(
            FindingKind::MethodMismatch,
            format!(
                "the example request uses {} but the HTTP request section has {}",
                request.method,
                dedup(methods).join(", ")
            ),
        );
        return;
    }
    if !same_method
        .iter()
        .any(|t| path_matches(split_url(&t.url).1, path))
    {
        let listed: Vec<String> = same_method
            .iter()
            .map(|t| format!("{} (line {})", t.url, t.line))
            .collect();
        finding(
            FindingKind::UrlMismatch,
            format!(
                "the example URL `{}` fits no {} template of the HTTP request section: {}",
                request.url,
                request.method,
                listed.join(", ")
            ),
        );
    }
}

fn dedup(mut items: Vec<&str>) -> Vec<&str> {
    items.sort_unstable();
    items.dedup();
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_and_match() {
        assert_eq!(
            split_url("https://graph.microsoft.com/beta/a/b?$select=x"),
            (Some("beta"), "/a/b")
        );
        assert_eq!(split_url("/v1.0/me"), (Some("v1.0"), "/me"));
        assert_eq!(
            split_url("https://graph.microsoft.com/localtest/a/{id}"),
            (Some("localtest"), "/a/{id}")
        );
        assert_eq!(split_url("/me/events"), (None, "/me/events"));
        assert!(path_matches("/a/{id}/b", "/a/123/b"));
        assert!(path_matches("/a/{id}/b", "/A/{someId}/b/"));
        assert!(path_matches(
            "/users/{id | userPrincipalName}",
            "/users/x@y.com"
        ));
        assert!(path_matches("/items('{id}')", "/items('x')"));
        assert!(!path_matches("/a/{id}/b", "/a/b"));
        assert!(!path_matches("/a/{id}/b", "/a/1/c"));
        assert!(!path_matches("/items('{id}')", "/items()"));
        // Many placeholders in one segment: compared as text, and quickly.
        let many = "{a}{b}{c}{d}{e}{f}{g}{h}";
        assert!(!path_matches(many, &"x".repeat(200)));
        assert!(path_matches(many, many));
    }

    fn line(method: &str, url: &str) -> RequestLine {
        RequestLine {
            method: method.into(),
            url: url.into(),
            line: 9,
        }
    }

    #[test]
    fn method_url_and_version_findings() {
        let templates = [line("POST", "/widgets"), line("POST", "/me/widgets")];
        let kinds = |request: RequestLine, version: &str| {
            let mut out = Vec::new();
            check("p.md", version, &templates, &request, &mut out);
            out.iter().map(|f| f.kind).collect::<Vec<_>>()
        };
        assert!(
            kinds(
                line("POST", "https://graph.microsoft.com/beta/widgets"),
                "beta"
            )
            .is_empty()
        );
        assert_eq!(
            kinds(
                line("PATCH", "https://graph.microsoft.com/beta/widgets"),
                "beta"
            ),
            [FindingKind::MethodMismatch]
        );
        assert_eq!(
            kinds(
                line("POST", "https://graph.microsoft.com/v1.0/gadgets"),
                "beta"
            ),
            [FindingKind::UrlVersion, FindingKind::UrlMismatch]
        );
    }
}
