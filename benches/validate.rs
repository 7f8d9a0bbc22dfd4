//! Per-payload timings (divan) of every Rust contender on one valid and one invalid payload of
//! the throughput workload. The side-by-side table with ratios is `benches/throughput.rs`.

mod support;

use divan::Bencher;
use support::{CONTENDERS, Workload};

fn main() {
    divan::main();
}

/// The contenders' names, as divan arguments.
fn names() -> impl Iterator<Item = &'static str> {
    CONTENDERS.iter().map(|c| c.name)
}

fn bench(bencher: Bencher, name: &str, invalid: bool) {
    let contender = CONTENDERS.iter().find(|c| c.name == name).expect("known");
    let workload = Workload::new(10);
    let payload = if invalid {
        workload.invalid[0].clone()
    } else {
        workload.valid[0].clone()
    };
    bencher
        .counter(divan::counter::BytesCount::of_slice(&payload))
        .bench(|| (contender.run)(divan::black_box(&payload)));
}

#[divan::bench(args = names())]
fn valid(bencher: Bencher, name: &str) {
    bench(bencher, name, false);
}

#[divan::bench(args = names())]
fn invalid(bencher: Bencher, name: &str) {
    bench(bencher, name, true);
}
