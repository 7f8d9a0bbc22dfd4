//! The example requests of a docs tree resolved through the model built from it with its
//! metadata, and their bodies checked: the figures (resolved, unresolved by reason, bodies
//! checked), every unresolved request with `--list`, and the time a resolution takes.
//!
//! ```text
//! cargo run --release --example request_figures -- DOCS CSDL [--list]
//! cargo run --release --example request_figures -- "$MSGRAPH_FULL_DOCS_DIR" \
//!     "$MSGRAPH_METADATA_DIR/csdl/beta_metadata.2021-07-13.xml"
//! ```

use std::time::Instant;

use msgraph_schema::model_file::{self, ModelFile};
use msgraph_schema::request::{Service, Settings, examples};
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::tree::{Metadata, build_pages_with, read_pages};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    args.retain(|a| a != "--list");
    let usage = "usage: request_figures DOCS CSDL [--list]";
    let [docs, csdl] = args.as_slice() else {
        panic!("{usage}");
    };
    let pages = read_pages(docs.as_ref()).expect("the docs folder reads");
    let csdl = Csdl::parse_bytes(&std::fs::read(csdl).expect("the CSDL reads")).expect("CSDL");
    let metadata = Metadata {
        csdl: &csdl,
        file: "metadata.csdl",
    };
    let built = build_pages_with(&pages, Some(metadata));
    assert_eq!(built.models.len(), 1, "one tree and version");
    let dir = std::env::temp_dir().join(format!("msgraph-request-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    model_file::write(&dir, &built.models[0].model).expect("model.bin");
    let file = ModelFile::open(&dir.join(model_file::FILE_NAME)).expect("model.bin opens");

    let started = Instant::now();
    let service = Service::new(&file);
    let indexed = started.elapsed();
    let started = Instant::now();
    let figures =
        examples::check_examples(&service, &pages, Settings::default()).expect("the model reads");
    let checked = started.elapsed();
    print!("{}", figures.summary());
    if list {
        for failure in &figures.failures {
            println!("{failure}");
        }
    }

    // Resolution alone, every example URL, types' properties already read (best of five).
    let urls: Vec<String> = pages
        .iter()
        .flat_map(|(_, text)| msgraph_schema_core::examples::extract(text).examples)
        .filter_map(|example| example.request.map(|line| line.url))
        .collect();
    let best = (0..5)
        .map(|_| {
            let started = Instant::now();
            for url in &urls {
                let _ = std::hint::black_box(service.resolve(url));
            }
            started.elapsed()
        })
        .min()
        .unwrap_or_default();
    println!(
        "index built in {:.1} ms; examples checked in {:.0} ms; {} URLs resolved in {:.2} ms ({:.2} µs each)",
        indexed.as_secs_f64() * 1e3,
        checked.as_secs_f64() * 1e3,
        urls.len(),
        best.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e6 / urls.len().max(1) as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
}
