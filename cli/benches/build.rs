//! The build benchmark: what `build --docs` costs against a floor, side by side in one run, and
//! how it grows with the model. One table, on one core (`scripts/bench/build.sh` pins it):
//!
//! - **Corpus rows** (the docs trees named by `MSGRAPH_FULL_DOCS_DIR`, the full tree, and
//!   `MSGRAPH_DOCS_DIR`, the sample; rows of an unset one are skipped and the table says so):
//!   the floor (each page read and parsed by pulldown-cmark with `ENABLE_TABLES`, every event
//!   consumed), the model read (`tree::build_dir`: `read_pages` + `build_pages_with`, pages to
//!   the merged, resolved model), the whole build (the `msgraph-schema build` command run as a
//!   child, writing every output to a temporary folder) with its peak RSS, the model read's
//!   peak RSS (a child of this benchmark), time per page, and where the whole build's time goes.
//! - **Scaling rows**: synthetic docs trees of 500, 1,000, 2,000 and 4,000 types
//!   ([`synthetic_docs`]), generated at run time, each read and built; time per type and its
//!   ratio to the smallest.
//! - **Targets**: model ≤ 3× the floor, whole build ≤ 10×, time per page on the full tree ≤ 1.5×
//!   that on the sample, peak RSS < 500 MB, time per type at the largest size ≤ 1.5× that at
//!   the smallest; each PASS or over.
//!
//! Times are CPU time (user + system) of the thread or child doing the work, the fastest of
//! `--reps` rounds (each round measures everything once, so that a slow spell of a shared
//! machine falls on all figures alike); wall and system time are shown next to it, and the
//! 1-minute load average when the figure was taken. Outputs are written to fresh folders under
//! the temporary folder and all removed at the end: on ext4, creating thousands of files just
//! after deleting thousands costs the kernel several times more (the inode allocator passes
//! over recently deleted inodes), which would fall on whichever figure came next. Every run first checks that the workload is what it
//! claims (the floor parses the pages the build reads; each synthetic tree builds into exactly
//! the types, enums, properties and pages written, with no skip); `--quick` does only that on
//! small sizes with one round, for CI, and judges no figure.
//!
//! `cargo bench --bench build [-- --reps R --sizes 500,1000 --out FILE --quick]`; the table goes
//! to standard output and to `target/bench/build.md` (`target/bench/build-quick.md` with
//! `--quick`).

#[path = "support/synthetic_docs.rs"]
mod synthetic_docs;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use msgraph_schema::emit::json_schema::{layout_base, linked_layout};
use msgraph_schema::emit::rust::rust_crate;
use msgraph_schema::rules::Options;
use msgraph_schema_core::tree::{self, TreeBuild, VersionModel};

/// The command under test.
const CLI: &str = env!("CARGO_BIN_EXE_msgraph-schema");

/// The targets of the issue.
const MODEL_OVER_FLOOR: f64 = 3.0;
const BUILD_OVER_FLOOR: f64 = 10.0;
const PER_PAGE_FULL_OVER_SAMPLE: f64 = 1.5;
const PEAK_RSS_MB: f64 = 500.0;
const PER_TYPE_LARGEST_OVER_SMALLEST: f64 = 1.5;

struct Args {
    reps: usize,
    sizes: Vec<usize>,
    out: PathBuf,
    quick: bool,
}

fn args() -> Args {
    let mut args = Args {
        reps: 3,
        sizes: vec![500, 1_000, 2_000, 4_000],
        out: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/bench/build.md"
        )),
        quick: false,
    };
    let mut out = None;
    let all: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, program, rest @ ..] = &all[..]
        && flag == "--rusage"
    {
        rusage_helper(program, rest);
    }
    if let [flag, dir, out] = &all[..]
        && flag == "--stages"
    {
        stages_child(dir, out);
    }
    let mut it = all.into_iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the flag");
        match arg.as_str() {
            "--reps" => args.reps = value().parse().expect("--reps R"),
            "--sizes" => {
                args.sizes = value()
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes N,N,…"))
                    .collect();
            }
            "--out" => out = Some(PathBuf::from(value())),
            "--quick" => {
                args.quick = true;
                args.reps = 1;
                args.sizes = vec![100, 200];
            }
            // The model read alone, in a child whose peak RSS the parent reads.
            "--peak-model" => {
                let build = tree::build_dir(Path::new(&value())).expect("the docs folder");
                std::hint::black_box(build.types());
                std::process::exit(0);
            }
            "--bench" => {} // passed by `cargo bench`
            other => panic!(
                "unknown argument {other:?}: use --reps R, --sizes N,N,…, --out FILE, --quick"
            ),
        }
    }
    args.out = out.unwrap_or_else(|| {
        // Under the workspace's target folder, whatever the working folder.
        PathBuf::from(if args.quick {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/bench/build-quick.md"
            )
        } else {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench/build.md")
        })
    });
    assert!(
        args.sizes.iter().all(|&size| size >= 10 && size % 10 == 0),
        "sizes are multiples of 10"
    );
    args
}

fn main() {
    let args = args();
    let scratch = std::env::temp_dir().join(format!("msgraph-bench-build-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let started_load = load_average();

    let mut notes = Vec::new();
    let corpora: Vec<Corpus> = [
        ("full tree", "MSGRAPH_FULL_DOCS_DIR"),
        ("sample", "MSGRAPH_DOCS_DIR"),
    ]
    .into_iter()
    .filter_map(|(label, var)| match std::env::var_os(var) {
        Some(dir) => Some(Corpus::new(label, var, PathBuf::from(dir))),
        None => {
            let note = format!("{var} is unset: the {label} rows are skipped");
            eprintln!("{note}");
            notes.push(note);
            None
        }
    })
    .collect();
    let mut synthetic: Vec<Synthetic> = args
        .sizes
        .iter()
        .map(|&types| Synthetic::new(&scratch, types))
        .collect();

    // Rounds: every figure once per round; each keeps its fastest.
    let mut corpora = corpora;
    for round in 1..=args.reps.max(1) {
        eprintln!("round {round} of {}", args.reps.max(1));
        for corpus in &mut corpora {
            corpus.measure(&scratch, round, args.quick);
        }
        for size in &mut synthetic {
            size.measure(&scratch, round);
        }
    }
    if !args.quick {
        for corpus in &mut corpora {
            corpus.peak_model = Some(peak_model(&corpus.dir));
        }
    }
    let ended_load = load_average();

    let table = render(
        &args,
        &corpora,
        &synthetic,
        &notes,
        started_load,
        ended_load,
    );
    print!("{table}");
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).expect("the output folder");
    }
    std::fs::write(&args.out, &table).expect("writing the table");
    eprintln!("table written to {}", args.out.display());
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The cost of one run of something: wall time, CPU time and the load average when it ran.
#[derive(Clone, Copy, Debug)]
struct Cost {
    wall: Duration,
    /// User + system.
    cpu: Duration,
    /// System alone (in `cpu`).
    sys: Duration,
    load: f64,
}

impl Cost {
    const NONE: Cost = Cost {
        wall: Duration::MAX,
        cpu: Duration::MAX,
        sys: Duration::MAX,
        load: 0.0,
    };

    /// The faster of two runs, by CPU time (wall time: the faster too).
    fn best(self, other: Cost) -> Cost {
        let faster = if other.cpu < self.cpu { other } else { self };
        Cost {
            wall: self.wall.min(other.wall),
            ..faster
        }
    }

    fn measured(&self) -> bool {
        self.cpu != Duration::MAX
    }

    fn seconds(&self) -> f64 {
        self.cpu.as_secs_f64()
    }
}

/// CPU time of the calling thread: user + system, and system alone.
fn thread_cpu() -> (Duration, Duration) {
    // SAFETY: an all-zero `rusage` is valid; `getrusage` fills it through a valid pointer.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    assert_eq!(done, 0, "getrusage");
    let (user, sys) = (duration(usage.ru_utime), duration(usage.ru_stime));
    (user + sys, sys)
}

fn duration(time: libc::timeval) -> Duration {
    Duration::new(time.tv_sec as u64, time.tv_usec as u32 * 1_000)
}

/// Runs `work` on this thread; its result and cost.
fn measure<T>(work: impl FnOnce() -> T) -> (T, Cost) {
    let load = load_average();
    let (wall, (cpu, sys)) = (Instant::now(), thread_cpu());
    let out = std::hint::black_box(work());
    let (cpu_after, sys_after) = thread_cpu();
    let cost = Cost {
        cpu: cpu_after - cpu,
        sys: sys_after - sys,
        wall: wall.elapsed(),
        load,
    };
    (out, cost)
}

/// A child process's run: its cost, peak RSS and standard output.
struct ChildRun {
    cost: Cost,
    max_rss_bytes: u64,
    stdout: Vec<u8>,
}

/// Runs `program` with `args` to its end and reads its resource usage; panics unless it
/// succeeds.
///
/// The run goes through this benchmark started afresh with `--rusage` ([`rusage_helper`]):
/// a process started from a large one (this benchmark, once it holds a docs tree) inherits
/// the large one's peak RSS in its own `ru_maxrss` (Linux records the old memory's peak at
/// `exec`), while the helper's memory is a few megabytes when it starts the program.
fn run_child(program: &Path, args: &[&std::ffi::OsStr]) -> ChildRun {
    let exe = std::env::current_exe().expect("this benchmark's path");
    let load = load_average();
    let output = Command::new(exe)
        .arg("--rusage")
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the helper starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut usage = None;
    for line in stderr.lines() {
        match line.strip_prefix(RUSAGE_LINE) {
            Some(figures) => usage = Some(figures.to_owned()),
            None => eprintln!("{line}"),
        }
    }
    assert!(
        output.status.success(),
        "{} {args:?} failed: {}",
        program.display(),
        output.status
    );
    let figures: Vec<u64> = usage
        .expect("the helper's figures")
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    let [wall, cpu, sys, max_rss_kb] = figures[..] else {
        panic!("the helper's figures: {figures:?}");
    };
    ChildRun {
        cost: Cost {
            wall: Duration::from_nanos(wall),
            cpu: Duration::from_nanos(cpu),
            sys: Duration::from_nanos(sys),
            load,
        },
        max_rss_bytes: max_rss_kb * 1024,
        stdout: output.stdout,
    }
}

/// How the helper's last line of standard error starts: wall, CPU (user + system) and system
/// nanoseconds, then peak RSS in kilobytes.
const RUSAGE_LINE: &str = "msgraph-bench rusage: ";

/// `--rusage PROGRAM ARGS…`: runs the program (standard output and error passed through),
/// waits for it with `wait4` and prints its wall time, CPU time and peak RSS; exits with the
/// program's status.
fn rusage_helper(program: &str, args: &[String]) -> ! {
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {program}: {err}"));
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid; `wait4` fills it and `status` for our own child,
    // which `std` has not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4");
    let (user, sys) = (duration(usage.ru_utime), duration(usage.ru_stime));
    eprintln!(
        "{RUSAGE_LINE}{} {} {} {}",
        wall.as_nanos(),
        (user + sys).as_nanos(),
        sys.as_nanos(),
        usage.ru_maxrss
    );
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        1
    };
    std::process::exit(code)
}

/// The 1-minute load average.
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

/// `build --docs dir --out out --format json` as a child; its run and its summary.
fn cli_build(dir: &Path, out: &Path) -> (ChildRun, serde_json::Value) {
    let run = run_child(
        Path::new(CLI),
        &[
            "build".as_ref(),
            "--docs".as_ref(),
            dir.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
    );
    let summary = serde_json::from_slice(&run.stdout).expect("the build's JSON summary");
    (run, summary)
}

/// The peak RSS of the model read alone: this benchmark run as a child with `--peak-model`.
fn peak_model(dir: &Path) -> u64 {
    let exe = std::env::current_exe().expect("this benchmark's path");
    run_child(&exe, &["--peak-model".as_ref(), dir.as_os_str()]).max_rss_bytes
}

/// The pages the build reads ([`tree::page_files`]).
fn layout_files(dir: &Path) -> Vec<(String, PathBuf)> {
    tree::page_files(dir).expect("a readable docs folder")
}

/// The floor: every page the build reads, read and parsed by pulldown-cmark with tables on,
/// every event consumed. The number of pages and events.
fn floor(dir: &Path) -> (usize, usize) {
    let mut events = 0;
    let files = layout_files(dir);
    for (_, path) in &files {
        let bytes = std::fs::read(path).expect("a page");
        let text = String::from_utf8_lossy(&bytes);
        for event in pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES)
        {
            std::hint::black_box(&event);
            events += 1;
        }
    }
    (files.len(), events)
}

/// One docs tree given by an environment variable, and its figures.
struct Corpus {
    label: &'static str,
    var: &'static str,
    dir: PathBuf,
    pages: usize,
    bytes: u64,
    types: usize,
    enums: usize,
    floor: Cost,
    model: Cost,
    build: Cost,
    build_rss: u64,
    peak_model: Option<u64>,
    stages: Vec<Stage>,
}

impl Corpus {
    /// Reads the tree once and checks that the floor walks the pages the build reads.
    fn new(label: &'static str, var: &'static str, dir: PathBuf) -> Corpus {
        let pages =
            tree::read_pages(&dir).unwrap_or_else(|err| panic!("{var}={}: {err}", dir.display()));
        assert!(!pages.is_empty(), "{var}: no page in the docs layout");
        let mut walked: Vec<String> = layout_files(&dir).into_iter().map(|(r, _)| r).collect();
        walked.sort();
        let read: Vec<&str> = pages.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(walked, read, "the floor reads the pages the build reads");
        let bytes = layout_files(&dir)
            .iter()
            .map(|(_, path)| std::fs::metadata(path).map_or(0, |m| m.len()))
            .sum();
        let build = tree::build_pages(&pages);
        assert_eq!(build.pages, pages.len());
        Corpus {
            label,
            var,
            dir,
            pages: pages.len(),
            bytes,
            types: build.types(),
            enums: build.enums(),
            floor: Cost::NONE,
            model: Cost::NONE,
            build: Cost::NONE,
            build_rss: 0,
            peak_model: None,
            stages: Vec::new(),
        }
    }

    fn measure(&mut self, scratch: &Path, round: usize, quick: bool) {
        let ((pages, events), cost) = measure(|| floor(&self.dir));
        assert_eq!(pages, self.pages, "the floor parses every page");
        assert!(events > pages, "the floor consumes the events");
        self.floor = self.floor.best(cost);

        let (build, cost) = measure(|| tree::build_dir(&self.dir).expect("the docs folder"));
        self.check(&build);
        drop(build);
        self.model = self.model.best(cost);

        let out = scratch.join(format!("out-{}-{round}", self.label.replace(' ', "-")));
        let (run, summary) = cli_build(&self.dir, &out);
        assert_eq!(summary["pages"], self.pages, "the CLI builds every page");
        assert_eq!(summary["types"], self.types, "the CLI builds every type");
        assert_eq!(summary["enums"], self.enums, "the CLI builds every enum");
        self.build = self.build.best(run.cost);
        self.build_rss = self.build_rss.max(run.max_rss_bytes);

        if !quick {
            let out = scratch.join(format!("stages-{}-{round}", self.label.replace(' ', "-")));
            let stages = stages_in_child(&self.dir, &out);
            if self.stages.is_empty() {
                self.stages = stages;
            } else {
                for ((_, kept, kept_peak), (_, cost, peak)) in self.stages.iter_mut().zip(stages) {
                    *kept = kept.best(cost);
                    *kept_peak = (*kept_peak).max(peak);
                }
            }
        }
    }

    fn check(&self, build: &TreeBuild) {
        assert_eq!(build.pages, self.pages);
        assert_eq!(build.types(), self.types);
        assert_eq!(build.enums(), self.enums);
    }
}

/// One stage of the build: its name, cost and the peak RSS of the process running the stages
/// during it (what earlier stages hold included; `None` where `/proc/self/clear_refs` cannot
/// reset the peak).
type Stage = (String, Cost, Option<u64>);

/// How each line of `--stages`' output starts: CPU, system and wall nanoseconds, peak RSS in
/// bytes (0: unknown) and the load average, then the stage's name.
const STAGE_LINE: &str = "msgraph-bench stage: ";

/// The stages of a build of `dir` writing under `out`, run in a fresh process (this benchmark
/// with `--stages`), so that the peak RSS of each is the build's own.
fn stages_in_child(dir: &Path, out: &Path) -> Vec<Stage> {
    let exe = std::env::current_exe().expect("this benchmark's path");
    let output = Command::new(exe)
        .arg("--stages")
        .arg(dir)
        .arg(out)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("the stages' child starts");
    assert!(
        output.status.success(),
        "--stages failed: {}",
        output.status
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix(STAGE_LINE))
        .map(|line| {
            let mut fields = line.splitn(6, ' ');
            let mut number = || {
                fields
                    .next()
                    .expect("a field")
                    .parse::<f64>()
                    .expect("a number")
            };
            let (cpu, sys, wall, peak, load) = (number(), number(), number(), number(), number());
            let name = fields.next().expect("a name").to_owned();
            let cost = Cost {
                cpu: Duration::from_nanos(cpu as u64),
                sys: Duration::from_nanos(sys as u64),
                wall: Duration::from_nanos(wall as u64),
                load,
            };
            (name, cost, (peak > 0.0).then_some(peak as u64))
        })
        .collect()
}

/// `--stages DIR OUT`: prints the stages of a build of `DIR` writing under `OUT`.
fn stages_child(dir: &str, out: &str) -> ! {
    for (name, cost, peak) in stages(Path::new(dir), Path::new(out)) {
        println!(
            "{STAGE_LINE}{} {} {} {} {} {name}",
            cost.cpu.as_nanos(),
            cost.sys.as_nanos(),
            cost.wall.as_nanos(),
            peak.unwrap_or(0),
            cost.load
        );
    }
    std::process::exit(0)
}

/// Where the whole build's time goes, stage by stage, as `build` runs them (each stage's output
/// is the next one's input; schemas, model file and Rust crate written under `out`).
fn stages(dir: &Path, out: &Path) -> Vec<Stage> {
    let mut stages = Vec::new();
    let mut stage = |name: &'static str, work: &mut dyn FnMut()| {
        let reset = reset_peak_rss();
        let ((), cost) = measure(work);
        stages.push((name.to_owned(), cost, reset.then(peak_rss).flatten()));
    };
    let mut pages = Vec::new();
    stage("read_pages (walk + read)", &mut || {
        pages = tree::read_pages(dir).expect("the docs folder");
    });
    stage("markdown::blocks, every page", &mut || {
        let blocks: usize = pages
            .iter()
            .map(|(_, text)| msgraph_schema_core::markdown::blocks(text).len())
            .sum();
        std::hint::black_box(blocks);
    });
    stage("page::scan_page, every page (incl. blocks)", &mut || {
        let rows: usize = pages
            .iter()
            .map(|(path, text)| {
                msgraph_schema_core::page::scan_page(path, text)
                    .properties
                    .len()
            })
            .sum();
        std::hint::black_box(rows);
    });
    let mut build = TreeBuild::default();
    stage("tree::build_pages (incl. scan)", &mut || {
        build = tree::build_pages(&pages);
    });
    let options = Options::default();
    let mut layouts = Vec::new();
    stage("JSON Schemas: linked_layout (values)", &mut || {
        layouts = build
            .models
            .iter()
            .map(|version| {
                let index = version.model.index();
                let base = layout_base(&version.parts().join("/"));
                linked_layout(&index, &options, &base)
            })
            .collect();
    });
    stage("JSON Schemas: serialised and written", &mut || {
        for (version, layout) in build.models.iter().zip(std::mem::take(&mut layouts)) {
            let dir = version_dir(out, version);
            std::fs::create_dir_all(&dir).expect("the output folder");
            for (name, schema) in layout {
                let text = serde_json::to_string_pretty(&schema).expect("JSON") + "\n";
                std::fs::write(dir.join(name), text).expect("a schema file");
            }
        }
    });
    stage("model.bin: model_file::write", &mut || {
        for version in &build.models {
            msgraph_schema::model_file::write(&version_dir(out, version), &version.model)
                .expect("the model file");
        }
    });
    stage("Rust crate: rust_crate + write", &mut || {
        for version in &build.models {
            let krate = rust_crate(&version.model);
            let src = version_dir(out, version).join("rust/src");
            std::fs::create_dir_all(&src).expect("the crate's folder");
            std::fs::write(src.join("lib.rs"), krate.lib).expect("lib.rs");
            for module in krate.modules {
                std::fs::write(src.join(format!("{}.rs", module.name)), module.source)
                    .expect("a module");
            }
        }
    });
    stage("dropping the pages and model", &mut || {
        drop(std::mem::take(&mut build));
        drop(std::mem::take(&mut pages));
    });
    stages
}

/// Resets this process's peak RSS to its current RSS; whether that worked.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// This process's peak RSS (`VmHWM`), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `out/<tree>/<version>`, as `build` lays the outputs out.
fn version_dir(out: &Path, version: &VersionModel) -> PathBuf {
    version.folder(out)
}

/// One synthetic tree and its figures.
struct Synthetic {
    types: usize,
    dir: PathBuf,
    shape: synthetic_docs::Shape,
    bytes: u64,
    model: Cost,
    build: Cost,
    build_rss: u64,
}

impl Synthetic {
    /// Writes the tree of `types` types and checks that it builds into what was written.
    fn new(scratch: &Path, types: usize) -> Synthetic {
        let dir = scratch.join(format!("synthetic-{types}"));
        let shape = synthetic_docs::write_tree(&dir, types).expect("writing the synthetic tree");
        assert_eq!(shape.structs + shape.enums, types);
        let bytes = layout_files(&dir)
            .iter()
            .map(|(_, path)| std::fs::metadata(path).map_or(0, |m| m.len()))
            .sum();
        let synthetic = Synthetic {
            types,
            dir,
            shape,
            bytes,
            model: Cost::NONE,
            build: Cost::NONE,
            build_rss: 0,
        };
        synthetic.check(&tree::build_dir(&synthetic.dir).expect("the synthetic tree"));
        synthetic
    }

    /// The build holds exactly the types, enums, properties and pages written, with no skip
    /// or conflict, and every reference resolved.
    fn check(&self, build: &TreeBuild) {
        let shape = &self.shape;
        assert!(build.skipped.is_empty(), "{:?}", &build.skipped[..1]);
        assert!(build.conflicts.is_empty(), "{:?}", &build.conflicts[..1]);
        assert_eq!(build.pages, shape.pages, "pages");
        assert_eq!(build.pages_with_tables, shape.pages_with_tables, "tables");
        assert_eq!(build.pages_built, shape.pages_with_tables, "pages built");
        assert_eq!(build.types(), shape.structs, "structured types");
        assert_eq!(build.enums(), shape.enums, "enums");
        let model = build.model(".", "v1.0").expect("the v1.0 model");
        let properties: usize = model.structs.iter().map(|s| s.properties.len()).sum();
        assert_eq!(properties, shape.properties, "properties");
        let index = model.index();
        for ty in &model.structs {
            for property in ty.properties.iter() {
                match &property.ty {
                    msgraph_schema::model::TypeRef::Struct(name) => {
                        assert!(index.struct_id(name).is_some(), "{name}")
                    }
                    msgraph_schema::model::TypeRef::Enum(name) => {
                        assert!(model.enums.iter().any(|e| e.name == *name), "{name}")
                    }
                    msgraph_schema::model::TypeRef::Primitive(_) => {}
                }
            }
        }
        let operations = model.structs.iter().filter(|s| s.operation.is_some());
        assert_eq!(
            operations.count(),
            shape.operations,
            "one operation type per action page"
        );
    }

    fn measure(&mut self, scratch: &Path, round: usize) {
        let (build, cost) = measure(|| tree::build_dir(&self.dir).expect("the synthetic tree"));
        assert_eq!(build.types(), self.shape.structs);
        assert_eq!(build.enums(), self.shape.enums);
        drop(build);
        self.model = self.model.best(cost);

        let out = scratch.join(format!("out-synthetic-{}-{round}", self.types));
        let (run, summary) = cli_build(&self.dir, &out);
        assert_eq!(summary["types"], self.shape.structs);
        assert_eq!(summary["enums"], self.shape.enums);
        assert_eq!(summary["skipped"].as_array().map(Vec::len), Some(0));
        let schemas = std::fs::read_dir(out.join("v1.0"))
            .expect("the version's folder")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".schema.json"))
            })
            .count();
        assert_eq!(
            schemas,
            self.shape.structs + 1,
            "a schema per type and the bundle"
        );
        self.build = self.build.best(run.cost);
        self.build_rss = self.build_rss.max(run.max_rss_bytes);
    }
}

/// One figure of a corpus, for rows that read the same figure of each.
type CorpusFigure = fn(&Corpus) -> Cost;

fn seconds(cost: &Cost) -> String {
    format!(
        "{:.3} s (wall {:.3}, sys {:.3})",
        cost.cpu.as_secs_f64(),
        cost.wall.as_secs_f64(),
        cost.sys.as_secs_f64()
    )
}

fn micros(value: f64) -> String {
    format!("{:.1} µs", value * 1e6)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn verdict(value: f64, limit: f64, quick: bool) -> &'static str {
    if quick {
        "not judged (--quick)"
    } else if value <= limit {
        "PASS"
    } else {
        "over"
    }
}

fn render(
    args: &Args,
    corpora: &[Corpus],
    synthetic: &[Synthetic],
    notes: &[String],
    started_load: f64,
    ended_load: f64,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Build benchmark{}: one core; each figure the fastest of {} round(s), CPU time (user + system) \
         with wall time in brackets; load = the 1-minute load average when the fastest run \
         started (this run: {started_load:.2} at the start, {ended_load:.2} at the end).\n",
        if args.quick {
            " (--quick: a smoke test of the workloads, figures not meaningful)"
        } else {
            ""
        },
        args.reps.max(1),
    );
    for note in notes {
        let _ = writeln!(out, "Not measured: {note}.\n");
    }
    let mut targets: Vec<(String, String, &'static str)> = Vec::new();
    if !corpora.is_empty() {
        let _ = writeln!(
            out,
            "Corpora: {}.\n",
            corpora
                .iter()
                .map(|c| format!(
                    "{} = `{}` ({}: {} pages, {:.1} MB, model of {} types and {} enums)",
                    c.label,
                    c.dir.display(),
                    c.var,
                    c.pages,
                    c.bytes as f64 / 1e6,
                    c.types,
                    c.enums
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let mut header = String::from("| measure |");
        let mut rule = String::from("|---|");
        for corpus in corpora {
            let _ = write!(
                header,
                " {}: time | per page | × floor | load |",
                corpus.label
            );
            rule.push_str("---:|---:|---:|---:|");
        }
        let _ = writeln!(out, "{header}\n{rule}");
        let rows: [(&str, CorpusFigure); 3] = [
            (
                "floor: read + pulldown-cmark parse (tables), events consumed",
                |c| c.floor,
            ),
            (
                "model: `tree::build_dir` (read_pages + build_pages_with)",
                |c| c.model,
            ),
            (
                "whole build: `msgraph-schema build`, every output written",
                |c| c.build,
            ),
        ];
        for (name, cost) in rows {
            let _ = write!(out, "| {name} |");
            for corpus in corpora {
                let c = cost(corpus);
                let _ = write!(
                    out,
                    " {} | {} | {:.2}× | {:.2} |",
                    seconds(&c),
                    micros(c.seconds() / corpus.pages as f64),
                    c.seconds() / corpus.floor.seconds(),
                    c.load
                );
            }
            out.push('\n');
        }
        let _ = write!(out, "| peak RSS, whole build (child's rusage) |");
        for corpus in corpora {
            let _ = write!(out, " {} | | | |", megabytes(corpus.build_rss));
        }
        out.push('\n');
        if corpora.iter().any(|c| c.peak_model.is_some()) {
            let _ = write!(out, "| peak RSS, model read alone (child's rusage) |");
            for corpus in corpora {
                let _ = write!(
                    out,
                    " {} | | | |",
                    corpus.peak_model.map_or("–".to_owned(), megabytes)
                );
            }
            out.push('\n');
        }
        out.push('\n');
        if corpora.iter().all(|c| !c.stages.is_empty()) {
            let _ = writeln!(
                out,
                "Where the whole build's time goes: its stages run one after the other in a \
                 fresh process, as `build` runs them (peak RSS: that process's during the stage, \
                 what earlier stages hold included).\n"
            );
            let mut header = String::from("| stage |");
            let mut rule = String::from("|---|");
            for corpus in corpora {
                let _ = write!(
                    header,
                    " {}: time | per page | × floor | peak RSS | load |",
                    corpus.label
                );
                rule.push_str("---:|---:|---:|---:|---:|");
            }
            let _ = writeln!(out, "{header}\n{rule}");
            for at in 0..corpora[0].stages.len() {
                let _ = write!(out, "| {} |", corpora[0].stages[at].0);
                for corpus in corpora {
                    let (_, c, peak) = &corpus.stages[at];
                    let (c, peak) = (*c, *peak);
                    let _ = write!(
                        out,
                        " {} | {} | {:.2}× | {} | {:.2} |",
                        seconds(&c),
                        micros(c.seconds() / corpus.pages as f64),
                        c.seconds() / corpus.floor.seconds(),
                        peak.map_or("–".to_owned(), megabytes),
                        c.load
                    );
                }
                out.push('\n');
            }
            out.push('\n');
        }

        // The targets on the full tree (else on whichever tree there is).
        let judged = &corpora[0];
        for (what, cost, limit) in [
            ("model", judged.model, MODEL_OVER_FLOOR),
            ("whole build", judged.build, BUILD_OVER_FLOOR),
        ] {
            targets.push((
                format!("{what} ≤ {limit}× the floor ({})", judged.label),
                format!("{:.2}×", cost.seconds() / judged.floor.seconds()),
                verdict(cost.seconds() / judged.floor.seconds(), limit, args.quick),
            ));
        }
        if let [full, sample] = corpora {
            for (what, cost) in [
                ("model", (|c: &Corpus| c.model) as CorpusFigure),
                ("whole build", |c: &Corpus| c.build),
                ("floor (for reference)", |c: &Corpus| c.floor),
            ] {
                let per_page = |c: &Corpus| cost(c).seconds() / c.pages as f64;
                let ratio = per_page(full) / per_page(sample);
                let judged = !what.starts_with("floor");
                targets.push((
                    format!(
                        "{what}: time per page, full tree ≤ {PER_PAGE_FULL_OVER_SAMPLE}× the sample's"
                    ),
                    format!(
                        "{ratio:.2}× ({} vs {})",
                        micros(per_page(full)),
                        micros(per_page(sample))
                    ),
                    if judged {
                        verdict(ratio, PER_PAGE_FULL_OVER_SAMPLE, args.quick)
                    } else {
                        ""
                    },
                ));
            }
        }
        let peak = corpora.iter().map(|c| c.build_rss).max().unwrap_or(0);
        targets.push((
            format!("peak RSS < {PEAK_RSS_MB} MB (whole build)"),
            megabytes(peak),
            verdict(peak as f64 / 1e6, PEAK_RSS_MB, args.quick),
        ));
    }

    if !synthetic.is_empty() {
        let smallest = &synthetic[0];
        let _ = writeln!(
            out,
            "Scaling: synthetic docs trees generated at run time (resource, enum, create, action \
             and get pages; types = structured types + enums; time per type = time ÷ types; \
             × smallest = time per type ÷ that of the {}-type tree; growth = time ÷ the previous \
             size's, for a size {}× larger).\n",
            smallest.types,
            synthetic
                .windows(2)
                .map(|w| format!("{}", w[1].types as f64 / w[0].types as f64))
                .next()
                .unwrap_or_else(|| "–".to_owned())
        );
        let _ = writeln!(
            out,
            "| types | structs + enums | pages | MB | model: time | per type | × smallest | growth | load | whole build: time | per type | × smallest | growth | load | peak RSS |"
        );
        let _ = writeln!(
            out,
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let per_type = |s: &Synthetic, c: Cost| c.seconds() / s.types as f64;
        for (at, size) in synthetic.iter().enumerate() {
            let growth = |c: fn(&Synthetic) -> Cost| match at {
                0 => "–".to_owned(),
                _ => format!(
                    "{:.2}×",
                    c(size).seconds() / c(&synthetic[at - 1]).seconds()
                ),
            };
            let _ = writeln!(
                out,
                "| {} | {} + {} | {} | {:.1} | {} | {} | {:.2}× | {} | {:.2} | {} | {} | {:.2}× | {} | {:.2} | {} |",
                size.types,
                size.shape.structs,
                size.shape.enums,
                size.shape.pages,
                size.bytes as f64 / 1e6,
                seconds(&size.model),
                micros(per_type(size, size.model)),
                per_type(size, size.model) / per_type(smallest, smallest.model),
                growth(|s| s.model),
                size.model.load,
                seconds(&size.build),
                micros(per_type(size, size.build)),
                per_type(size, size.build) / per_type(smallest, smallest.build),
                growth(|s| s.build),
                size.build.load,
                megabytes(size.build_rss),
            );
        }
        out.push('\n');
        let largest = &synthetic[synthetic.len() - 1];
        for (what, cost) in [
            ("model", (|s: &Synthetic| s.model) as fn(&Synthetic) -> Cost),
            ("whole build", |s: &Synthetic| s.build),
        ] {
            let ratio = per_type(largest, cost(largest)) / per_type(smallest, cost(smallest));
            targets.push((
                format!(
                    "{what}: time per type at {} types ≤ {PER_TYPE_LARGEST_OVER_SMALLEST}× that at {}",
                    largest.types, smallest.types
                ),
                format!("{ratio:.2}×"),
                verdict(ratio, PER_TYPE_LARGEST_OVER_SMALLEST, args.quick),
            ));
        }
    }

    if !targets.is_empty() {
        let _ = writeln!(out, "| target | figure | verdict |\n|---|---:|---|");
        for (name, figure, verdict) in &targets {
            let _ = writeln!(out, "| {name} | {figure} | {verdict} |");
        }
    }
    debug_assert!(corpora.iter().all(|c| c.floor.measured()));
    out
}
