//! Writes a synthetic model of Graph's size (`msgraph_schema::testing::synthetic`) as `build`
//! does (`OUT/model.bin`), and a valid `user` payload (`OUT/user.json`), for measuring
//! `validate --schema-dir`; `--json` also writes the model as builds before `model.bin` did
//! (`OUT/model.json`, pretty-printed serde JSON), for comparisons:
//!
//! ```text
//! cargo run --release --example synthetic_model -- OUT [STRUCTS ENUMS] [--json]
//! msgraph-schema validate --schema-dir OUT --type user OUT/user.json
//! ```

use std::path::PathBuf;

use msgraph_schema::model_file;
use msgraph_schema::testing::synthetic::{self, Shape};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    args.retain(|a| a != "--json");
    let usage = "usage: synthetic_model OUT [STRUCTS ENUMS] [--json]";
    let out = PathBuf::from(args.first().expect(usage));
    let mut shape = Shape::FULL;
    if let [_, structs, enums] = args.as_slice() {
        shape.structs = structs.parse().expect(usage);
        shape.enums = enums.parse().expect(usage);
    }
    let model = synthetic::model(&shape);
    std::fs::create_dir_all(&out).expect("the output folder");
    model_file::write(&out, &model).expect("model.bin");
    if json {
        let text = serde_json::to_string_pretty(&model).expect("a model serializes") + "\n";
        std::fs::write(out.join(model_file::OLD_FILE_NAME), text).expect("model.json");
    }
    let payload = synthetic::payload(&model, "user", 1);
    std::fs::write(out.join("user.json"), payload).expect("user.json");
    let properties: usize = model.structs.iter().map(|t| t.properties.len()).sum();
    eprintln!(
        "wrote {}: {} types ({properties} properties), {} enums",
        out.display(),
        model.structs.len(),
        model.enums.len()
    );
}
