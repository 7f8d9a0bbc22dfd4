use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(nmae = "microsoft.graph.thing")]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
