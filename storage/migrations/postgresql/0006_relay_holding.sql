-- PostgreSQL edition of 0006_relay_holding.sql: the same tables and columns in PostgreSQL's types.
-- A customer who floods the staff chat: beyond a few relays a minute, their messages are held
-- (kept in the history) and rounded up in one message per complaint per minute.
-- held: 0 relayed one by one (or not a customer message), 1 held, 2 rounded up.

ALTER TABLE complaint_messages ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
-- "how many relayed in the last minute" per message, and the roundup's "who has held ones".
CREATE INDEX complaint_messages_recent
    ON complaint_messages(complaint_id, held, direction, created_at);
CREATE INDEX complaint_messages_held ON complaint_messages(held, complaint_id) WHERE held = 1;
