//! The nomenclature cache tables and their `sync_state`, keyed by environment.
//!
//! Invariant: a part's rows and its `sync_state` row change in one transaction, so a reader
//! never sees new rows with an old state (or the reverse), and a failed part keeps its rows.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use serde::{Deserialize, Serialize};

use super::reference::{Country, County, Locality, Part, VehicleMake, VehicleModel};
use super::{from_millis, to_json, Store, StoreError};
use crate::messages::Message;

/// The freshly fetched content of one part, ready to replace what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartData {
    /// All countries.
    Countries(Vec<Country>),
    /// All counties.
    Counties(Vec<County>),
    /// The localities of `county`; they are stored under that county whatever their own field says.
    Localities {
        /// The county code the list was asked for.
        county: String,
        /// Its localities.
        rows: Vec<Locality>,
    },
    /// All makes.
    Makes(Vec<VehicleMake>),
    /// The models of `make`; stored under that make.
    Models {
        /// The make the list was asked for.
        make: String,
        /// Its models.
        rows: Vec<VehicleModel>,
    },
}

impl PartData {
    /// The part this data replaces.
    pub fn part(&self) -> Part {
        match self {
            Self::Countries(_) => Part::Countries,
            Self::Counties(_) => Part::Counties,
            Self::Localities { county, .. } => Part::Localities(county.clone()),
            Self::Makes(_) => Part::Makes,
            Self::Models { make, .. } => Part::Models(make.clone()),
        }
    }

    /// How many rows the source returned.
    pub fn len(&self) -> usize {
        match self {
            Self::Countries(r) => r.len(),
            Self::Counties(r) => r.len(),
            Self::Localities { rows, .. } => rows.len(),
            Self::Makes(r) => r.len(),
            Self::Models { rows, .. } => rows.len(),
        }
    }

    /// True when the source returned no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the store knows about one part on one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    /// The part.
    pub part: Part,
    /// Last successful fetch; `None` if it never succeeded.
    pub fetched_at: Option<DateTime<Utc>>,
    /// Rows stored by the last successful fetch.
    pub row_count: u64,
    /// Last attempt, successful or not.
    pub attempted_at: DateTime<Utc>,
    /// Why the last attempt failed; `None` if it succeeded.
    pub last_error: Option<Message>,
}

/// The stored form of a failure reason: `{"v": 1, "message": {...}}`. Releases before format 1
/// stored the sentence itself, in the language of the day; it reads back as that text.
#[derive(Serialize, Deserialize)]
struct StoredReason {
    v: u32,
    message: Message,
}

fn reason_text(message: &Message) -> Result<String, StoreError> {
    let stored = StoredReason {
        v: 1,
        message: message.clone(),
    };
    to_json(&stored, "sync failure reason")
}

fn reason_from(text: String) -> Message {
    match serde_json::from_str::<StoredReason>(&text) {
        Ok(stored) => stored.message,
        Err(_) => Message::ServerSaid { text },
    }
}

/// The `sync_state` columns [`read_state`] reads, in its order.
const STATE_COLUMNS: &str = "fetched_at, row_count, attempted_at, last_error";

/// `part`'s state from a row holding [`STATE_COLUMNS`] from column `first` on.
fn read_state(part: Part, r: &Row<'_>, first: usize) -> rusqlite::Result<SyncState> {
    Ok(SyncState {
        part,
        fetched_at: r.get::<_, Option<i64>>(first)?.map(from_millis),
        row_count: u64::try_from(r.get::<_, i64>(first + 1)?).unwrap_or(0),
        attempted_at: from_millis(r.get(first + 2)?),
        last_error: r.get::<_, Option<String>>(first + 3)?.map(reason_from),
    })
}

impl Store {
    /// Replaces one part's rows on `env` and marks it fetched at `at`, in one transaction.
    /// Returns the number of rows stored (duplicates in the source collapse into one).
    pub fn replace_part(
        &self,
        env: &str,
        data: &PartData,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let stored = write_rows(&tx, env, data)?;
        tx.execute(
            "INSERT INTO sync_state (env, part, fetched_at, row_count, attempted_at, last_error)
             VALUES (?1, ?2, ?3, ?4, ?3, NULL)
             ON CONFLICT (env, part) DO UPDATE SET fetched_at = ?3, row_count = ?4,
                 attempted_at = ?3, last_error = NULL",
            params![env, data.part().key(), at.timestamp_millis(), stored as i64],
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Records a failed attempt for `part`; its rows and last success stay as they were.
    pub fn record_failure(
        &self,
        env: &str,
        part: &Part,
        error: &Message,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let error = reason_text(error)?;
        self.conn().execute(
            "INSERT INTO sync_state (env, part, fetched_at, row_count, attempted_at, last_error)
             VALUES (?1, ?2, NULL, 0, ?3, ?4)
             ON CONFLICT (env, part) DO UPDATE SET attempted_at = ?3, last_error = ?4",
            params![env, part.key(), at.timestamp_millis(), error],
        )?;
        Ok(())
    }

    /// Every part's state on `env`; keys this version does not know are skipped.
    pub fn sync_states(&self, env: &str) -> Result<Vec<SyncState>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT part, {STATE_COLUMNS} FROM sync_state WHERE env = ?1 ORDER BY part"
        ))?;
        let rows = stmt.query_map([env], |r| {
            let key: String = r.get(0)?;
            Part::from_key(&key)
                .map(|part| read_state(part, r, 1))
                .transpose()
        })?;
        Ok(rows
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?)
    }

    /// The state of one part on `env`, if it was ever attempted.
    pub fn sync_state(&self, env: &str, part: &Part) -> Result<Option<SyncState>, StoreError> {
        let found = self
            .conn()
            .query_row(
                &format!("SELECT {STATE_COLUMNS} FROM sync_state WHERE env = ?1 AND part = ?2"),
                params![env, part.key()],
                |r| read_state(part.clone(), r, 0),
            )
            .optional()?;
        Ok(found)
    }

    /// All countries cached for `env`, by name.
    pub fn countries(&self, env: &str) -> Result<Vec<Country>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, name, iso2, iso3 FROM nom_country WHERE env = ?1 ORDER BY name")?;
        let rows = stmt.query_map([env], |r| {
            Ok(Country {
                id: r.get(0)?,
                name: r.get(1)?,
                iso2: r.get(2)?,
                iso3: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// All counties cached for `env`, by name.
    pub fn counties(&self, env: &str) -> Result<Vec<County>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT code, name, siruta FROM nom_county WHERE env = ?1 ORDER BY name")?;
        let rows = stmt.query_map([env], |r| {
            Ok(County {
                code: r.get(0)?,
                name: r.get(1)?,
                siruta: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Localities cached for `env`: of one county, or of all counties when `county` is `None`.
    pub fn localities(&self, env: &str, county: Option<&str>) -> Result<Vec<Locality>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT siruta, name, county_code, rank FROM nom_locality
             WHERE env = ?1 AND (?2 IS NULL OR county_code = ?2) ORDER BY county_code, name",
        )?;
        let rows = stmt.query_map(params![env, county], |r| {
            Ok(Locality {
                siruta: r.get(0)?,
                name: r.get(1)?,
                county_code: r.get(2)?,
                rank: r
                    .get::<_, Option<i64>>(3)?
                    .and_then(|v| u8::try_from(v).ok()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// All makes cached for `env`, by name.
    pub fn makes(&self, env: &str) -> Result<Vec<VehicleMake>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT name FROM nom_make WHERE env = ?1 ORDER BY name")?;
        let rows = stmt.query_map([env], |r| Ok(VehicleMake { name: r.get(0)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Models cached for `env`: of one make, or of all makes when `make` is `None`.
    pub fn models(&self, env: &str, make: Option<&str>) -> Result<Vec<VehicleModel>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT make, name FROM nom_model
             WHERE env = ?1 AND (?2 IS NULL OR make = ?2) ORDER BY make, name",
        )?;
        let rows = stmt.query_map(params![env, make], |r| {
            Ok(VehicleModel {
                make: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Deletes the part's old rows and inserts the new ones; returns how many rows are stored.
fn write_rows(tx: &Transaction<'_>, env: &str, data: &PartData) -> Result<u64, StoreError> {
    match data {
        PartData::Countries(rows) => {
            tx.execute("DELETE FROM nom_country WHERE env = ?1", [env])?;
            let mut ins =
                tx.prepare("INSERT OR REPLACE INTO nom_country VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for c in rows {
                ins.execute(params![env, c.id, c.name, c.iso2, c.iso3])?;
            }
        }
        PartData::Counties(rows) => {
            tx.execute("DELETE FROM nom_county WHERE env = ?1", [env])?;
            let mut ins =
                tx.prepare("INSERT OR REPLACE INTO nom_county VALUES (?1, ?2, ?3, ?4)")?;
            for c in rows {
                ins.execute(params![env, c.code, c.name, c.siruta])?;
            }
        }
        PartData::Localities { county, rows } => {
            tx.execute(
                "DELETE FROM nom_locality WHERE env = ?1 AND county_code = ?2",
                [env, county],
            )?;
            let mut ins =
                tx.prepare("INSERT OR REPLACE INTO nom_locality VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for l in rows {
                ins.execute(params![env, county, l.siruta, l.name, l.rank])?;
            }
        }
        PartData::Makes(rows) => {
            tx.execute("DELETE FROM nom_make WHERE env = ?1", [env])?;
            let mut ins = tx.prepare("INSERT OR REPLACE INTO nom_make VALUES (?1, ?2)")?;
            for m in rows {
                ins.execute(params![env, m.name])?;
            }
        }
        PartData::Models { make, rows } => {
            tx.execute(
                "DELETE FROM nom_model WHERE env = ?1 AND make = ?2",
                [env, make],
            )?;
            let mut ins = tx.prepare("INSERT OR REPLACE INTO nom_model VALUES (?1, ?2, ?3)")?;
            for m in rows {
                ins.execute(params![env, make, m.name])?;
            }
        }
    }
    // Count after the fact so source duplicates (collapsed by the primary key) are not counted.
    let (table, filter, arg) = match data {
        PartData::Countries(_) => ("nom_country", "", None),
        PartData::Counties(_) => ("nom_county", "", None),
        PartData::Localities { county, .. } => {
            ("nom_locality", " AND county_code = ?2", Some(county))
        }
        PartData::Makes(_) => ("nom_make", "", None),
        PartData::Models { make, .. } => ("nom_model", " AND make = ?2", Some(make)),
    };
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE env = ?1{filter}");
    let count: i64 = match arg {
        Some(a) => tx.query_row(&sql, params![env, a], |r| r.get(0))?,
        None => tx.query_row(&sql, params![env], |r| r.get(0))?,
    };
    let stored = u64::try_from(count).unwrap_or(0);
    // Children of parents that disappeared are dropped with their state, so search and the
    // next sync do not keep serving a county or make the source no longer lists.
    match data {
        PartData::Counties(_) => {
            tx.execute(
                "DELETE FROM nom_locality WHERE env = ?1
                   AND county_code NOT IN (SELECT code FROM nom_county WHERE env = ?1)",
                [env],
            )?;
            tx.execute(
                "DELETE FROM sync_state WHERE env = ?1 AND part LIKE 'localities:%'
                   AND substr(part, 12) NOT IN (SELECT code FROM nom_county WHERE env = ?1)",
                [env],
            )?;
        }
        PartData::Makes(_) => {
            tx.execute(
                "DELETE FROM nom_model WHERE env = ?1
                   AND make NOT IN (SELECT name FROM nom_make WHERE env = ?1)",
                [env],
            )?;
            tx.execute(
                "DELETE FROM sync_state WHERE env = ?1 AND part LIKE 'models:%'
                   AND substr(part, 8) NOT IN (SELECT name FROM nom_make WHERE env = ?1)",
                [env],
            )?;
        }
        _ => {}
    }
    Ok(stored)
}

impl Store {
    /// How `env`'s host was found to read `name` (see `api_readings`), if learned.
    pub fn api_reading(&self, env: &str, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM api_readings WHERE env = ?1 AND name = ?2",
                params![env, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Remembers how `env`'s host reads `name`.
    pub fn set_api_reading(&self, env: &str, name: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO api_readings (env, name, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (env, name) DO UPDATE SET value = excluded.value",
            params![env, name, value],
        )?;
        Ok(())
    }
}
