#![cfg(not(target_arch = "wasm32"))]
#[test]
fn dump() {
    let schema = schemars::schema_for!(kezuohou_explorer::model::Dataset);
    std::fs::write(
        "/tmp/schema_dump.json",
        serde_json::to_string_pretty(&schema).unwrap() + "\n",
    )
    .unwrap();
}
