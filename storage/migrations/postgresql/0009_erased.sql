-- PostgreSQL edition of 0009_erased.sql: the same tables and columns in PostgreSQL's types.
-- Who asked to be forgotten (/forget_me), as a salted hash of their Telegram id only: a message
-- they send afterwards must not store their Telegram profile again, until they /start over.

CREATE TABLE erased (
    key        TEXT PRIMARY KEY,
    erased_at  TEXT NOT NULL
);
