-- Version 3: every quote call of a draft (issue 6). A row is written before the request is
-- sent and completed when the outcome is known, so a batch cut short by a crash leaves rows
-- with no outcome: the insurers that never answered. Timestamps are Unix milliseconds (UTC).
CREATE TABLE quote_calls (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    -- Insurer key ("groupama").
    insurer     TEXT    NOT NULL,
    -- The request as sent, without the provider password.
    request     TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    -- NULL until the outcome is known.
    finished_at INTEGER,
    -- The InsurerOutcome as JSON; NULL until known.
    outcome     TEXT
);

-- "Latest call per insurer of this draft".
CREATE INDEX quote_calls_by_draft ON quote_calls (draft_id, insurer, id DESC);
