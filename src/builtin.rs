//! The built-in models of all of Graph: v1.0 and beta, every entity, complex, enum and
//! action-parameter type, built by this project's own `build` from the docs and Microsoft's CSDL
//! metadata (`scripts/builtin-models.sh` makes `models/*.bin`). They hold facts only: names,
//! types, nullability, members, bases, keys, marks and sources, no description.
//!
//! Each is a [`ModelFile`] over bytes built into the program, borrowed, never copied: opening
//! one reads its index, and a validator decodes and compiles a type the first time a payload
//! holds a value of it. The models are behind the feature `builtin-models` (on by default); [`GraphVersion`]
//! is always there.
//!
//! ```
//! # #[cfg(feature = "builtin-models")] {
//! use msgraph_schema::builtin::{GraphVersion, model_file};
//! use msgraph_schema::{Limits, Options};
//!
//! let beta = model_file(GraphVersion::Beta);
//! let user = beta.file_type("microsoft.graph.user", Options::default(), false).unwrap();
//! let report = user.check(br#"{"displayName": 42}"#, Limits::default());
//! assert_eq!(report.errors[0].pointer(), "/displayName");
//! # }
//! ```

use std::fmt;
use std::str::FromStr;
#[cfg(feature = "builtin-models")]
use std::sync::OnceLock;

#[cfg(feature = "builtin-models")]
use crate::model_file::ModelFile;

/// A version of the Graph API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GraphVersion {
    /// `https://graph.microsoft.com/v1.0`: the default.
    #[default]
    V1_0,
    /// `https://graph.microsoft.com/beta`.
    Beta,
}

impl GraphVersion {
    /// Both versions, v1.0 first.
    pub const ALL: [GraphVersion; 2] = [GraphVersion::V1_0, GraphVersion::Beta];

    /// The URL segment: `v1.0` or `beta`.
    pub const fn as_str(self) -> &'static str {
        match self {
            GraphVersion::V1_0 => "v1.0",
            GraphVersion::Beta => "beta",
        }
    }

    #[cfg(feature = "builtin-models")]
    fn bytes(self) -> &'static [u8] {
        match self {
            GraphVersion::V1_0 => include_bytes!("../models/v1.0.bin"),
            GraphVersion::Beta => include_bytes!("../models/beta.bin"),
        }
    }
}

impl fmt::Display for GraphVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A version name that is neither `v1.0` nor `beta`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVersion(pub String);

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown Graph version `{}`: use `v1.0` or `beta`",
            self.0
        )
    }
}

impl std::error::Error for UnknownVersion {}

impl FromStr for GraphVersion {
    type Err = UnknownVersion;

    fn from_str(text: &str) -> Result<GraphVersion, UnknownVersion> {
        match text {
            "v1.0" => Ok(GraphVersion::V1_0),
            "beta" => Ok(GraphVersion::Beta),
            other => Err(UnknownVersion(other.to_owned())),
        }
    }
}

/// The built-in model of `version`, opened on first use (its header and index read in place)
/// and kept for the life of the program.
#[cfg(feature = "builtin-models")]
pub fn model_file(version: GraphVersion) -> &'static ModelFile {
    static MODELS: [OnceLock<ModelFile>; 2] = [OnceLock::new(), OnceLock::new()];
    let at = GraphVersion::ALL
        .iter()
        .position(|v| *v == version)
        .unwrap_or(0);
    MODELS[at].get_or_init(|| {
        let name = format!("models/{version}.bin (built in)");
        // The bytes are this crate's own, checked by `scripts/builtin-models.sh --check` and
        // the tests: a failure here is a build defect, not an input error.
        ModelFile::from_static(version.bytes(), &name).expect("the built-in model file reads")
    })
}
