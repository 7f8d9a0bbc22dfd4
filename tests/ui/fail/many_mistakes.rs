use msgraph_schema::GraphModel;

// Every mistake is reported in one go, serde_derive style: the bad name, the unknown container
// key, the duplicate `base`, the key with a value, the unknown field key, the annotation field.
#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "thing", bsae = "microsoft.graph.entity")]
#[graph(base = "microsoft.graph.entity", base = "microsoft.graph.other")]
pub struct Thing {
    #[graph(key = "yes")]
    pub id: Option<String>,
    #[graph(nullable)]
    pub label: Option<String>,
    #[serde(rename = "x@odata.count")]
    pub count: Option<String>,
}

fn main() {}
