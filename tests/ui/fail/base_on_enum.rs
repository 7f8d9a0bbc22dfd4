use msgraph_schema::GraphEnum;

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.color", base = "microsoft.graph.entity")]
pub enum Color {
    #[serde(rename = "red")]
    Red,
    #[serde(rename = "green")]
    Green,
}

fn main() {}
