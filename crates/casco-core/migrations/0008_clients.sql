-- Version 8 (issue 14): the client book. A client is one CNP or CUI, a vehicle one VIN (or
-- plate, before a VIN is typed) of that client; each draft is linked to the client and the
-- vehicle it was typed for. `tag` is the lookup tag of the identifier (HMAC under the
-- database key), never the identifier; `card` is the latest details as typed, sealed
-- (versioned JSON, see store/clients.rs). Drafts stay the facts: the cards are the index the
-- book is searched by, rewritten from the latest draft on every save.
CREATE TABLE clients (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tag        TEXT    NOT NULL UNIQUE,
    card       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE client_vehicles (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    tag        TEXT    NOT NULL,
    card       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (client_id, tag)
);

CREATE TABLE client_drafts (
    draft_id   INTEGER PRIMARY KEY REFERENCES drafts (id),
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    vehicle_id INTEGER REFERENCES client_vehicles (id)
);
CREATE INDEX client_drafts_by_client ON client_drafts (client_id, draft_id);
