-- PostgreSQL edition of 0003_complaints.sql: the same tables and columns in PostgreSQL's types.
-- 0003: what the complaint flow (DESIGN §2.3) needs beyond the 0001 tables.
ALTER TABLE complaints ADD COLUMN purchase_id BIGINT REFERENCES purchases(id);
ALTER TABLE complaints ADD COLUMN text TEXT;               -- the customer's first words
ALTER TABLE complaints ADD COLUMN card_due_at TEXT;        -- when the card goes out, NULL once posted
ALTER TABLE complaints ADD COLUMN card_mode TEXT;          -- card (its own message) or summary
ALTER TABLE complaints ADD COLUMN clock_started_at TEXT;   -- SLA clock: opening or last reopening
ALTER TABLE complaints ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN taken_by_name TEXT;         -- as the card shows who holds it
CREATE INDEX complaints_card_due ON complaints(card_due_at);
CREATE INDEX complaints_customer ON complaints(customer_id, status);

-- Which complaint a message in the staff chat belongs to (cards, relayed customer messages,
-- coalesced summaries are not here): a staff reply to any of them is a reply to the complaint.
CREATE TABLE staff_messages (
    chat_id      BIGINT NOT NULL,
    message_id   BIGINT NOT NULL,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    PRIMARY KEY (chat_id, message_id)
);

-- Storm control counts what went to the staff chat in the last minute.
CREATE INDEX outbox_chat_created ON outbox(chat_id, created_at);
