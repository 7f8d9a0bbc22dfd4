use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.thing")]
pub struct Thing {
    #[serde(rename = "members@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub members_count: Option<String>,
}

fn main() {}
