use msgraph_schema::GraphModel;

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = 3)]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
