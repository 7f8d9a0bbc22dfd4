use msgraph_schema::GraphModel;

// An operation's parameters name the type the operation is bound to, and `binding` goes with an
// operation; an enum holds no parameters.
#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.gadget.ring", action = "microsoft.graph.ring")]
pub struct Ring {
    pub note: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.gadget.spin", binding = "microsoft.graph.gadget")]
pub struct Spin {
    pub speed: Option<i32>,
}

#[derive(serde::Serialize, serde::Deserialize, msgraph_schema::GraphEnum)]
#[graph(name = "microsoft.graph.tone", function = "microsoft.graph.tone")]
pub enum Tone {
    #[serde(rename = "low")]
    Low,
}

fn main() {}
