-- Version 6 (issue 13): the documents saved for the agent and the policies asked for.
-- Timestamps are Unix milliseconds (UTC).

-- Every PDF saved under the documents folder: where it is and what it was. The SHA-256 tells
-- the file on disk is still the one saved; a missing or changed file is fetched again.
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id  INTEGER NOT NULL REFERENCES drafts (id),
    -- 'offer', 'policy' or 'proposal'.
    kind      TEXT    NOT NULL CHECK (kind IN ('offer', 'policy', 'proposal')),
    -- The insurer of an offer or policy document.
    insurer   TEXT,
    -- The API's offer id as text (ids may exceed 2^53), for offer and policy documents.
    offer_id  TEXT,
    path      TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    sha256    TEXT    NOT NULL,
    saved_at  INTEGER NOT NULL
);
CREATE INDEX documents_by_draft ON documents (draft_id, saved_at DESC);
CREATE INDEX documents_by_offer ON documents (offer_id, kind, saved_at DESC);

-- One row per offer the agent asked to issue, written BEFORE POST /policy is sent, so an app
-- that dies mid-call knows on the next start that the issuing is unconfirmed. `request` is
-- the body as sent (versioned JSON; it holds no secret) and is the only body ever sent again
-- for the offer while the answer is unknown. `answer` is the raw answer (the format of
-- quote_calls.answer), written before it is read.
CREATE TABLE policy_issues (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id     INTEGER NOT NULL REFERENCES drafts (id),
    insurer      TEXT    NOT NULL,
    offer_id     TEXT    NOT NULL UNIQUE,
    request      TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 1,
    answer       TEXT,
    finished_at  INTEGER
);
CREATE INDEX policy_issues_by_draft ON policy_issues (draft_id);

-- How each environment's host reads what the published page leaves open (the locality
-- list's county parameter: "plateCode" or "sirutaCode"), learned from its answers.
CREATE TABLE api_readings (
    env    TEXT NOT NULL,
    name   TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (env, name)
);
