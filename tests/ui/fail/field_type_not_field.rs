use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
}

fn main() {}
