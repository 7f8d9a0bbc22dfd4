//! The nested workload: `event` payloads of a model built at run time from the benchmark's own
//! docs tree (`benches/data/docs-tree`: nine complex types and seven enums), three levels deep,
//! with a collection of objects; the invalid ones carry three errors in nested objects.

use std::path::Path;
use std::sync::LazyLock;

use msgraph_schema::model::Model;
use msgraph_schema::schema_check::SchemaCheck;
use msgraph_schema::single_pass::Validator;
use serde_json::{Value, json};

use super::{
    Contender, JSONSCHEMA_ITER_ERRORS, OPTIONS, OURS, OURS_TEXTS_READ, Rng, SERDE_VALUE, Workload,
    texts_len,
};

/// The type every nested payload is checked against.
pub(crate) const TYPE: &str = "microsoft.graph.event";

/// The model of `benches/data/docs-tree`, built once.
pub(crate) fn model() -> &'static Model {
    static MODEL: LazyLock<Model> = LazyLock::new(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/docs-tree");
        let build = msgraph_schema_core::tree::build_dir(&dir).expect("the benchmark's pages");
        assert!(build.skipped.is_empty(), "{:?}", build.skipped);
        build.model(".", "v1.0").expect("the v1.0 model").clone()
    });
    &MODEL
}

/// The single pass over `event`, compiled once.
pub(crate) fn validator() -> &'static Validator {
    static VALIDATOR: LazyLock<Validator> =
        LazyLock::new(|| Validator::new(model(), TYPE, OPTIONS).expect("a complete model"));
    &VALIDATOR
}

/// The emitted JSON Schema of `event` in the `jsonschema` crate, built once, as for the seed.
pub(crate) fn schema_check() -> &'static SchemaCheck {
    static CHECK: LazyLock<SchemaCheck> = LazyLock::new(|| {
        let ty = model()
            .structs
            .iter()
            .find(|t| t.name == TYPE)
            .expect("event");
        SchemaCheck::new(model(), ty, &OPTIONS)
    });
    &CHECK
}

/// `count` event payloads, every tenth invalid.
pub(crate) fn workload(count: usize) -> Workload {
    Workload::generate(count, payload)
}

/// Every Rust contender that needs no generated Rust type, on the nested workload.
pub(crate) const CONTENDERS: &[Contender] = &[
    SERDE_VALUE,
    Contender {
        name: "jsonschema: parse + is_valid",
        run: |bytes| match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => schema_check().validator().is_valid(&value) as usize,
            Err(_) => 0,
        },
    },
    Contender {
        name: JSONSCHEMA_ITER_ERRORS,
        run: |bytes| match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => schema_check().validator().iter_errors(&value).count(),
            Err(_) => 1,
        },
    },
    Contender {
        name: OURS,
        run: |bytes| validator().check(bytes).errors.len(),
    },
    Contender {
        name: OURS_TEXTS_READ,
        run: |bytes| {
            let report = validator().check(bytes);
            std::hint::black_box(report.errors.iter().map(texts_len).sum::<usize>());
            report.errors.len()
        },
    },
];

const RESPONSES: &[&str] = &[
    "none",
    "organizer",
    "tentativelyAccepted",
    "accepted",
    "declined",
    "notResponded",
];

/// One event of about 1.5 KB; `invalid` ones carry exactly three errors, each in a nested
/// object: an attendee's type in the wrong case (`/attendees/1/type`), a reply time without its
/// offset (`/responseStatus/time`) and a number for the body's content type
/// (`/body/contentType`).
fn payload(rng: &mut Rng, invalid: bool) -> Vec<u8> {
    let mut attendees: Vec<Value> = (0..3)
        .map(|_| {
            let name = rng.sentence(2);
            json!({
                "emailAddress": {"name": name, "address": format!("{}@contoso.example", rng.guid())},
                "type": rng.pick(&["required", "optional", "resource"]),
                "status": {"response": rng.pick(RESPONSES), "time": rng.date_time_offset()},
            })
        })
        .collect();
    let (reply_time, content_type) = if invalid {
        attendees[1]["type"] = json!("Optional");
        (json!("2024-03-05T09:15:02"), json!(1))
    } else {
        (
            json!(rng.date_time_offset()),
            json!(rng.pick(&["text", "html"])),
        )
    };
    let value = json!({
        "@odata.type": "#microsoft.graph.event",
        "id": rng.guid(),
        "subject": rng.sentence(4),
        "body": {"content": rng.sentence(12), "contentType": content_type},
        "start": {"dateTime": "2024-03-05T09:00:00.0000000", "timeZone": "Pacific Standard Time"},
        "end": {"dateTime": "2024-03-05T10:00:00.0000000", "timeZone": "Pacific Standard Time"},
        "location": {
            "displayName": rng.sentence(2),
            "locationType": rng.pick(&["default", "conferenceRoom", "businessAddress"]),
            "address": {"street": rng.sentence(2), "city": "Redmond", "state": "WA",
                        "countryOrRegion": "United States", "postalCode": "98052"},
        },
        "attendees": attendees,
        "organizer": {"emailAddress": {"name": rng.sentence(2), "address": "organizer@contoso.example"}},
        "responseStatus": {"response": rng.pick(RESPONSES), "time": reply_time},
        "importance": rng.pick(&["low", "normal", "high"]),
        "sensitivity": rng.pick(&["normal", "personal", "private", "confidential"]),
        "showAs": rng.pick(&["free", "tentative", "busy", "oof", "workingElsewhere"]),
        "categories": [rng.sentence(1), rng.sentence(1)],
        "isAllDay": rng.below(2) == 0,
        "reminderMinutesBeforeStart": rng.below(60),
        "createdDateTime": rng.date_time_offset(),
        "lastModifiedDateTime": rng.date_time_offset(),
    });
    serde_json::to_vec(&value).expect("serialisable")
}
