//! Throughput tables: every contender over the same generated workload, one core, side by side
//! in one run, with ratios against the `jsonschema` crate; one table for the flat seed type, one
//! for nested `event` payloads.
//!
//! `cargo bench --bench throughput [-- --count N --reps R --out FILE]`, or
//! `scripts/bench/run.sh`, which also installs and runs the ajv and fastjsonschema peers.
//! The table goes to standard output and to `target/bench/throughput.md`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::{CONTENDERS, Contender, JSONSCHEMA_ITER_ERRORS, OURS, Workload, nested};

/// One contender's best time over each share of the workload.
struct Row {
    name: String,
    valid: Duration,
    invalid: Duration,
}

struct Args {
    count: usize,
    reps: usize,
    out: PathBuf,
    /// Only the contenders whose name contains this (for profiling).
    only: Option<String>,
}

fn args() -> Args {
    let mut args = Args {
        count: 100_000,
        reps: 5,
        out: PathBuf::from("target/bench/throughput.md"),
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the flag");
        match arg.as_str() {
            "--count" => args.count = value().parse().expect("--count N"),
            "--reps" => args.reps = value().parse().expect("--reps R"),
            "--out" => args.out = PathBuf::from(value()),
            "--only" => args.only = Some(value()),
            "--bench" => {} // passed by `cargo bench`
            other => panic!(
                "unknown argument {other:?}: use --count N, --reps R, --out FILE, --only NAME"
            ),
        }
    }
    args
}

fn main() {
    let args = args();
    let dir = args.out.parent().unwrap_or(Path::new(".")).to_owned();
    std::fs::create_dir_all(&dir).expect("the output folder");
    let seed = Workload::new(args.count);
    let seed_schema = msgraph_schema::emit::json_schema::standalone(
        &support::entry().model().index(),
        support::entry().structured(),
        &support::OPTIONS,
    );
    let nested = nested::workload(args.count);
    let event = nested::model()
        .structs
        .iter()
        .find(|t| t.name == nested::TYPE)
        .expect("event");
    let nested_schema = msgraph_schema::emit::json_schema::standalone(
        &nested::model().index(),
        event,
        &support::OPTIONS,
    );
    let tables = [
        measure(
            &args,
            &Suite {
                name: "seed",
                what: "seed-type payloads, flat (strings, enums, DateTimeOffsets, a string collection),",
                workload: &seed,
                schema: &seed_schema,
                contenders: CONTENDERS,
                dir: &dir,
            },
        ),
        measure(
            &args,
            &Suite {
                name: "nested",
                what: "`event` payloads, nested (nine complex types and seven enums, three levels deep, a collection of objects; a model built at run time from benches/data/docs-tree, with no generated Rust type, so no typed contenders),",
                workload: &nested,
                schema: &nested_schema,
                contenders: nested::CONTENDERS,
                dir: &dir.join("nested"),
            },
        ),
    ];
    if args.only.is_some() {
        return;
    }
    let table = tables.join("\n");
    print!("{table}");
    std::fs::write(&args.out, &table).expect("writing the table");
    eprintln!("table written to {}", args.out.display());
}

/// One workload with its schema and contenders; the peers' files go to `dir`.
struct Suite<'a> {
    name: &'a str,
    what: &'a str,
    workload: &'a Workload,
    schema: &'a serde_json::Value,
    contenders: &'a [Contender],
    dir: &'a Path,
}

/// Measures every contender of `suite` and the peers; its table.
fn measure(args: &Args, suite: &Suite<'_>) -> String {
    let workload = suite.workload;
    check_workload(workload, suite.contenders);
    std::fs::create_dir_all(suite.dir).expect("the output folder");
    let files = write_inputs(suite.dir, workload, suite.schema);

    let contenders: Vec<_> = suite
        .contenders
        .iter()
        .filter(|c| {
            args.only
                .as_ref()
                .is_none_or(|only| c.name.contains(only.as_str()))
        })
        // For profiling one workload: MSGRAPH_BENCH_SUITE=seed|nested skips the other's runs.
        .filter(|_| {
            std::env::var("MSGRAPH_BENCH_SUITE")
                .ok()
                .is_none_or(|name| name == suite.name)
        })
        .collect();
    let mut rows: Vec<Row> = contenders
        .iter()
        .map(|c| Row {
            name: c.name.to_owned(),
            valid: Duration::MAX,
            invalid: Duration::MAX,
        })
        .collect();
    // `--only` is for profiling one share: MSGRAPH_BENCH_SHARE=valid|invalid skips the other.
    let share = std::env::var("MSGRAPH_BENCH_SHARE").unwrap_or_default();
    // Rounds: every contender once per round, so that a slow spell of this shared machine
    // falls on all of them alike; each keeps its fastest pass.
    for round in 1..=args.reps.max(1) {
        eprintln!("{}: round {round} of {}", suite.what, args.reps.max(1));
        for (contender, row) in contenders.iter().zip(&mut rows) {
            let time = |payloads: &[Vec<u8>]| {
                let start = Instant::now();
                let mut sink = 0;
                for payload in payloads {
                    sink += (contender.run)(payload);
                }
                std::hint::black_box(sink);
                start.elapsed()
            };
            if share != "invalid" {
                row.valid = row.valid.min(time(&workload.valid));
            }
            if share != "valid" {
                row.invalid = row.invalid.min(time(&workload.invalid));
            }
        }
    }
    for row in &mut rows {
        for share in [&mut row.valid, &mut row.invalid] {
            if *share == Duration::MAX {
                *share = Duration::ZERO;
            }
        }
    }
    if args.only.is_some() {
        return String::new();
    }
    let mut notes = Vec::new();
    for peer in peers(&files, args.reps) {
        match peer {
            Ok(row) => rows.push(row),
            Err(note) => notes.push(note),
        }
    }
    render(suite.what, workload, &rows, &notes)
}

/// The workload is what it claims: our validator finds nothing in the valid share and exactly
/// three errors in each invalid payload, and the `jsonschema` crate agrees on the verdicts.
fn check_workload(workload: &Workload, contenders: &[Contender]) {
    let ours = contenders.iter().find(|c| c.name == OURS).expect("ours");
    let schema = contenders
        .iter()
        .find(|c| c.name == JSONSCHEMA_ITER_ERRORS)
        .expect("jsonschema");
    for payload in &workload.valid {
        assert_eq!(
            (ours.run)(payload),
            0,
            "{}",
            String::from_utf8_lossy(payload)
        );
        assert_eq!((schema.run)(payload), 0);
    }
    for payload in &workload.invalid {
        assert_eq!(
            (ours.run)(payload),
            3,
            "{}",
            String::from_utf8_lossy(payload)
        );
        assert!((schema.run)(payload) >= 3);
    }
}

/// The files the peers read: the schema and each share as NDJSON.
struct Inputs {
    schema: PathBuf,
    valid: PathBuf,
    invalid: PathBuf,
}

fn write_inputs(dir: &Path, workload: &Workload, schema_value: &serde_json::Value) -> Inputs {
    let write = |name: &str, payloads: &[Vec<u8>]| {
        let path = dir.join(name);
        let mut text = payloads.join(&b'\n');
        text.push(b'\n');
        std::fs::write(&path, text).expect("writing the workload");
        path
    };
    let schema = dir.join("schema.json");
    std::fs::write(
        &schema,
        serde_json::to_vec_pretty(schema_value).expect("JSON"),
    )
    .expect("schema");
    std::fs::write(dir.join("workload.ndjson"), workload.ndjson()).expect("workload");
    Inputs {
        schema,
        valid: write("valid.ndjson", &workload.valid),
        invalid: write("invalid.ndjson", &workload.invalid),
    }
}

/// The peers in other languages, each timing its own parse + validate over the same files and
/// printing `{"valid_seconds": s, "invalid_seconds": s}`. Missing ones are a note, not a row.
fn peers(files: &Inputs, reps: usize) -> Vec<Result<Row, String>> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench");
    let python = here.join(".venv/bin/python");
    let peers = [
        (
            "ajv (Node), parse + validate, all errors",
            PathBuf::from("node"),
            here.join("ajv_bench.mjs"),
            here.join("node_modules"),
        ),
        (
            "Python fastjsonschema, parse + validate",
            python.clone(),
            here.join("fastjsonschema_bench.py"),
            python,
        ),
    ];
    peers
        .into_iter()
        .map(|(name, program, script, needs)| {
            if !needs.exists() {
                return Err(format!(
                    "{name}: not installed (scripts/bench/run.sh installs it)"
                ));
            }
            let output = Command::new(&program)
                .arg(&script)
                .args([&files.schema, &files.valid, &files.invalid])
                .arg(reps.to_string())
                .output()
                .map_err(|err| format!("{name}: cannot run {}: {err}", program.display()))?;
            if !output.status.success() {
                return Err(format!(
                    "{name}: failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            let times: serde_json::Value = serde_json::from_slice(&output.stdout)
                .map_err(|err| format!("{name}: unreadable output: {err}"))?;
            let seconds = |key: &str| {
                times[key]
                    .as_f64()
                    .map(Duration::from_secs_f64)
                    .ok_or(format!("{name}: no {key}"))
            };
            Ok(Row {
                name: name.to_owned(),
                valid: seconds("valid_seconds")?,
                invalid: seconds("invalid_seconds")?,
            })
        })
        .collect()
}

fn render(what: &str, workload: &Workload, rows: &[Row], notes: &[String]) -> String {
    let bytes = |payloads: &[Vec<u8>]| payloads.iter().map(Vec::len).sum::<usize>() as f64;
    let (valid_bytes, invalid_bytes) = (bytes(&workload.valid), bytes(&workload.invalid));
    let (nv, ni) = (workload.valid.len() as f64, workload.invalid.len() as f64);
    let find = |name: &str| rows.iter().find(|r| r.name.starts_with(name));
    let iter_errors = find(JSONSCHEMA_ITER_ERRORS).expect("the reference row");
    let is_valid = find("jsonschema: parse + is_valid").expect("is_valid row");
    let rate = |n: f64, d: Duration| n / d.as_secs_f64();
    let total = |r: &Row| r.valid + r.invalid;
    let mut out = String::new();
    out.push_str(&format!(
        "Workload: {} {what} {} valid and {} with 3 errors each, {:.2} KB on average, \
         {:.1} MB; one core; each contender's fastest pass over rounds that run every \
         contender in turn. Ratios are throughput against the `jsonschema` crate (×iter = against parse + iter_errors, ×is_valid = against parse + is_valid).\n\n",
        workload.valid.len() + workload.invalid.len(),
        workload.valid.len(),
        workload.invalid.len(),
        (valid_bytes + invalid_bytes) / (nv + ni) / 1000.0,
        (valid_bytes + invalid_bytes) / 1e6,
    ));
    out.push_str("| contender | valid: payloads/s | MB/s | ×iter | ×is_valid | invalid: payloads/s | MB/s | ×iter | ×is_valid | all: payloads/s | MB/s | ×iter | ×is_valid |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for row in rows {
        let share = |n: f64, b: f64, d: Duration, iter: Duration, valid: Duration| {
            format!(
                "{:.0} k | {:.0} | {:.2} | {:.2}",
                rate(n, d) / 1000.0,
                rate(b, d) / 1e6,
                iter.as_secs_f64() / d.as_secs_f64(),
                valid.as_secs_f64() / d.as_secs_f64(),
            )
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.name,
            share(
                nv,
                valid_bytes,
                row.valid,
                iter_errors.valid,
                is_valid.valid
            ),
            share(
                ni,
                invalid_bytes,
                row.invalid,
                iter_errors.invalid,
                is_valid.invalid
            ),
            share(
                nv + ni,
                valid_bytes + invalid_bytes,
                total(row),
                total(iter_errors),
                total(is_valid)
            ),
        ));
    }
    for note in notes {
        out.push_str(&format!("\nNot measured: {note}"));
    }
    out.push('\n');
    out
}
