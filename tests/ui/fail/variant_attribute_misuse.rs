use msgraph_schema::GraphEnum;

#[derive(serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.color")]
pub enum Color {
    #[serde(rename = "red")]
    #[graph(key)]
    Red,
    #[serde(rename = "green")]
    #[graph(value = "2")]
    Green,
    #[serde(rename = "blue")]
    #[graph(value = 3)]
    Blue = 3,
    #[serde(rename = "cyan")]
    #[graph(value = 4, value = 5)]
    Cyan,
}

fn main() {}
