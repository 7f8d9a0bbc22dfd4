use msgraph_schema::GraphEnum;

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.nothing")]
pub enum Nothing {}

fn main() {}
