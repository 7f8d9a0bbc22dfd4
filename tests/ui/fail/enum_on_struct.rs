use msgraph_schema::GraphEnum;

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.color")]
pub struct Color {
    pub red: Option<String>,
}

fn main() {}
