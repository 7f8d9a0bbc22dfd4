use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "thing")]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
