//! What both benchmarks share: the workload (seed-type payloads, 90% valid, 10% with exactly
//! three errors each) and the contenders, each a function from a payload's bytes to a number
//! the optimiser cannot drop (an error count, or 0/1 for a verdict).

#![allow(dead_code)] // each bench uses part of it

use std::sync::LazyLock;

pub(crate) mod nested;

use msgraph_schema::types::{self, DeviceHealthScriptDeviceState};
use msgraph_schema::{Options, TypeEntry};
use serde_json::Value;

/// The type every payload is checked against, looked up once (as the `jsonschema` validator is
/// built once): the look-up is not part of any contender's work.
pub(crate) fn entry() -> &'static TypeEntry {
    static ENTRY: LazyLock<&TypeEntry> =
        LazyLock::new(|| types::find("deviceHealthScriptDeviceState").expect("the built-in type"));
    *ENTRY
}

/// The options of every contender: a create body, not strict.
pub(crate) const OPTIONS: Options = Options {
    operation: msgraph_schema::Operation::Create,
    strict: false,
};

/// The workload: `count` payloads, one per line, every tenth invalid with three errors.
pub(crate) struct Workload {
    pub valid: Vec<Vec<u8>>,
    pub invalid: Vec<Vec<u8>>,
}

impl Workload {
    /// A deterministic workload of `count` seed-type payloads.
    pub(crate) fn new(count: usize) -> Workload {
        Workload::generate(count, payload)
    }

    /// A deterministic workload of `count` payloads that `payload` writes (valid or not).
    pub(crate) fn generate(count: usize, payload: fn(&mut Rng, bool) -> Vec<u8>) -> Workload {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut workload = Workload {
            valid: Vec::new(),
            invalid: Vec::new(),
        };
        for i in 0..count {
            if i % 10 == 9 {
                workload.invalid.push(payload(&mut rng, true));
            } else {
                workload.valid.push(payload(&mut rng, false));
            }
        }
        workload
    }

    /// The payloads in workload order (every tenth invalid), as NDJSON.
    pub(crate) fn ndjson(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut valid, mut invalid) = (self.valid.iter(), self.invalid.iter());
        for i in 0..self.valid.len() + self.invalid.len() {
            let next = if i % 10 == 9 {
                invalid.next()
            } else {
                valid.next()
            };
            out.extend_from_slice(next.expect("counted"));
            out.push(b'\n');
        }
        out
    }
}

/// A small deterministic generator (xorshift64*): the workload is the same on every run.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    pub(crate) fn guid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    pub(crate) fn date_time_offset(&mut self) -> String {
        let offset = self.pick(&["Z", "+03:00", "-08:00", "+05:30"]);
        format!(
            "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}{offset}",
            15 + self.below(10),
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60),
            self.below(10_000_000)
        )
    }

    pub(crate) fn sentence(&mut self, words: usize) -> String {
        const WORDS: &[&str] = &[
            "script",
            "device",
            "registry",
            "key",
            "found",
            "value",
            "missing",
            "service",
            "restarted",
            "exit",
            "code",
            "0",
            "1",
            "policy",
            "compliant",
            "detected",
            "path",
            "C:\\\\ProgramData\\\\Contoso",
            "version",
            "10.0.19045",
            "update",
            "pending",
        ];
        (0..words)
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const RUN_STATES: &[&str] = &[
    "unknown",
    "success",
    "fail",
    "scriptError",
    "pending",
    "notApplicable",
];
const REMEDIATION_STATES: &[&str] = &[
    "unknown",
    "skipped",
    "success",
    "remediationFailed",
    "scriptError",
];

/// One payload of about 0.86 KB; `invalid` ones carry exactly three errors on three
/// properties: a member in the wrong case, a DateTimeOffset without its offset, and a number
/// where the enum's member name belongs.
fn payload(rng: &mut Rng, invalid: bool) -> Vec<u8> {
    let detection = if invalid {
        "Success".to_owned()
    } else {
        rng.pick(RUN_STATES).to_owned()
    };
    let sync = if invalid {
        "2024-03-05T09:15:02".to_owned()
    } else {
        rng.date_time_offset()
    };
    let remediation = if invalid {
        Value::from(3)
    } else {
        Value::from(rng.pick(REMEDIATION_STATES))
    };
    let value = serde_json::json!({
        "@odata.type": "#microsoft.graph.deviceHealthScriptDeviceState",
        "id": rng.guid(),
        "assignmentFilterIds": [rng.guid(), rng.guid()],
        "detectionState": detection,
        "lastStateUpdateDateTime": rng.date_time_offset(),
        "expectedStateUpdateDateTime": rng.date_time_offset(),
        "lastSyncDateTime": sync,
        "preRemediationDetectionScriptOutput": rng.sentence(9),
        "preRemediationDetectionScriptError": rng.sentence(5),
        "remediationScriptError": rng.sentence(5),
        "postRemediationDetectionScriptOutput": rng.sentence(9),
        "postRemediationDetectionScriptError": rng.sentence(5),
        "remediationState": remediation,
    });
    // `json!` keeps keys sorted; the order on the wire does not matter to any contender.
    serde_json::to_vec(&value).expect("serialisable")
}

/// The `jsonschema` crate's validator of the emitted schema, built once (formats asserted,
/// `date-time` as the OData ABNF, exactly as our all-validators check uses it).
pub(crate) fn schema() -> &'static jsonschema::Validator {
    static CHECK: LazyLock<std::sync::Arc<msgraph_schema::schema_check::SchemaCheck>> =
        LazyLock::new(|| entry().schema_check(&OPTIONS));
    CHECK.validator()
}

/// A contender: a name for the table and a function over one payload.
pub(crate) struct Contender {
    pub name: &'static str,
    pub run: fn(&[u8]) -> usize,
}

/// Parsing alone, the floor of every contender that reads a `Value`; in both workloads.
pub(crate) const SERDE_VALUE: Contender = Contender {
    name: "serde_json parse to Value",
    run: |bytes| serde_json::from_slice::<Value>(bytes).is_ok() as usize,
};

/// Every Rust contender, peers first.
pub(crate) const CONTENDERS: &[Contender] = &[
    SERDE_VALUE,
    Contender {
        name: "serde_json typed struct (first error)",
        run: |bytes| {
            serde_json::from_slice::<DeviceHealthScriptDeviceState>(bytes).is_ok() as usize
        },
    },
    Contender {
        name: "jsonschema: parse + is_valid",
        run: |bytes| match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => schema().is_valid(&value) as usize,
            Err(_) => 0,
        },
    },
    Contender {
        name: JSONSCHEMA_ITER_ERRORS,
        run: |bytes| match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => schema().iter_errors(&value).count(),
            Err(_) => 1,
        },
    },
    Contender {
        name: "ours: typed validator on a parsed Value",
        run: |bytes| match msgraph_schema::json::parse(bytes) {
            Ok(parsed) => {
                entry().typed_errors(&parsed.value, &OPTIONS).len() + parsed.duplicates.len()
            }
            Err(_) => 1,
        },
    },
    Contender {
        name: OURS,
        run: |bytes| msgraph_schema::check(bytes, entry(), &OPTIONS).errors.len(),
    },
    Contender {
        name: OURS_TEXTS_READ,
        run: |bytes| {
            let report = msgraph_schema::check(bytes, entry(), &OPTIONS);
            std::hint::black_box(report.errors.iter().map(texts_len).sum::<usize>());
            report.errors.len()
        },
    },
    Contender {
        name: "ours: check_agreement (all three validators)",
        run: |bytes| {
            msgraph_schema::check_agreement(bytes, entry(), &OPTIONS)
                .errors
                .len()
        },
    },
];

/// The contender every ratio is against.
pub(crate) const JSONSCHEMA_ITER_ERRORS: &str = "jsonschema: parse + iter_errors";

/// Our all-errors validation with every error's texts read, as the CLI reads them.
pub(crate) const OURS_TEXTS_READ: &str = "ours: single pass, every error's texts read";

/// The length of an error's texts: reading them writes them (they are written when first
/// read), so a contender that calls this pays for every message.
pub(crate) fn texts_len(error: &msgraph_schema::Error) -> usize {
    error.message().len() + error.expected().map_or(0, str::len) + error.found().map_or(0, str::len)
}

/// Our all-errors validation, bytes to located report.
pub(crate) const OURS: &str = "ours: single pass, bytes -> full report";
