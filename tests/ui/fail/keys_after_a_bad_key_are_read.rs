use msgraph_schema::GraphModel;

// The unknown key does not hide the keys after it: `name` is read, the bad `base` is checked.
#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(nmae = "x", name = "microsoft.graph.thing", base = "notqualified")]
pub struct Thing {
    pub id: Option<String>,
}

fn main() {}
