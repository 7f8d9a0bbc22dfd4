use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[graph(required)]
    pub id: Option<String>,
}

fn main() {}
