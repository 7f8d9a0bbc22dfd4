use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.color")]
pub enum Color {
    #[serde(rename = "red")]
    Red,
}

fn main() {}
