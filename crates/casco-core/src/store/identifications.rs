//! Vehicle identification answers, one row per draft and vehicle data sent (wizard step 6).
//!
//! The key is (the lookup tag of) the canonical JSON of the `VehicleSpecs` that were sent, so an answer is reused
//! exactly when the same question would be asked again; a draft whose vehicle changed keeps
//! its older answers, and changing the vehicle back finds them.

use casco_api::model::Identifications;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use serde::{Deserialize, Serialize};

use super::{from_json, to_json, DraftId, Store, StoreError};

/// The sealed column's name. The key column `specs` holds the specs' lookup tag, never the
/// specs (they carry the VIN).
const ANSWER: &str = "vehicle_identifications.answer";

/// The format of the `answer` column this version writes: `{"v": 1, "answer": {...}}`.
/// Format 0 (release 0.1) is the answer itself.
const IDENTIFICATION_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct StoredIdentification {
    v: u32,
    answer: Identifications,
}

/// The answer of a stored row, whatever its format.
fn read_answer(text: &str, draft: DraftId) -> Result<Identifications, StoreError> {
    let value: serde_json::Value =
        from_json(text, format_args!("identification of draft {draft}"))?;
    // Format 0 maps insurer keys to lists; no insurer is called "v".
    if value.get("v").is_some_and(serde_json::Value::is_u64) {
        let stored: StoredIdentification =
            from_json(text, format_args!("identification of draft {draft}"))?;
        return Ok(stored.answer);
    }
    from_json(
        text,
        format_args!("identification of draft {draft} (format 0)"),
    )
}

impl Store {
    /// The stored answer for `draft` identified with `specs_key` (canonical JSON of the
    /// specs sent); `None` when that question was never answered.
    pub fn cached_identification(
        &self,
        draft: DraftId,
        specs_key: &str,
    ) -> Result<Option<Identifications>, StoreError> {
        let tag = self.sealer().tag(specs_key);
        let answer: Option<String> = self
            .conn()
            .query_row(
                "SELECT answer FROM vehicle_identifications WHERE draft_id = ?1 AND specs = ?2",
                params![draft, tag],
                |r| r.get(0),
            )
            .optional()?;
        let answer = self.sealer().open_opt(ANSWER, answer)?;
        answer.map(|a| read_answer(&a, draft)).transpose()
    }

    /// Keeps `answer` for `draft` and `specs_key`, replacing an earlier answer to the same
    /// question.
    pub fn save_identification(
        &self,
        draft: DraftId,
        specs_key: &str,
        answer: &Identifications,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stored = StoredIdentification {
            v: IDENTIFICATION_FORMAT,
            answer: answer.clone(),
        };
        let body = to_json(&stored, "identification")?;
        let body = self.sealer().seal(ANSWER, &body)?;
        let tag = self.sealer().tag(specs_key);
        self.conn().execute(
            "INSERT OR REPLACE INTO vehicle_identifications (draft_id, specs, answer, fetched_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![draft, tag, body, now.timestamp_millis()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DatabaseKey;

    fn answer() -> Identifications {
        serde_json::from_value(serde_json::json!({
            "grawe": [{"identifier": "G-1", "modelName": "Toyota Corolla 1.5", "productionStartDate": "2017-01",
                       "marketValue": "26500.50", "additionalData": {"currency": "EUR"}}],
            "allianz": []
        }))
        .unwrap()
    }

    #[test]
    fn answers_are_kept_per_draft_and_specs() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(
            dir.path().join("casco.db"),
            &DatabaseKey::from_bytes([7; 32]),
        )
        .unwrap();
        assert_eq!(store.cached_identification(1, "{\"a\":1}").unwrap(), None);
        store
            .save_identification(1, "{\"a\":1}", &answer(), Utc::now())
            .unwrap();
        assert_eq!(
            store.cached_identification(1, "{\"a\":1}").unwrap(),
            Some(answer())
        );
        assert_eq!(store.cached_identification(1, "{\"a\":2}").unwrap(), None);
        assert_eq!(store.cached_identification(2, "{\"a\":1}").unwrap(), None);
        // Saving the same question again replaces the row rather than failing.
        store
            .save_identification(1, "{\"a\":1}", &Identifications::default(), Utc::now())
            .unwrap();
        assert_eq!(
            store.cached_identification(1, "{\"a\":1}").unwrap(),
            Some(Identifications::default())
        );
    }
}
