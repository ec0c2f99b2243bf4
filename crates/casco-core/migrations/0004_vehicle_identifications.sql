-- Version 4: vehicle identification answers (wizard step 6), cached per draft and per
-- vehicle data sent, so moving back and forth in the wizard (changing the year, then changing
-- it back) asks CascoApi nothing twice. Timestamps are Unix milliseconds (UTC).
CREATE TABLE vehicle_identifications (
    draft_id   INTEGER NOT NULL,
    -- The VehicleSpecs sent, as canonical JSON (keys sorted): the cache key.
    specs      TEXT    NOT NULL,
    -- The answer (insurer key -> identified variants) as JSON.
    answer     TEXT    NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (draft_id, specs)
);
