use kezuohou_explorer::model::{Model, EMBEDDED_JSON, MAX_DATASET_BYTES};
use serde_json::{json, Value};
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    let d = v["derived"].as_array_mut().unwrap();
    // chain: c0 <- c1 <- ... declared in reverse order of dependency
    for i in 0..n {
        let input = if i + 1 == n {
            "desert_treated_area".to_string()
        } else {
            format!("c{}", i + 1)
        };
        d.push(json!({"id": format!("c{i}"), "label": {"en":"","zh":""}, "operation":"sum", "inputs":[input], "unit":"ha", "formula":{"en":"","zh":""}, "symbols":""}));
    }
    let text = v.to_string();
    println!("{} bytes (max {})", text.len(), MAX_DATASET_BYTES);
    let t = std::time::Instant::now();
    let m = Model::from_json(&text);
    println!("{:?} ok={}", t.elapsed(), m.is_ok());
    let m = m.unwrap();
    let t = std::time::Instant::now();
    println!("{:?} {:?}", m.paragraph_of("c0"), t.elapsed());
}
