-- Version 7 (issue 14): client data encrypted at rest. The columns listed in
-- store/sealing_migration.rs hold values sealed with the database key (kept only in the OS
-- keychain); this row's canary, sealed with that key, tells at open whether the key in the
-- keychain is this database's. No row yet: the file's values were never sealed.
CREATE TABLE sealing (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    canary    TEXT    NOT NULL,
    sealed_at INTEGER NOT NULL
);
