use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
