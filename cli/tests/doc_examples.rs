//! The documentation's command-line examples, run. In `README.md` and `docs/*.md`, every line
//! of a `console` block that starts with `$ cargo run -q -- ` or `$ msgraph-schema ` is a
//! command: it is run with the binary that `cargo test` built, from the repository's root, and
//! every output line shown under it (up to the next `$` line or the block's end) must be a line
//! of its actual standard output or standard error. A line written `...` stands for lines left
//! out; trailing whitespace is ignored. An example whose arguments name an environment variable
//! (`$MSGRAPH_DOCS_DIR`) is skipped, saying so, unless the variable is set.
//!
//! Also checked here, since rustdoc and readers depend on them: every page of `docs/` is
//! included as a doc test by `src/lib.rs`, every fenced block names its language, and no
//! `## ` heading repeats within a page.

mod support;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use support::repository_root;

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_msgraph-schema");

/// How a documented command line starts.
const PREFIXES: [&str; 2] = ["$ cargo run -q -- ", "$ msgraph-schema "];

/// Fewer commands than this means the extraction broke (the docs hold more).
const AT_LEAST: usize = 20;

/// Where the examples may write (`--out`), under the repository's root.
const SCRATCH: &str = "target/doc-examples";

/// One documented command and the output lines shown under it.
#[derive(Debug)]
struct Example {
    /// `file:line` of the command.
    place: String,
    /// The command as written, without its `$ ` and prefix.
    command: String,
    expected: Vec<String>,
}

/// A fenced block of a page: its info string's first word, its first line's number and its
/// lines (the fence's indentation removed).
struct Block {
    language: String,
    first_line: usize,
    lines: Vec<String>,
}

/// `README.md`, then `docs/*.md` by name.
fn pages() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repository_root().join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("a docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    assert!(!docs.is_empty(), "no pages in docs/");
    let mut pages = vec![repository_root().join("README.md")];
    pages.extend(docs);
    pages
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repository_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The page's text outside fenced blocks (one entry per line, with its number) and its
/// fenced blocks.
fn split_page(text: &str) -> (Vec<(usize, &str)>, Vec<Block>) {
    let mut prose = Vec::new();
    let mut blocks = Vec::new();
    // The open block: its fence's indentation, fence characters and the block so far.
    let mut open: Option<(usize, String, Block)> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match &mut open {
            Some((fence_indent, fence, block)) => {
                if trimmed.starts_with(fence.as_str()) && trimmed.trim_end() == fence.as_str() {
                    let (_, _, block) = open.take().expect("an open block");
                    blocks.push(block);
                } else {
                    let strip = indent.min(*fence_indent);
                    block.lines.push(line[strip..].to_owned());
                }
            }
            None => {
                let fence_char = trimmed.chars().next();
                let fence_len = trimmed
                    .chars()
                    .take_while(|&c| Some(c) == fence_char)
                    .count();
                if matches!(fence_char, Some('`' | '~')) && fence_len >= 3 {
                    let fence: String = trimmed[..fence_len].to_owned();
                    let language = trimmed[fence_len..]
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .next()
                        .unwrap_or("")
                        .to_owned();
                    let block = Block {
                        language,
                        first_line: number + 1,
                        lines: Vec::new(),
                    };
                    open = Some((indent, fence, block));
                } else {
                    prose.push((number, line));
                }
            }
        }
    }
    assert!(open.is_none(), "a fenced block is never closed");
    (prose, blocks)
}

/// The commands of a page's `console` blocks and the output shown under each.
fn examples(file: &str, text: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    for block in split_page(text).1 {
        if block.language != "console" {
            continue;
        }
        let mut current: Option<Example> = None;
        for (offset, line) in block.lines.iter().enumerate() {
            if line.starts_with("$ ") {
                examples.extend(current.take());
                current = PREFIXES
                    .iter()
                    .find_map(|prefix| line.strip_prefix(prefix))
                    .map(|command| Example {
                        place: format!("{file}:{}", block.first_line + offset),
                        command: command.trim().to_owned(),
                        expected: Vec::new(),
                    });
            } else if let Some(example) = &mut current {
                example.expected.push(line.trim_end().to_owned());
            }
        }
        examples.extend(current);
    }
    examples
}

/// Why a documented command is not run.
#[derive(Debug)]
enum NotRun {
    /// It names an environment variable that is not set: skipped, saying so.
    Unset(String),
    /// It cannot be run as written (a pipe, a redirection, …): a failure of the docs.
    Unrunnable(String),
}

/// Splits a command line into arguments as a POSIX shell would for the simple cases the docs
/// use: blanks between words, '…' and "…" quoting, `\` escapes outside single quotes, and
/// `$NAME` expanded from the environment (outside single quotes).
fn split_args(command: &str) -> Result<Vec<String>, NotRun> {
    let unrunnable = |why: &str| NotRun::Unrunnable(why.to_owned());
    let mut args = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('\''), c) => word.get_or_insert_default().push(c),
            (_, '\\') => {
                let escaped = chars.next().ok_or(unrunnable("a trailing backslash"))?;
                word.get_or_insert_default().push(escaped);
            }
            (_, '$') => {
                let mut name = String::new();
                while let Some(&next) = chars.peek() {
                    if !(next.is_ascii_alphanumeric() || next == '_') {
                        break;
                    }
                    name.push(next);
                    chars.next();
                }
                if name.is_empty() {
                    return Err(unrunnable("a `$` that names no variable"));
                }
                let value = std::env::var(&name)
                    .map_err(|_| NotRun::Unset(format!("${name} is not set")))?;
                word.get_or_insert_default().push_str(&value);
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => args.extend(word.take()),
            (None, '|' | '>' | '<' | ';' | '&' | '`' | '(' | ')' | '*' | '?') => {
                return Err(unrunnable(&format!(
                    "shell syntax `{c}`: write the example without it"
                )));
            }
            (_, c) => word.get_or_insert_default().push(c),
        }
    }
    if quote.is_some() {
        return Err(unrunnable("an unclosed quote"));
    }
    args.extend(word);
    Ok(args)
}

#[test]
fn split_args_reads_quotes_and_refuses_shell_syntax() {
    assert_eq!(
        split_args(r#"validate --type 'a b' "c d" e\ f"#).unwrap(),
        ["validate", "--type", "a b", "c d", "e f"]
    );
    assert_eq!(split_args("x ''").unwrap(), ["x", ""]);
    assert!(
        matches!(split_args("export | head"), Err(NotRun::Unrunnable(why)) if why.contains('|'))
    );
    assert!(matches!(
        split_args("sample > out"),
        Err(NotRun::Unrunnable(_))
    ));
    assert!(matches!(
        split_args("build --docs $MSGRAPH_SURELY_UNSET_VARIABLE_FOR_THIS_TEST"),
        Err(NotRun::Unset(_))
    ));
}

#[test]
fn extraction_finds_commands_and_their_output() {
    let page = "\
Text.

```console
$ cargo run -q -- validate a.json
first line   
...
last line
$ cargo test
not ours
$ msgraph-schema lint --docs d
```

- item

  ```console
  $ msgraph-schema sample -n 1
  {\"raw\"}
  ```

```sh
$ msgraph-schema not-a-console-block
```
";
    let found = examples("page.md", page);
    let summary: Vec<(&str, &str, Vec<&str>)> = found
        .iter()
        .map(|e| {
            let expected = e.expected.iter().map(String::as_str).collect();
            (e.place.as_str(), e.command.as_str(), expected)
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "page.md:4",
                "validate a.json",
                vec!["first line", "...", "last line"]
            ),
            ("page.md:10", "lint --docs d", vec![]),
            ("page.md:16", "sample -n 1", vec!["{\"raw\"}"]),
        ]
    );
}

/// What became of one example.
enum Outcome {
    Matched,
    Skipped(String),
    Failed(String),
}

/// Runs one example and compares its output with the lines shown.
fn check(example: &Example) -> Outcome {
    let args = match split_args(&example.command) {
        Ok(args) => args,
        Err(NotRun::Unset(why)) => return Outcome::Skipped(why),
        Err(NotRun::Unrunnable(why)) => return Outcome::Failed(why),
    };
    let output = match Command::new(BIN)
        .args(&args)
        .current_dir(repository_root())
        .output()
    {
        Ok(output) => output,
        Err(err) => return Outcome::Failed(format!("cannot run {BIN}: {err}")),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let actual: HashSet<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .map(str::trim_end)
        .collect();
    let mut problems = Vec::new();
    // 0 valid, 1 invalid or findings, 2 usage or I/O error: anything else is a crash.
    if !matches!(output.status.code(), Some(0..=2)) {
        problems.push(format!("exit status {}", output.status));
    }
    for line in &example.expected {
        if line != "..." && !actual.contains(line.as_str()) {
            problems.push(format!("not in the output: {line}"));
        }
    }
    if problems.is_empty() {
        return Outcome::Matched;
    }
    let clip = |text: &str| -> String {
        match text.char_indices().nth(4000) {
            Some((at, _)) => format!("{}\n[… cut]", &text[..at]),
            None => text.to_owned(),
        }
    };
    Outcome::Failed(format!(
        "{}\n--- stdout:\n{}\n--- stderr:\n{}",
        problems.join("\n"),
        clip(&stdout),
        clip(&stderr)
    ))
}

#[test]
fn every_documented_command_gives_the_output_shown() {
    let scratch = repository_root().join(SCRATCH);
    let _ = std::fs::remove_dir_all(&scratch);
    let mut per_page = BTreeMap::new();
    let mut ran = 0;
    let mut failures = Vec::new();
    for page in pages() {
        let file = relative(&page);
        let text = std::fs::read_to_string(&page).expect("a page");
        let found = examples(&file, &text);
        per_page.insert(file, found.len());
        // In page order: an example may use what an earlier one of its page wrote.
        for example in found {
            match check(&example) {
                Outcome::Matched => ran += 1,
                Outcome::Skipped(why) => {
                    println!("skipped {} `{}`: {why}", example.place, example.command);
                }
                Outcome::Failed(why) => {
                    failures.push(format!("{} `{}`:\n{why}", example.place, example.command));
                }
            }
        }
    }
    println!("commands per page: {per_page:?}; {ran} ran and matched");
    assert!(
        failures.is_empty(),
        "{} documented command(s) do not give the output shown:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let total: usize = per_page.values().sum();
    assert!(
        total >= AT_LEAST,
        "only {total} commands found in the docs ({per_page:?}): is the extraction broken?"
    );
    assert!(per_page["README.md"] >= 2, "the README's validate example");
    assert!(ran >= AT_LEAST, "only {ran} commands ran");
}

#[test]
fn every_docs_page_is_a_doc_test() {
    let lib = std::fs::read_to_string(repository_root().join("src/lib.rs")).expect("src/lib.rs");
    let mut missing = Vec::new();
    for page in pages() {
        let file = relative(&page);
        if !lib.contains(&format!("include_str!(\"../{file}\")")) {
            missing.push(file);
        }
    }
    assert!(
        missing.is_empty(),
        "src/lib.rs does not include these pages as doc tests \
         (`#[doc = include_str!(\"../docs/PAGE.md\")]` on a `#[cfg(doctest)]` item): {missing:?}"
    );
}

#[test]
fn every_fenced_block_names_its_language() {
    // rustdoc compiles a block without a language as Rust.
    let mut bare = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        for block in split_page(&text).1 {
            if block.language.is_empty() {
                bare.push(format!("{}:{}", relative(&page), block.first_line - 1));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "fenced blocks without a language (rust, console, json, text, sh, …): {bare:?}"
    );
}

#[test]
fn no_section_heading_repeats_within_a_page() {
    let mut repeated = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let mut seen = HashSet::new();
        for (number, line) in split_page(&text).0 {
            if line.starts_with("## ") && !seen.insert(line.trim_end()) {
                repeated.push(format!("{}:{number}: {line}", relative(&page)));
            }
        }
    }
    assert!(repeated.is_empty(), "repeated headings: {repeated:?}");
}
