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
use crate::report::Report;

/// Lines per chunk: enough to keep every core busy, small enough to bound memory.
const CHUNK_LINES: usize = 4096;
/// Bytes per chunk, whichever limit comes first.
const CHUNK_BYTES: usize = 16 << 20;

/// One line's outcome: its report and rendered text, or why it could not be checked.
type Checked = Result<(Report, String), String>;

/// Validates every line of every input. Reading the next chunk overlaps checking this one.
pub fn validate(run: &Run, jobs: Option<usize>, files: &[PathBuf]) -> Result<ExitCode, String> {
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
        let mut chunk = Chunk::read(&mut reader, &mut line_number).map_err(cannot_read)?;
        while !chunk.lines.is_empty() {
            let (next, checked) = pool.install(|| {
                rayon::join(
                    || Chunk::read(&mut reader, &mut line_number),
                    || check_chunk(run, &name, &chunk),
                )
            });
            for ((line, _), outcome) in chunk.lines.iter().zip(checked) {
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
            chunk = next.map_err(cannot_read)?;
        }
    }
    progress.finish_and_clear();
    let closing = match run.format {
        Format::Summary => {
            writeln!(stdout, "{}", summary.to_json())
        }
        Format::Human => write!(stdout, "{}", summary.to_human()),
        // Standard output stays one report a line; the summary goes to standard error.
        Format::Json => {
            eprintln!("{}", summary.to_json());
            Ok(())
        }
    };
    closing
        .and_then(|()| stdout.flush())
        .map_err(|err| format!("cannot write: {err}"))?;
    Ok(Run::exit_code(&summary, any_failed))
}

/// Checks a chunk's lines in parallel; the outcomes in line order. A valid payload in the
/// human format prints nothing, so nothing is rendered for it.
fn check_chunk(run: &Run, name: &str, chunk: &Chunk) -> Vec<Checked> {
    chunk
        .lines
        .par_iter()
        .map(|(line, range)| {
            let bytes = &chunk.bytes[range.clone()];
            run.check(bytes).map(|(report, entry)| {
                let text = if matches!(run.format, Format::Human) && report.is_valid() {
                    String::new()
                } else {
                    run.render(&format!("{name}:{line}"), bytes, entry, &report)
                };
                (report, text)
            })
        })
        .collect()
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
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<(usize, Range<usize>)>,
}

impl Chunk {
    /// The next lines, up to [`CHUNK_LINES`] or [`CHUNK_BYTES`] (plus the last line's rest).
    fn read(reader: &mut (dyn BufRead + Send), line_number: &mut usize) -> io::Result<Chunk> {
        let mut chunk = Chunk {
            bytes: Vec::new(),
            lines: Vec::new(),
        };
        while chunk.lines.len() < CHUNK_LINES && chunk.bytes.len() < CHUNK_BYTES {
            let start = chunk.bytes.len();
            if reader.read_until(b'\n', &mut chunk.bytes)? == 0 {
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
