//! Search latency over all 13,755 SIRUTA localities and 2,160 plausible models, loaded through
//! a real store file. Prints p50/p99 per query kind, and the same queries answered by folding
//! every name at query time (the baseline the precomputed index is measured against).
//! Run: `cargo bench -p casco-core --bench search`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use casco_core::nomenclature::fold::fold;
use casco_core::nomenclature::{Index, Locality, VehicleModel};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use chrono::Utc;

const QUERIES: usize = 20_000;
const LIMIT: usize = 20;

/// A small deterministic generator, so every run asks the same queries.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// What an agent types: the first letters of one or two words, in lower case, sometimes
/// without diacritics, sometimes with them, sometimes nothing at all.
fn typed(name: &str, rng: &mut Lcg) -> String {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let take = |w: &str, n: usize| w.chars().take(n).collect::<String>();
    let q = match rng.next(10) {
        0 => String::new(),
        1..=5 => take(words[0], 1 + rng.next(6)),
        6 | 7 if words.len() > 1 => format!(
            "{} {}",
            take(words[0], 2 + rng.next(5)),
            take(words[1], 1 + rng.next(3))
        ),
        _ => take(words[words.len() - 1], 1 + rng.next(4)),
    };
    if rng.next(2) == 0 {
        fold(&q)
    } else {
        q.to_lowercase()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Times `search` on every query; returns (p50, p99) in milliseconds.
fn measure<Q>(queries: &[Q], mut search: impl FnMut(&Q) -> usize) -> (f64, f64) {
    for q in queries.iter().take(1000) {
        std::hint::black_box(search(q));
    }
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let start = Instant::now();
            std::hint::black_box(search(q));
            start.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.50), percentile(&times, 0.99))
}

/// The baseline: fold every candidate at query time, filter, sort, truncate.
fn naive_localities(all: &[Locality], county: &str, query: &str) -> usize {
    let q = fold(query);
    let mut hits: Vec<(u8, u8, String)> = all
        .iter()
        .filter(|l| l.county_code == county)
        .filter_map(|l| {
            let f = fold(&l.name);
            let quality = if f.starts_with(&q) {
                0
            } else if q.split(' ').all(|w| f.split(' ').any(|n| n.starts_with(w))) {
                1
            } else {
                return None;
            };
            Some((quality, l.rank.unwrap_or(u8::MAX), f))
        })
        .collect();
    hits.sort();
    hits.truncate(LIMIT);
    hits.len()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .expect("store");
    let (counties, localities) = common::siruta();
    let (makes, models) = common::plausible_models();
    let now = Utc::now();
    common::store_siruta(&store, "bench", &counties, &localities, now);
    common::store_vehicles(&store, "bench", &makes, &models, now);
    let start = Instant::now();
    let index = Index::load(&store, "bench").expect("index");
    println!(
        "index: build_ms={:.1} localities={} models={}",
        start.elapsed().as_secs_f64() * 1000.0,
        localities.len(),
        models.len()
    );

    let mut rng = Lcg(0x5eed);
    let locality_queries: Vec<(String, String)> = (0..QUERIES)
        .map(|_| {
            let l = &localities[rng.next(localities.len())];
            (l.county_code.clone(), typed(&l.name, &mut rng))
        })
        .collect();
    let model_queries: Vec<(String, String)> = (0..QUERIES)
        .map(|_| {
            let m: &VehicleModel = &models[rng.next(models.len())];
            (m.make.clone(), typed(&m.name, &mut rng))
        })
        .collect();
    let county_queries: Vec<String> = (0..QUERIES)
        .map(|_| typed(&counties[rng.next(counties.len())].name, &mut rng))
        .collect();
    let make_queries: Vec<String> = (0..QUERIES)
        .map(|_| typed(&makes[rng.next(makes.len())].name, &mut rng))
        .collect();

    let (lp50, lp99) = measure(&locality_queries, |(c, q)| {
        index.localities(c, q, LIMIT).unwrap().len()
    });
    let (mp50, mp99) = measure(&model_queries, |(m, q)| {
        index.models(m, q, LIMIT).unwrap().len()
    });
    let (cp50, cp99) = measure(&county_queries, |q| index.counties(q, LIMIT).unwrap().len());
    let (kp50, kp99) = measure(&make_queries, |q| index.makes(q, LIMIT).unwrap().len());
    let (np50, np99) = measure(&locality_queries, |(c, q)| {
        naive_localities(&localities, c, q)
    });
    println!("counties: p50_ms={cp50:.4} p99_ms={cp99:.4}");
    println!("makes: p50_ms={kp50:.4} p99_ms={kp99:.4}");
    println!(
        "baseline (scan all 13,755, fold the county's names per query): localities_p50_ms={np50:.4} localities_p99_ms={np99:.4} \
         index_speedup_p50={:.0}x",
        np50 / lp50.max(1e-9)
    );
    println!("search: localities_p50_ms={lp50:.4} localities_p99_ms={lp99:.4} models_p50_ms={mp50:.4} models_p99_ms={mp99:.4}");
}
