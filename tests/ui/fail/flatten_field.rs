use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Common {
    pub id: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[serde(flatten)]
    pub common: Common,
}

fn main() {}
