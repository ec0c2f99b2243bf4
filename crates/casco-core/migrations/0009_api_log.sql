-- Version 9 (issue 14): the diagnostic log of API calls (Setări → Diagnostic). One row per
-- HTTP exchange with CascoApi, kept for the number of days set in Setări. Facts only: never a
-- body, a header, a token or a password. `client` is the masked client (initials and a masked
-- CNP or CUI, see api_log/mask.rs), sealed like every value about a person.
-- Timestamps are Unix milliseconds (UTC).
CREATE TABLE api_calls (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at     INTEGER NOT NULL,
    -- The route's name in casco-api's routes table ('quote', 'offer_pdf', …).
    operation      TEXT    NOT NULL,
    -- The insurer's catalogue key, when the call was for one.
    insurer        TEXT,
    client         TEXT,
    -- The HTTP status, when an answer (or a redirect) arrived.
    status         INTEGER,
    -- How the exchange ended (ApiCallOutcome in store/api_log.rs).
    outcome        TEXT    NOT NULL,
    duration_ms    INTEGER NOT NULL,
    response_bytes INTEGER NOT NULL
);
-- Pruning by age and the newest entries first both walk this index.
CREATE INDEX api_calls_by_time ON api_calls (started_at);
