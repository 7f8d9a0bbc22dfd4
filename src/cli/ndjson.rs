//! `validate --ndjson`: one payload per line, read in chunks (memory bounded by the chunk and
//! the longest line, not the input), checked in parallel, reported in input order.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
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

/// Validates every line of every input.
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
        let mut reader = open(&file).map_err(|err| format!("{name}: cannot read: {err}"))?;
        let mut line_number = 0usize;
        loop {
            let chunk = read_chunk(&mut reader, &mut line_number)
                .map_err(|err| format!("{name}: cannot read: {err}"))?;
            if chunk.is_empty() {
                break;
            }
            let checked: Vec<(String, Checked)> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|(line, bytes)| {
                        let source = format!("{name}:{line}");
                        let outcome = run.check(bytes).map(|(report, entry)| {
                            let text = run.render(&source, bytes, entry, &report);
                            (report, text)
                        });
                        (source, outcome)
                    })
                    .collect()
            });
            for (source, outcome) in checked {
                match outcome {
                    Ok((report, text)) => {
                        summary.add(&report);
                        let text = if matches!(run.format, Format::Human) && report.is_valid() {
                            String::new()
                        } else {
                            text
                        };
                        stdout
                            .write_all(text.as_bytes())
                            .map_err(|err| format!("cannot write the report: {err}"))?;
                    }
                    Err(message) => {
                        any_failed = true;
                        progress.suspend(|| eprintln!("error: {source}: {message}"));
                    }
                }
            }
            progress.inc(chunk.len() as u64);
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

fn open(file: &PathBuf) -> io::Result<Box<dyn BufRead>> {
    Ok(if file.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, File::open(file)?))
    })
}

/// The next non-blank lines (without their line ending), numbered from 1.
fn read_chunk(
    reader: &mut dyn BufRead,
    line_number: &mut usize,
) -> io::Result<Vec<(usize, Vec<u8>)>> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        *line_number += 1;
        while line.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        bytes += line.len();
        chunk.push((*line_number, line));
    }
    Ok(chunk)
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
