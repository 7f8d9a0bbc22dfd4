use msgraph_schema::{GraphEnum, GraphModel};

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[serde(skip)]
    pub internal: Option<String>,
    #[serde(rename = "dup")]
    pub first: Option<String>,
    #[serde(rename = "dup")]
    pub second: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.color")]
pub enum Color {
    Red,
    #[serde(skip)]
    Hidden,
}

fn main() {}
