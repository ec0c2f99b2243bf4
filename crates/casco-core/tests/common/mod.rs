//! Shared by the integration tests and the benchmarks: the SIRUTA data (read from the sandbox),
//! plausible vehicle models, and a fake [`NomenclatureSource`] that counts its calls.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use casco_core::nomenclature::{
    Country, County, Locality, NomenclatureSource, Part, SourceError, VehicleMake, VehicleModel,
};
use casco_core::store::{PartData, Store};
use chrono::{DateTime, Utc};

/// A failure reason the fake source gives, as the server's own words.
pub fn said(text: impl Into<String>) -> casco_core::Message {
    casco_core::Message::ServerSaid { text: text.into() }
}

/// The counties and localities of SIRUTA (via django-siruta, BSD-2-Clause; attribution in
/// [`casco_sandbox::Siruta::source`]), from the one copy the repository keeps: the sandbox's
/// `data/ro-siruta.json`. Taken through the sandbox (a dev-dependency already) rather than
/// `include_str!` across crates: the file stays the sandbox's to move or change, and it is
/// parsed by one set of types, so the data searched here is exactly the data the Demo serves.
pub fn siruta() -> (Vec<County>, Vec<Locality>) {
    let data = casco_sandbox::siruta();
    let counties = data
        .counties
        .iter()
        .map(|c| County {
            code: c.code.clone(),
            name: c.name.clone(),
            siruta: c.siruta,
        })
        .collect();
    let localities = data
        .localities
        .iter()
        .map(|l| Locality {
            siruta: l.siruta,
            name: l.name.clone(),
            county_code: l.county_code.clone(),
            rank: Some(l.rank),
        })
        .collect();
    (counties, localities)
}

/// 40 makes with real model names in generations and body styles: 2,160 models in all.
pub fn plausible_models() -> (Vec<VehicleMake>, Vec<VehicleModel>) {
    const CATALOGUE: [(&str, [&str; 6]); 40] = [
        (
            "ALFA ROMEO",
            ["GIULIA", "GIULIETTA", "MITO", "STELVIO", "TONALE", "159"],
        ),
        ("AUDI", ["A3", "A4", "A6", "Q3", "Q5", "Q7"]),
        ("BMW", ["SERIA 1", "SERIA 3", "SERIA 5", "X1", "X3", "X5"]),
        (
            "CHEVROLET",
            ["AVEO", "CAPTIVA", "CRUZE", "SPARK", "TRAX", "ORLANDO"],
        ),
        (
            "CITROËN",
            ["C3", "C4", "C5 AIRCROSS", "BERLINGO", "C-ELYSÉE", "JUMPY"],
        ),
        (
            "CUPRA",
            ["BORN", "FORMENTOR", "LEON", "ATECA", "TAVASCAN", "TERRAMAR"],
        ),
        (
            "DACIA",
            [
                "LOGAN",
                "SANDERO",
                "SANDERO STEPWAY",
                "DUSTER",
                "JOGGER",
                "SPRING",
            ],
        ),
        (
            "DS",
            ["DS 3", "DS 4", "DS 7", "DS 9", "DS 5", "DS 3 CROSSBACK"],
        ),
        ("FIAT", ["500", "500X", "PANDA", "TIPO", "DOBLO", "DUCATO"]),
        (
            "FORD",
            ["FIESTA", "FOCUS", "KUGA", "MONDEO", "PUMA", "TRANSIT"],
        ),
        ("HONDA", ["CIVIC", "CR-V", "HR-V", "JAZZ", "ACCORD", "ZR-V"]),
        (
            "HYUNDAI",
            ["I10", "I20", "I30", "TUCSON", "KONA", "SANTA FE"],
        ),
        (
            "IVECO",
            [
                "DAILY",
                "EUROCARGO",
                "S-WAY",
                "STRALIS",
                "TRAKKER",
                "MASSIF",
            ],
        ),
        (
            "JAGUAR",
            ["XE", "XF", "F-PACE", "E-PACE", "I-PACE", "F-TYPE"],
        ),
        (
            "JEEP",
            [
                "RENEGADE",
                "COMPASS",
                "CHEROKEE",
                "WRANGLER",
                "AVENGER",
                "GRAND CHEROKEE",
            ],
        ),
        (
            "KIA",
            ["PICANTO", "RIO", "CEED", "SPORTAGE", "SORENTO", "NIRO"],
        ),
        (
            "LAND ROVER",
            [
                "DEFENDER",
                "DISCOVERY",
                "DISCOVERY SPORT",
                "RANGE ROVER",
                "RANGE ROVER EVOQUE",
                "FREELANDER",
            ],
        ),
        ("LEXUS", ["CT", "IS", "ES", "NX", "RX", "UX"]),
        (
            "MAZDA",
            ["MAZDA2", "MAZDA3", "MAZDA6", "CX-3", "CX-5", "MX-5"],
        ),
        (
            "MERCEDES-BENZ",
            ["A-CLASS", "C-CLASS", "E-CLASS", "GLA", "GLC", "SPRINTER"],
        ),
        (
            "MINI",
            [
                "COOPER",
                "ONE",
                "CLUBMAN",
                "COUNTRYMAN",
                "PACEMAN",
                "COOPER SE",
            ],
        ),
        (
            "MITSUBISHI",
            [
                "ASX",
                "OUTLANDER",
                "L200",
                "SPACE STAR",
                "ECLIPSE CROSS",
                "PAJERO",
            ],
        ),
        (
            "NISSAN",
            ["MICRA", "JUKE", "QASHQAI", "X-TRAIL", "LEAF", "NAVARA"],
        ),
        (
            "OPEL",
            ["CORSA", "ASTRA", "INSIGNIA", "MOKKA", "GRANDLAND", "VIVARO"],
        ),
        ("PEUGEOT", ["208", "308", "508", "2008", "3008", "PARTNER"]),
        (
            "PORSCHE",
            ["911", "CAYENNE", "MACAN", "PANAMERA", "TAYCAN", "CAYMAN"],
        ),
        (
            "RENAULT",
            ["CLIO", "MEGANE", "CAPTUR", "KADJAR", "TALISMAN", "TRAFIC"],
        ),
        (
            "SEAT",
            ["IBIZA", "LEON", "ARONA", "ATECA", "TARRACO", "ALHAMBRA"],
        ),
        (
            "ŠKODA",
            ["FABIA", "OCTAVIA", "SUPERB", "KAROQ", "KODIAQ", "SCALA"],
        ),
        (
            "SMART",
            ["FORTWO", "FORFOUR", "#1", "#3", "ROADSTER", "CROSSBLADE"],
        ),
        (
            "SSANGYONG",
            ["TIVOLI", "KORANDO", "REXTON", "MUSSO", "ACTYON", "TORRES"],
        ),
        (
            "SUBARU",
            ["FORESTER", "OUTBACK", "IMPREZA", "XV", "LEGACY", "SOLTERRA"],
        ),
        (
            "SUZUKI",
            ["SWIFT", "VITARA", "S-CROSS", "IGNIS", "JIMNY", "SX4"],
        ),
        (
            "TESLA",
            [
                "MODEL 3",
                "MODEL Y",
                "MODEL S",
                "MODEL X",
                "ROADSTER",
                "CYBERTRUCK",
            ],
        ),
        (
            "TOYOTA",
            ["YARIS", "COROLLA", "C-HR", "RAV4", "LAND CRUISER", "HILUX"],
        ),
        (
            "VOLKSWAGEN",
            ["POLO", "GOLF", "PASSAT", "TIGUAN", "T-ROC", "TRANSPORTER"],
        ),
        ("VOLVO", ["S60", "S90", "V60", "XC40", "XC60", "XC90"]),
        ("MAN", ["TGE", "TGL", "TGM", "TGS", "TGX", "LION'S COACH"]),
        (
            "SCANIA",
            ["R 450", "S 500", "G 410", "P 280", "L 280", "TOURING"],
        ),
        ("DAF", ["XF", "XG", "CF", "LF", "XD", "XB"]),
    ];
    const GENERATIONS: [&str; 3] = ["I", "II", "III"];
    const BODIES: [&str; 3] = ["HATCHBACK", "BREAK", "SEDAN"];
    let makes = CATALOGUE
        .iter()
        .map(|(m, _)| VehicleMake { name: (*m).into() })
        .collect();
    let mut models = Vec::new();
    for (make, names) in CATALOGUE {
        for name in names {
            for generation in GENERATIONS {
                for body in BODIES {
                    models.push(VehicleModel {
                        make: make.into(),
                        name: format!("{name} {generation} {body}"),
                    });
                }
            }
        }
    }
    (makes, models)
}

/// How the fake answers one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Fails every call, transiently.
    Transient,
    /// Fails every call, permanently.
    Permanent,
    /// Fails transiently this many times, then answers.
    TransientTimes(usize),
    /// Never answers.
    Hang,
}

/// An in-memory source that records calls and the highest number of calls in flight.
#[derive(Default)]
pub struct FakeSource {
    pub countries: Vec<Country>,
    pub counties: Vec<County>,
    pub localities: Vec<Locality>,
    pub makes: Vec<VehicleMake>,
    pub models: Vec<VehicleModel>,
    /// Latency of every call.
    pub delay: Duration,
    faults: Mutex<HashMap<String, Fault>>,
    calls: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// Decrements the in-flight count even when the call's future is dropped (cancellation).
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl FakeSource {
    /// A small but complete data set: 3 counties, 7 localities, 2 countries, 2 makes, 4 models.
    pub fn small() -> Self {
        let county = |code: &str, name: &str, siruta| County {
            code: code.into(),
            name: name.into(),
            siruta,
        };
        let loc = |siruta, name: &str, county: &str, rank| Locality {
            siruta,
            name: name.into(),
            county_code: county.into(),
            rank: Some(rank),
        };
        let model = |make: &str, name: &str| VehicleModel {
            make: make.into(),
            name: name.into(),
        };
        Self {
            countries: vec![
                Country {
                    id: "1".into(),
                    name: "GRECIA".into(),
                    iso2: "GR".into(),
                    iso3: "GRC".into(),
                },
                Country {
                    id: "2".into(),
                    name: "ROMÂNIA".into(),
                    iso2: "RO".into(),
                    iso3: "ROU".into(),
                },
            ],
            counties: vec![
                county("AB", "ALBA", 10),
                county("BV", "BRAŞOV", 83),
                county("CJ", "CLUJ", 127),
            ],
            localities: vec![
                loc(1026, "ALBA IULIA", "AB", 1),
                loc(1222, "AIUD", "AB", 1),
                loc(40198, "BRAŞOV", "BV", 1),
                loc(40241, "SĂCELE", "BV", 1),
                loc(54984, "CLUJ-NAPOCA", "CJ", 1),
                loc(55106, "DEJ", "CJ", 1),
                loc(57706, "FLOREŞTI", "CJ", 3),
            ],
            makes: vec![
                VehicleMake {
                    name: "DACIA".into(),
                },
                VehicleMake {
                    name: "FORD".into(),
                },
            ],
            models: vec![
                model("DACIA", "LOGAN"),
                model("DACIA", "DUSTER"),
                model("FORD", "FOCUS"),
                model("FORD", "KUGA"),
            ],
            ..Self::default()
        }
    }

    /// All SIRUTA counties and localities, plus the plausible makes and models.
    pub fn full() -> Self {
        let (counties, localities) = siruta();
        let (makes, models) = plausible_models();
        Self {
            counties,
            localities,
            makes,
            models,
            ..Self::small()
        }
    }

    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Makes calls for `part` fail as `fault` says.
    pub fn set_fault(&self, part: &Part, fault: Option<Fault>) {
        let mut faults = self.faults.lock().unwrap();
        match fault {
            Some(f) => faults.insert(part.key(), f),
            None => faults.remove(&part.key()),
        };
    }

    /// Keys of the parts called, in call order (retries repeat a key).
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    pub fn clear_calls(&self) {
        self.calls.lock().unwrap().clear();
    }

    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    async fn answer<T>(
        &self,
        part: Part,
        rows: impl FnOnce() -> Vec<T>,
    ) -> Result<Vec<T>, SourceError> {
        let key = part.key();
        self.calls.lock().unwrap().push(key.clone());
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let _guard = InFlight(&self.in_flight);
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let fault = self.faults.lock().unwrap().get(&key).copied();
        match fault {
            None => Ok(rows()),
            Some(Fault::Transient) => {
                Err(SourceError::transient(said(format!("timeout on {key}"))))
            }
            Some(Fault::Permanent) => Err(SourceError::permanent(said(format!("refused {key}")))),
            Some(Fault::Hang) => std::future::pending().await,
            Some(Fault::TransientTimes(n)) => {
                let next = if n <= 1 {
                    None
                } else {
                    Some(Fault::TransientTimes(n - 1))
                };
                self.set_fault(&part, next);
                Err(SourceError::transient(said(format!("503 on {key}"))))
            }
        }
    }
}

impl NomenclatureSource for FakeSource {
    async fn countries(&self) -> Result<Vec<Country>, SourceError> {
        self.answer(Part::Countries, || self.countries.clone())
            .await
    }

    async fn counties(&self) -> Result<Vec<County>, SourceError> {
        self.answer(Part::Counties, || self.counties.clone()).await
    }

    async fn localities(&self, county_code: &str) -> Result<Vec<Locality>, SourceError> {
        self.answer(Part::Localities(county_code.into()), || {
            self.localities
                .iter()
                .filter(|l| l.county_code == county_code)
                .cloned()
                .collect()
        })
        .await
    }

    async fn makes(&self) -> Result<Vec<VehicleMake>, SourceError> {
        self.answer(Part::Makes, || self.makes.clone()).await
    }

    async fn models(&self, make: &str) -> Result<Vec<VehicleModel>, SourceError> {
        self.answer(Part::Models(make.into()), || {
            self.models
                .iter()
                .filter(|m| m.make == make)
                .cloned()
                .collect()
        })
        .await
    }
}

/// Stores `counties` and each county's localities on `env`, as a sync would.
pub fn store_siruta(
    store: &Store,
    env: &str,
    counties: &[County],
    localities: &[Locality],
    at: DateTime<Utc>,
) {
    store
        .replace_part(env, &PartData::Counties(counties.to_vec()), at)
        .unwrap();
    for c in counties {
        let rows = localities
            .iter()
            .filter(|l| l.county_code == c.code)
            .cloned()
            .collect();
        store
            .replace_part(
                env,
                &PartData::Localities {
                    county: c.code.clone(),
                    rows,
                },
                at,
            )
            .unwrap();
    }
}

/// Stores `makes` and each make's models on `env`, as a sync would.
pub fn store_vehicles(
    store: &Store,
    env: &str,
    makes: &[VehicleMake],
    models: &[VehicleModel],
    at: DateTime<Utc>,
) {
    store
        .replace_part(env, &PartData::Makes(makes.to_vec()), at)
        .unwrap();
    for m in makes {
        let rows = models
            .iter()
            .filter(|x| x.make == m.name)
            .cloned()
            .collect();
        store
            .replace_part(
                env,
                &PartData::Models {
                    make: m.name.clone(),
                    rows,
                },
                at,
            )
            .unwrap();
    }
}
