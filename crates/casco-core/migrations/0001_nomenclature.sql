-- Version 1: cached nomenclatures and their per-part sync state.
-- Every row carries `env` ("demo", "qa", "custom:https://host") so environments never mix.
-- Timestamps are Unix milliseconds (UTC).

-- One row per synced part ("countries", "counties", "localities:CJ", "makes", "models:DACIA").
CREATE TABLE sync_state (
    env          TEXT    NOT NULL,
    part         TEXT    NOT NULL,
    -- Last successful fetch; NULL means the part was never fetched on this environment.
    fetched_at   INTEGER,
    row_count    INTEGER NOT NULL DEFAULT 0,
    attempted_at INTEGER NOT NULL,
    -- Why the last attempt failed; NULL when it succeeded.
    last_error   TEXT,
    PRIMARY KEY (env, part)
) WITHOUT ROWID;

CREATE TABLE nom_country (
    env  TEXT NOT NULL,
    id   TEXT NOT NULL,
    name TEXT NOT NULL,
    iso2 TEXT NOT NULL,
    iso3 TEXT NOT NULL,
    PRIMARY KEY (env, id)
) WITHOUT ROWID;

CREATE TABLE nom_county (
    env    TEXT    NOT NULL,
    code   TEXT    NOT NULL,
    name   TEXT    NOT NULL,
    siruta INTEGER NOT NULL,
    PRIMARY KEY (env, code)
) WITHOUT ROWID;

-- Replaced one county at a time, hence the county in the key.
CREATE TABLE nom_locality (
    env         TEXT    NOT NULL,
    county_code TEXT    NOT NULL,
    siruta      INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    rank        INTEGER,
    PRIMARY KEY (env, county_code, siruta)
) WITHOUT ROWID;

CREATE TABLE nom_make (
    env  TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (env, name)
) WITHOUT ROWID;

-- Replaced one make at a time, hence the make in the key.
CREATE TABLE nom_model (
    env  TEXT NOT NULL,
    make TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (env, make, name)
) WITHOUT ROWID;
