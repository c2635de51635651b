//! Where screening a large text spends its time: each language's analysis and jieba.
use search_index::{ScreenLanguage::*, Screener};
use std::time::Instant;

fn main() {
    let en: String =
        "wireless portable stainless kitchen organizer premium gift replicate ".repeat(150);
    let zh: String = "无线便携不锈钢厨房收纳礼品户外高仿真花红酒杯，".repeat(400);
    for (name, terms) in [
        ("en only", vec![(En, "replica")]),
        (
            "all latin",
            vec![
                (En, "replica"),
                (Es, "réplica"),
                (Pt, "réplica"),
                (Ar, "خمر"),
                (Ru, "реплика"),
                (Id, "replika"),
            ],
        ),
        ("zh only", vec![(Zh, "高仿")]),
    ] {
        let s = Screener::new(terms).unwrap();
        for (tname, text) in [("en text", &en), ("zh text", &zh)] {
            let t = Instant::now();
            for _ in 0..50 {
                std::hint::black_box(s.screen(text));
            }
            println!(
                "{name:10} on {tname} ({} chars): {:?}",
                text.chars().count(),
                t.elapsed() / 50
            );
        }
    }
}
