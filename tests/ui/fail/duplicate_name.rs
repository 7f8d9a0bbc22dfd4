use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing", name = "microsoft.graph.other")]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
