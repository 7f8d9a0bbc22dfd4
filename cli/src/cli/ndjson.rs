//! `validate --ndjson`: one payload per line, read in chunks (memory bounded by the chunk and
//! the longest line, not the input), checked in parallel, reported in input order.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{Format, Run, Summary, inputs};
use msgraph_schema::report::Report;

/// Lines per chunk: enough to keep every core busy, small enough to bound memory.
const CHUNK_LINES: usize = 4096;
/// Bytes per chunk, whichever limit comes first.
const CHUNK_BYTES: usize = 16 << 20;
/// The bytes a chunk's buffer starts with: 4096 lines of about 1 KB without growing.
const CHUNK_CAPACITY: usize = 4 << 20;

/// One line's outcome: its report and rendered text, or why it could not be checked.
type Checked = Result<(Report, String), String>;

/// Validates every line of every input. Reading the next chunk overlaps checking this one.
pub(super) fn validate(
    run: &Run,
    jobs: Option<usize>,
    files: &[PathBuf],
) -> Result<ExitCode, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|err| format!("cannot start {jobs:?} threads: {err}"))?;
    let progress = progress_bar();
    let mut summary = Summary::default();
    let mut any_failed = false;
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    for file in inputs(files) {
        let name = file.display().to_string();
        let cannot_read = |err: io::Error| format!("{name}: cannot read: {err}");
        let mut reader = open(&file).map_err(cannot_read)?;
        let mut line_number = 0usize;
        // Two chunks and one list of outcomes, reused: no fresh megabytes for every chunk.
        let (mut spare, mut checked) = (Chunk::default(), Vec::new());
        let mut chunk =
            Chunk::read(&mut reader, &mut line_number, Chunk::default()).map_err(cannot_read)?;
        while !chunk.lines.is_empty() {
            let recycled = std::mem::take(&mut spare);
            let next = pool.install(|| {
                rayon::join(
                    || Chunk::read(&mut reader, &mut line_number, recycled),
                    || check_chunk(run, &name, &chunk, &mut checked),
                )
                .0
            });
            for ((line, _), outcome) in chunk.lines.iter().zip(checked.drain(..)) {
                match outcome {
                    Ok((report, text)) => {
                        summary.add(&report);
                        stdout
                            .write_all(text.as_bytes())
                            .map_err(|err| format!("cannot write the report: {err}"))?;
                    }
                    Err(message) => {
                        any_failed = true;
                        progress.suspend(|| eprintln!("error: {name}:{line}: {message}"));
                    }
                }
            }
            progress.inc(chunk.lines.len() as u64);
            spare = std::mem::replace(&mut chunk, next.map_err(cannot_read)?);
        }
    }
    progress.finish_and_clear();
    let closing = match run.format {
        Format::Summary => {
            writeln!(stdout, "{}", summary.to_json())
        }
        Format::Human => write!(stdout, "{}", summary.to_human()),
        // Standard output stays one report a line; the summary goes to standard error.
        Format::Json | Format::GraphError => {
            eprintln!("{}", summary.to_json());
            Ok(())
        }
    };
    closing
        .and_then(|()| stdout.flush())
        .map_err(|err| format!("cannot write: {err}"))?;
    Ok(Run::exit_code(&summary, any_failed))
}

/// Checks a chunk's lines in parallel; the outcomes in line order, in `checked`. Nothing is
/// rendered where nothing is printed: the summary format, and a valid payload in the human
/// format.
fn check_chunk(run: &Run, name: &str, chunk: &Chunk, checked: &mut Vec<Checked>) {
    chunk
        .lines
        .par_iter()
        .map(|(line, range)| {
            let bytes = &chunk.bytes[range.clone()];
            run.check(bytes).map(|(report, entry)| {
                let text = match run.format {
                    Format::Summary => String::new(),
                    Format::Human if report.is_valid() => String::new(),
                    _ => run.render(&format!("{name}:{line}"), bytes, entry, &report),
                };
                (report, text)
            })
        })
        .collect_into_vec(checked);
}

fn open(file: &PathBuf) -> io::Result<Box<dyn BufRead + Send>> {
    Ok(if file.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, File::open(file)?))
    })
}

/// Consecutive lines of an input in one buffer: each non-blank line's number (from 1) and
/// byte range, without its line ending.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<(usize, Range<usize>)>,
}

impl Chunk {
    /// The next lines, up to [`CHUNK_LINES`] or [`CHUNK_BYTES`] (plus the last line's rest),
    /// in `chunk`'s buffers (emptied first).
    fn read(
        reader: &mut (dyn BufRead + Send),
        line_number: &mut usize,
        mut chunk: Chunk,
    ) -> io::Result<Chunk> {
        chunk.bytes.clear();
        chunk.lines.clear();
        chunk.bytes.reserve(CHUNK_CAPACITY);
        while chunk.lines.len() < CHUNK_LINES && chunk.bytes.len() < CHUNK_BYTES {
            let start = chunk.bytes.len();
            if read_line(reader, &mut chunk.bytes)? == 0 {
                break;
            }
            *line_number += 1;
            let mut end = chunk.bytes.len();
            while end > start && matches!(chunk.bytes[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            if !chunk.bytes[start..end].iter().all(u8::is_ascii_whitespace) {
                chunk.lines.push((*line_number, start..end));
            }
        }
        Ok(chunk)
    }
}

/// `BufRead::read_until(b'\n', out)`, with the `memchr` crate's vectorised search.
fn read_line(reader: &mut (dyn BufRead + Send), out: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let (taken, done) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (at + 1, true),
            None => (buffer.len(), buffer.is_empty()),
        };
        out.extend_from_slice(&buffer[..taken]);
        reader.consume(taken);
        read += taken;
        if done {
            return Ok(read);
        }
    }
}

/// A payload counter on standard error, hidden when standard error is not a terminal.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} payloads, {per_sec}")
            .expect("a valid template"),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines longer than the reader's buffer, a CRLF, a blank line and a last line without a
    /// line feed come out whole and numbered.
    #[test]
    fn chunk_lines_across_buffer_boundaries() {
        let text = b"{\"a\": 1}\r\n\n  \n{\"bb\": [1, 2, 3]}\n{}";
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(3, &text[..]));
        let mut line_number = 0;
        let chunk = Chunk::read(&mut *reader, &mut line_number, Chunk::default()).expect("read");
        let lines: Vec<(usize, &[u8])> = chunk
            .lines
            .iter()
            .map(|(n, range)| (*n, &chunk.bytes[range.clone()]))
            .collect();
        assert_eq!(
            lines,
            [
                (1, &b"{\"a\": 1}"[..]),
                (4, &b"{\"bb\": [1, 2, 3]}"[..]),
                (5, &b"{}"[..])
            ]
        );
        assert_eq!(line_number, 5);
        let rest = Chunk::read(&mut *reader, &mut line_number, chunk).expect("read");
        assert!(rest.lines.is_empty());
    }
}
