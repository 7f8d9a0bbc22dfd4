use msgraph_schema::GraphEnum;

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.color")]
pub enum Color {
    #[serde(rename = "red")]
    Red = 1 + 1,
    #[serde(rename = "green")]
    Green,
}

fn main() {}
