use msgraph_schema::{GraphModel, Nullable};

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub tags: Nullable<Vec<String>>,
}

fn main() {}
