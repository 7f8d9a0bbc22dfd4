//! The human report: rustc-style diagnostics with a snippet of the payload at each error.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use msgraph_schema::json;
use msgraph_schema::report::{ErrorKind, Report, more_errors};

/// Lines longer than this are not shown as snippets (a megabyte string stays off the screen).
const MAX_SNIPPET_LINE: usize = 240;

/// Renders `report` for the payload `bytes` read from `source`.
pub(super) fn render(source: &str, bytes: &[u8], type_name: &str, report: &Report) -> String {
    render_at(source, source, bytes, type_name, report)
}

/// [`render`] for a payload of the file `path` that the verdict line calls `source` (a
/// request of a request file: `FILE:LINE`).
pub(super) fn render_at(
    path: &str,
    source: &str,
    bytes: &[u8],
    type_name: &str,
    report: &Report,
) -> String {
    // Offsets are into `bytes`: a snippet only of text that is UTF-8 as it stands (replacement
    // characters would shift them); otherwise the error's `file:line:column` alone.
    let quotable = std::str::from_utf8(bytes).is_ok();
    let text = String::from_utf8_lossy(bytes);
    let renderer = if std::env::var_os("NO_COLOR").is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for error in &report.errors {
        let title = format!(
            "{} at `{}`: {}",
            error.kind,
            display_pointer(error.pointer()),
            error.message()
        );
        let start = if error.kind == ErrorKind::Syntax {
            json::offset_of(&text, error.line, error.column)
        } else {
            error.offset
        };
        let span = start
            .map(|start| start..json::value_end(&text, start).max(start + 1).min(text.len()))
            .filter(|span| {
                quotable
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
                    && line_len(&text, span.start) <= MAX_SNIPPET_LINE
                    && !span.is_empty()
            });
        let label = error
            .expected()
            .map(|e| format!("expected {e}"))
            .unwrap_or_default();
        let group = match span {
            Some(span) => Level::ERROR.primary_title(&title).element(
                Snippet::source(&*text)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span).label(&label)),
            ),
            None => Group::with_title(Level::ERROR.primary_title(&title))
                .element(Level::NOTE.message(location(path, error))),
        };
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    if report.truncated > 0 {
        out.push_str(&more_errors(report.truncated));
        out.push('\n');
    }
    for disagreement in &report.disagreements {
        out.push_str(&format!("warning: {disagreement}\n"));
    }
    let verdict = if report.is_valid() {
        "valid"
    } else {
        "invalid"
    };
    let count = match (report.error_count(), report.truncated) {
        (0, _) => String::new(),
        (1, _) => " (1 error)".to_owned(),
        (n, 0) => format!(" ({n} errors)"),
        (n, _) => format!(" ({n} errors, {} shown)", report.errors.len()),
    };
    out.push_str(&format!("{source}: {verdict} {type_name}{count}\n"));
    out
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(root)"
    } else {
        pointer
    }
}

fn location(source: &str, error: &msgraph_schema::Error) -> String {
    if error.line == 0 {
        source.to_owned()
    } else {
        format!("{source}:{}:{}", error.line, error.column)
    }
}

fn line_len(text: &str, offset: usize) -> usize {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    end - start
}
