//! Prints what the model computes from the embedded dataset: `cargo run --example findings`.
use case_explorer::model::{format::plain_number, Model};

fn main() {
    let model = match Model::embedded() {
        Ok(m) => m,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    for q in &model.quantities {
        println!(
            "{:34} {:?} {:>14} .. {:>14} {}",
            q.id,
            q.origin,
            plain_number(q.value.lo, 4),
            plain_number(q.value.hi, 4),
            q.unit.code()
        );
    }
    for f in &model.findings {
        println!(
            "\n[{}] {}: left {} .. {} right {} .. {} {} gap {} ({:.1}%)",
            f.status.code(),
            f.relation,
            plain_number(f.left.value.lo, 4),
            plain_number(f.left.value.hi, 4),
            plain_number(f.right.value.lo, 4),
            plain_number(f.right.value.hi, 4),
            f.left.unit.code(),
            plain_number(f.gap, 4),
            f.gap_pct
        );
        for s in &f.slips {
            println!(
                "    slip {} {:?} x{} -> {} ({}; mends {})",
                s.figure,
                s.kind,
                s.factor,
                plain_number(s.corrected, 2),
                s.status_after.code(),
                s.mends
            );
        }
    }
    for r in &model.references {
        println!(
            "\n[{}] {}: {} .. {} against {} .. {} {} gap {} ({:.1}%) — {}, {}",
            r.verdict.code(),
            r.relation,
            plain_number(r.value.lo, 4),
            plain_number(r.value.hi, 4),
            plain_number(r.reference.low, 4),
            plain_number(r.reference.high, 4),
            r.unit.code(),
            plain_number(r.gap, 4),
            r.gap_pct,
            r.reference.source.name,
            r.reference.source.year
        );
        for s in &r.slips {
            println!(
                "    slip {} {:?} x{} -> {} (inside; mends {})",
                s.figure,
                s.kind,
                s.factor,
                plain_number(s.corrected, 2),
                s.mends
            );
        }
    }
    for t in &model.tensions {
        let ratio = t.ratio.map_or("not computable".to_string(), |r| {
            format!("{} .. {}", plain_number(r.lo, 4), plain_number(r.hi, 4))
        });
        println!(
            "\n[tension] {}: {} / {} = {}",
            t.relation, t.numerator, t.denominator, ratio
        );
    }
}
