//! A page as the blocks the build step reads: headings, paragraphs and tables, each with its line.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One block of a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// `# text`, with its level (1 for `#`).
    Heading { level: u8, text: String, line: u32 },
    /// A paragraph's plain text (code spans keep their backticks).
    Paragraph { text: String, line: u32 },
    /// A table: header cells and body rows.
    Table { header: Vec<Cell>, rows: Vec<Row> },
    /// A code block's first line (`POST /users` in an `http` block), with the block's line.
    Code { first_line: String, line: u32 },
}

/// One table row with the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// 1-based line of the row.
    pub line: u32,
    /// The row's cells, left to right.
    pub cells: Vec<Cell>,
}

/// One table cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// Plain text; code spans keep their backticks, links keep only their text.
    pub text: String,
    /// Links in the cell: (text, destination).
    pub links: Vec<(String, String)>,
}

/// Splits `text` into blocks; front matter (`---` … `---`) is skipped.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut current: Option<Open> = None;
    let mut table: Option<(Vec<Cell>, Vec<Row>)> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<Cell> = None;
    let mut link: Option<(String, String)> = None;
    let mut code: Option<(String, u32)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let inline = |s: &str,
                      cell: &mut Option<Cell>,
                      current: &mut Option<Open>,
                      link: &mut Option<(String, String)>| {
            if let Some((text, _)) = link.as_mut() {
                text.push_str(s);
            }
            if let Some(cell) = cell.as_mut() {
                cell.text.push_str(s);
            } else if let Some(open) = current.as_mut() {
                open.text.push_str(s);
            }
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Open::new(OpenKind::Heading(level as u8), &lines, &range));
            }
            Event::Start(Tag::Paragraph) if table.is_none() => {
                current = Some(Open::new(OpenKind::Paragraph, &lines, &range));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => {
                if let Some(open) = current.take() {
                    out.push(open.finish());
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::End(TagEnd::Table) => {
                if let Some((header, rows)) = table.take() {
                    out.push(Block::Table { header, rows });
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(Row {
                    line: lines.line_of(range.start),
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some((header, _)), Some(done)) = (table.as_mut(), row.take()) {
                    *header = done.cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some((_, rows)), Some(done)) = (table.as_mut(), row.take()) {
                    rows.push(done);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(mut done)) = (row.as_mut(), cell.take()) {
                    done.text = done.text.trim().to_owned();
                    row.cells.push(done);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((String::new(), dest_url.into_string()));
            }
            Event::End(TagEnd::Link) => {
                if let (Some(done), Some(cell)) = (link.take(), cell.as_mut()) {
                    cell.links.push(done);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                code = Some((String::new(), lines.line_of(range.start)))
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((text, line)) = code.take() {
                    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    out.push(Block::Code {
                        first_line: first_line.trim().to_owned(),
                        line,
                    });
                }
            }
            Event::Text(s) if code.is_some() => {
                if let Some((text, _)) = code
                    .as_mut()
                    .filter(|(t, _)| !t.contains('\n') || t.trim().is_empty())
                {
                    text.push_str(&s);
                }
            }
            Event::Text(s) => inline(&s, &mut cell, &mut current, &mut link),
            Event::Code(s) => inline(&format!("`{s}`"), &mut cell, &mut current, &mut link),
            Event::SoftBreak | Event::HardBreak => inline(" ", &mut cell, &mut current, &mut link),
            _ => {}
        }
    }
    out
}

enum OpenKind {
    Heading(u8),
    Paragraph,
}

struct Open {
    kind: OpenKind,
    text: String,
    line: u32,
}

impl Open {
    fn new(kind: OpenKind, lines: &LineIndex, range: &Range<usize>) -> Open {
        Open {
            kind,
            text: String::new(),
            line: lines.line_of(range.start),
        }
    }

    fn finish(self) -> Block {
        let text = self.text.trim().to_owned();
        match self.kind {
            OpenKind::Heading(level) => Block::Heading {
                level,
                text,
                line: self.line,
            },
            OpenKind::Paragraph => Block::Paragraph {
                text,
                line: self.line,
            },
        }
    }
}

/// Byte offset → 1-based line.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|&start| start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }
}
