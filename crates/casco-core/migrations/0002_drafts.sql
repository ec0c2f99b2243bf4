-- Version 2: quote wizard drafts, saved on every change so nothing typed is lost.
-- Timestamps are Unix milliseconds (UTC).
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- Shown in the Ciorne list; "" until the agent types a name.
    client_name TEXT    NOT NULL DEFAULT '',
    -- The wizard step the agent was on ("policyholder", "vehicle", ...).
    step        TEXT    NOT NULL,
    -- The whole QuoteDraft as JSON, exactly as the UI holds it.
    body        TEXT    NOT NULL,
    -- open: listed and offered for "continue"; quoted: offers were asked for; discarded.
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'quoted', 'discarded'))
);

-- The Ciorne list and "continue where you left off": open drafts, newest first.
CREATE INDEX drafts_by_status_and_update ON drafts (status, updated_at DESC, id DESC);
