//! The client book at the size of a busy agency: 10,000 clients, 20,000 vehicles (each with
//! its draft) and 50,000 offers, sealed as the app keeps them. It measures client search (p50,
//! p99 over varied queries: names without diacritics, CNP, phone, plate, VIN), and opening the
//! book at start (reading and opening every card, building the index). The baseline, built in
//! the same run, is the same book stored in plain text and read by the same indexing code: the
//! ratio is what encryption costs at start. Run: `scripts/bench clients`.

use std::path::Path;
use std::time::{Duration, Instant};

use casco_api::model::QuoteRequest;
use casco_core::book::cards::{encode, ClientCard, VehicleCard};
use casco_core::book::{ClientBook, CLIENT_SEARCH_LIMIT};
use casco_core::choices::PartyKind;
use casco_core::store::{CallAnswer, CardRow, DatabaseKey, DraftLink, DraftWrite, Reply, Store};
use chrono::{DateTime, Utc};

const CLIENTS: u32 = 10_000;
const VEHICLES_PER_CLIENT: u32 = 2;
const OFFERS: u32 = 50_000;
const OPEN_RUNS: usize = 7;
const SEARCHES: usize = 4_000;

const LAST: [&str; 16] = [
    "Popescu",
    "Ionescu",
    "Ștefănescu",
    "Țurcanu",
    "Dumitrescu",
    "Constantinescu",
    "Munteanu",
    "Stănescu",
    "Gheorghiu",
    "Răducanu",
    "Vasilescu",
    "Nistor",
    "Șerban",
    "Tănase",
    "Moldovan",
    "Bălan",
];
const FIRST: [&str; 12] = [
    "Ana",
    "Ion",
    "Țuțu-Ioana",
    "Mihai",
    "Elena",
    "Ștefan",
    "Andreea",
    "Radu",
    "Irina",
    "Bogdan",
    "Mădălina",
    "Sorin",
];
const COUNTIES: [&str; 8] = ["CJ", "B", "IS", "TM", "BV", "CT", "SB", "MM"];
const MAKES: [(&str, &str); 6] = [
    ("Dacia", "Logan"),
    ("Volkswagen", "Golf"),
    ("Skoda", "Octavia"),
    ("Toyota", "Corolla"),
    ("Renault", "Clio"),
    ("Ford", "Focus"),
];

/// A small deterministic generator: the same book every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
    fn letters(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

fn client_card(r: &mut Lcg, i: u32) -> ClientCard {
    ClientCard {
        kind: PartyKind::Person,
        tax_id: format!("{}{:012}", 1 + r.next() % 2, 900_101_000_000 + u64::from(i)),
        name: format!("{} {}", r.pick(&LAST), r.pick(&FIRST)),
        phone: format!("07{:08}", r.next() % 100_000_000),
        email: format!("client{i}@example.ro"),
        place: "CLUJ-NAPOCA, CLUJ".into(),
    }
}

fn vehicle_card(r: &mut Lcg) -> VehicleCard {
    let (make, model) = MAKES[(r.next() % MAKES.len() as u64) as usize];
    VehicleCard {
        vin: r.letters(17, b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789"),
        plate: format!(
            "{} {:02} {}",
            r.pick(&COUNTIES),
            10 + r.next() % 90,
            r.letters(3, b"ABCDEFGHJKLMNPRSTUVWXYZ")
        ),
        make: make.into(),
        model: model.into(),
        year: format!("{}", 2010 + r.next() % 15),
    }
}

/// The plain twin: the same tables, written in the same order (so its pages interleave the
/// same way on disk), with every value in plain text.
fn plain_twin(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("plain db");
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE clients (id INTEGER PRIMARY KEY, tag TEXT, card TEXT NOT NULL, updated_at INTEGER NOT NULL);
         CREATE TABLE client_vehicles (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL, tag TEXT, card TEXT NOT NULL, updated_at INTEGER NOT NULL);
         CREATE TABLE drafts (id INTEGER PRIMARY KEY, client_name TEXT, body TEXT);
         CREATE TABLE quote_calls (id INTEGER PRIMARY KEY, draft_id INTEGER, request TEXT, answer TEXT);",
    )
    .expect("schema");
    conn
}

/// Fills `store` with the book and the offers, sealed by the store, and `twin` with the same
/// rows in plain text; returns the plain cards (clients, vehicles) and links.
fn fill(
    store: &Store,
    twin: &rusqlite::Connection,
) -> (Vec<CardRow>, Vec<CardRow>, Vec<DraftLink>) {
    let now = Utc::now();
    let request: QuoteRequest = serde_json::from_str(include_str!(
        "../../casco-api/tests/fixtures/quote_request.json"
    ))
    .expect("sample request");
    let body = include_str!("../../casco-api/tests/fixtures/offer_response.json").to_owned();
    let request_text = serde_json::to_string(&request).expect("request");
    let draft_body =
        serde_json::json!({"v": 1, "draft": {"policyholder": {"lastName": "x"}}}).to_string();
    let mut r = Lcg(14);
    let (mut clients, mut vehicles, mut links) = (Vec::new(), Vec::new(), Vec::new());
    let mut offers = 0;
    for i in 0..CLIENTS {
        let card = client_card(&mut r, i);
        let text = encode(&card);
        let client_id = store
            .upsert_client(&store.lookup_tag(&card.tax_id), &text, now)
            .expect("client");
        let plain = rusqlite::params![client_id, card.tax_id, text, now.timestamp_millis()];
        twin.execute("INSERT INTO clients VALUES (?1, ?2, ?3, ?4)", plain)
            .expect("plain");
        clients.push(CardRow {
            id: client_id,
            client_id,
            card: text,
            updated_at: now,
        });
        for _ in 0..VEHICLES_PER_CLIENT {
            let vcard = vehicle_card(&mut r);
            let vtext = encode(&vcard);
            let vehicle_id = store
                .upsert_vehicle(client_id, &store.lookup_tag(&vcard.vin), &vtext, now)
                .expect("vehicle");
            let plain = rusqlite::params![
                vehicle_id,
                client_id,
                vcard.vin,
                vtext,
                now.timestamp_millis()
            ];
            twin.execute(
                "INSERT INTO client_vehicles VALUES (?1, ?2, ?3, ?4, ?5)",
                plain,
            )
            .expect("plain");
            vehicles.push(CardRow {
                id: vehicle_id,
                client_id,
                card: vtext,
                updated_at: now,
            });
            let write = DraftWrite {
                client_name: &card.name,
                step: "offers",
                body: &draft_body,
            };
            let draft_id = store
                .save_draft_row(None, write, now)
                .expect("draft")
                .expect("id");
            let plain = rusqlite::params![draft_id, card.name, draft_body];
            twin.execute("INSERT INTO drafts VALUES (?1, ?2, ?3)", plain)
                .expect("plain");
            let link = DraftLink {
                draft_id,
                client_id,
                vehicle_id: Some(vehicle_id),
            };
            store.link_draft(link).expect("link");
            links.push(link);
            // 2.5 offers per vehicle on average: 50,000 in all.
            let count = if (draft_id % 2) == 0 { 2 } else { 3 };
            for _ in 0..count {
                if offers == OFFERS {
                    break;
                }
                let call = store
                    .record_quote_started(draft_id, "groupama", &request, now)
                    .expect("call");
                let answer = CallAnswer {
                    reply: Reply::Received {
                        status: 200,
                        body: body.clone(),
                    },
                    elapsed_ms: 800,
                };
                store
                    .record_quote_answer(call, &answer, now)
                    .expect("answer");
                let plain = rusqlite::params![call, draft_id, request_text, body];
                twin.execute("INSERT INTO quote_calls VALUES (?1, ?2, ?3, ?4)", plain)
                    .expect("plain");
                offers += 1;
            }
        }
    }
    assert_eq!(offers, OFFERS, "every offer stored");
    (clients, vehicles, links)
}

fn read_plain(path: &Path, sql: &str) -> Vec<CardRow> {
    let conn = rusqlite::Connection::open(path).expect("plain db");
    let mut stmt = conn.prepare(sql).expect("select");
    let rows = stmt.query_map([], |r| {
        let at: i64 = r.get(3)?;
        Ok(CardRow {
            id: r.get(0)?,
            client_id: r.get(1)?,
            card: r.get(2)?,
            updated_at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
        })
    });
    rows.expect("rows")
        .collect::<Result<_, _>>()
        .expect("cards")
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("casco.db");
    let key = DatabaseKey::from_bytes([7; 32]);
    let (store, _) = Store::open(&path, &key).expect("store");
    let plain = dir.path().join("plain.db");
    let twin = plain_twin(&plain);
    let filling = Instant::now();
    let (clients, vehicles, links) = fill(&store, &twin);
    drop(twin);
    println!(
        "filled {CLIENTS} clients, {} vehicles, {OFFERS} offers (sealed and plain) in {:.1} s; sealed database {:.0} MB",
        vehicles.len(),
        filling.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
    );

    // Alternate sealed and plain opens so neither gets the warmer cache.
    let (mut sealed_runs, mut plain_runs) = (Vec::new(), Vec::new());
    let mut book = ClientBook::default();
    for _ in 0..OPEN_RUNS {
        let start = Instant::now();
        book = ClientBook::load(&store).expect("book");
        sealed_runs.push(start.elapsed());
        let start = Instant::now();
        let c = read_plain(
            &plain,
            "SELECT id, id, card, updated_at FROM clients ORDER BY id",
        );
        let v = read_plain(
            &plain,
            "SELECT id, client_id, card, updated_at FROM client_vehicles ORDER BY id",
        );
        let plain_book = ClientBook::from_rows(c, v, links.clone());
        plain_runs.push(start.elapsed());
        assert_eq!(plain_book.len(), book.len(), "the same book");
    }
    assert_eq!(book.len(), CLIENTS as usize);
    let start = Instant::now();
    let cards =
        store.client_cards().expect("cards").len() + store.vehicle_cards().expect("cards").len();
    println!(
        "reading and opening {cards} sealed cards alone: {:.1} ms",
        ms(start.elapsed())
    );
    let sealer = casco_core::store::Sealer::new(&key);
    let one = sealer.seal("clients.card", &clients[0].card).expect("seal");
    let start = Instant::now();
    for _ in 0..cards {
        std::hint::black_box(
            sealer
                .open("clients.card", std::hint::black_box(&one))
                .expect("open"),
        );
    }
    println!(
        "opening one {}-byte card {cards} times: {:.1} ms",
        one.len(),
        ms(start.elapsed())
    );
    let (open, plain_open) = (median(sealed_runs), median(plain_runs));

    let mut r = Lcg(99);
    let queries: Vec<String> = (0..SEARCHES)
        .map(|i| {
            let c = &clients[(r.next() % clients.len() as u64) as usize];
            let v = &vehicles[(r.next() % vehicles.len() as u64) as usize];
            let card: ClientCard = casco_core::book::cards::decode(&c.card).expect("card");
            let vcard: VehicleCard = casco_core::book::cards::decode(&v.card).expect("card");
            match i % 6 {
                0 => casco_core::fold::fold(&card.name),
                1 => card
                    .name
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(5)
                    .collect(),
                2 => card.tax_id[..7].to_owned(),
                3 => vcard.plate.replace(' ', ""),
                4 => vcard.vin[..8].to_owned(),
                _ => card.phone[..6].to_owned(),
            }
        })
        .collect();
    let mut found = 0;
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let start = Instant::now();
            found += book.search(q, CLIENT_SEARCH_LIMIT).len();
            start.elapsed()
        })
        .collect();
    assert!(found > 0, "searches find clients");
    times.sort();
    println!(
        "search over {SEARCHES} queries: p50 {:.3} ms, p99 {:.3} ms; open: sealed {:.1} ms, plain {:.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        ms(open),
        ms(plain_open)
    );
    println!(
        "clients: search_p99_ms={:.3} open_ms={:.1} open_over_plain={:.2}",
        percentile(&times, 0.99),
        ms(open),
        open.as_secs_f64() / plain_open.as_secs_f64()
    );
}
