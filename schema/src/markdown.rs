//! A page as the blocks the build step reads: headings, paragraphs and tables, each with its line.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One block of a page; `line` is the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// `# text`.
    Heading {
        /// 1 for `#`, 2 for `##`, ….
        level: u8,
        /// The heading's plain text.
        text: String,
        /// Where it starts.
        line: u32,
    },
    /// A paragraph.
    Paragraph {
        /// Its plain text (code spans keep their backticks).
        text: String,
        /// Where it starts.
        line: u32,
    },
    /// A table.
    Table {
        /// The header cells.
        header: Vec<Cell>,
        /// The body rows.
        rows: Vec<Row>,
    },
    /// A code block.
    Code {
        /// Its first line (`POST /users` in an `http` block).
        first_line: String,
        /// Where the block starts.
        line: u32,
    },
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
///
/// One pass over pulldown-cmark's events with little work of its own per event: line numbers
/// are counted forward from the previous block's (no index of every line), block texts are
/// trimmed in place and sized from their source, and links are kept only in table cells, the
/// one place they are read.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut lines = LineCounter::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut current: Option<Open> = None;
    let mut table: Option<(Vec<Cell>, Vec<Row>)> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<Cell> = None;
    let mut link: Option<(String, String)> = None;
    let mut code: Option<(String, u32)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Open::new(
                    OpenKind::Heading(level as u8),
                    &mut lines,
                    &range,
                ));
            }
            Event::Start(Tag::Paragraph) if table.is_none() => {
                current = Some(Open::new(OpenKind::Paragraph, &mut lines, &range));
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
            Event::Start(Tag::TableCell) => {
                cell = Some(Cell {
                    text: String::with_capacity(range.len()),
                    links: Vec::new(),
                });
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(mut done)) = (row.as_mut(), cell.take()) {
                    trim_in_place(&mut done.text);
                    row.cells.push(done);
                }
            }
            // Links are read in table cells only (a paragraph's text keeps the link's text).
            Event::Start(Tag::Link { dest_url, .. }) if cell.is_some() => {
                link = Some((String::new(), dest_url.into_string()));
            }
            Event::End(TagEnd::Link) => {
                if let (Some(done), Some(cell)) = (link.take(), cell.as_mut()) {
                    cell.links.push(done);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                code = Some((String::new(), lines.line_of(range.start)));
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
                // Only up to the first line that is not blank.
                if let Some((text, _)) = code
                    .as_mut()
                    .filter(|(t, _)| !t.contains('\n') || t.trim().is_empty())
                {
                    text.push_str(&s);
                }
            }
            Event::Text(s) => inline(&[&s], &mut cell, &mut current, &mut link),
            Event::Code(s) => inline(&["`", &s, "`"], &mut cell, &mut current, &mut link),
            Event::SoftBreak | Event::HardBreak => {
                inline(&[" "], &mut cell, &mut current, &mut link);
            }
            _ => {}
        }
    }
    out
}

/// Appends `pieces` to the open link's text and to the open cell's, else to the open heading's
/// or paragraph's.
fn inline(
    pieces: &[&str],
    cell: &mut Option<Cell>,
    current: &mut Option<Open>,
    link: &mut Option<(String, String)>,
) {
    if let Some((text, _)) = link.as_mut() {
        pieces.iter().for_each(|piece| text.push_str(piece));
    }
    let target = match (cell.as_mut(), current.as_mut()) {
        (Some(cell), _) => &mut cell.text,
        (None, Some(open)) => &mut open.text,
        (None, None) => return,
    };
    pieces.iter().for_each(|piece| target.push_str(piece));
}

/// `text.trim()`, without a new allocation.
fn trim_in_place(text: &mut String) {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    if start > 0 {
        text.drain(..start);
    }
}

/// Byte offset → 1-based line, for offsets that mostly come in order (the blocks of a page):
/// each look-up counts the line breaks between the previous offset and this one.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
}

impl LineCounter<'_> {
    fn new(text: &str) -> LineCounter<'_> {
        LineCounter {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line holding byte `offset` (as [`LineIndex::line_of`]).
    fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        let breaks = |bytes: &[u8]| {
            let n = bytes.iter().filter(|&&b| b == b'\n').count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        if offset >= self.offset {
            self.line = self
                .line
                .saturating_add(breaks(&self.bytes[self.offset..offset]));
        } else {
            self.line -= breaks(&self.bytes[offset..self.offset]);
        }
        self.offset = offset;
        self.line
    }
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
    fn new(kind: OpenKind, lines: &mut LineCounter<'_>, range: &Range<usize>) -> Open {
        Open {
            kind,
            // The rendered text is at most about as long as its source.
            text: String::with_capacity(range.len()),
            line: lines.line_of(range.start),
        }
    }

    fn finish(mut self) -> Block {
        trim_in_place(&mut self.text);
        let text = self.text;
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: \"x\"\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\nA [linked](x.md) `thing`\nover two lines.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|  name  | [runState](#runstate-values) collection | The `name`. |\n| size | Int32 | |\n\n```http\n\n  POST /things  \nsecond line\n```\n";

    #[test]
    fn blocks_carry_their_text_and_lines() {
        let blocks = blocks(PAGE);
        assert_eq!(
            blocks[..4],
            [
                Block::Heading {
                    level: 1,
                    text: "thing resource type".to_owned(),
                    line: 5
                },
                Block::Paragraph {
                    text: "Namespace: microsoft.graph".to_owned(),
                    line: 7
                },
                Block::Paragraph {
                    text: "A linked `thing` over two lines.".to_owned(),
                    line: 9
                },
                Block::Heading {
                    level: 2,
                    text: "Properties".to_owned(),
                    line: 12
                },
            ]
        );
        let Block::Table { header, rows } = &blocks[4] else {
            panic!("a table: {:?}", blocks[4]);
        };
        let texts = |cells: &[Cell]| cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(header), ["Property", "Type", "Description"]);
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [16, 17]);
        assert_eq!(
            texts(&rows[0].cells),
            ["name", "runState collection", "The `name`."]
        );
        assert_eq!(
            rows[0].cells[1].links,
            [("runState".to_owned(), "#runstate-values".to_owned())]
        );
        assert_eq!(texts(&rows[1].cells), ["size", "Int32", ""]);
        assert_eq!(
            blocks[5],
            Block::Code {
                first_line: "POST /things".to_owned(),
                line: 19
            }
        );
        assert_eq!(blocks.len(), 6);
    }

    #[test]
    fn the_line_counter_agrees_with_the_line_index_in_any_order() {
        let index = LineIndex::new(PAGE);
        let mut counter = LineCounter::new(PAGE);
        let offsets = (0..=PAGE.len() + 2).chain((0..PAGE.len()).rev().step_by(7));
        for offset in offsets {
            assert_eq!(counter.line_of(offset), index.line_of(offset), "{offset}");
        }
    }

    #[test]
    fn trimming_in_place_is_trim() {
        for text in ["", " ", "a", " a b ", "\u{a0}x\t", "x  "] {
            let mut owned = text.to_owned();
            trim_in_place(&mut owned);
            assert_eq!(owned, text.trim());
        }
    }
}
