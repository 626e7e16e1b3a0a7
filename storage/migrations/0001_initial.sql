-- 0001: the whole schema the journeys need. Later issues extend it with new numbered files.
-- Conventions: business timestamps are ISO 8601 UTC text ("2026-11-23T10:20:05.123456+00:00"),
-- queue timestamps (inbox, outbox) are Unix seconds as REAL because the sender compares them
-- on its hot path. Money is text (a decimal string) so no float ever rounds a price.

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    telegram_id        INTEGER UNIQUE,
    external_id        TEXT UNIQUE,
    phone              TEXT,
    name               TEXT,
    username           TEXT,
    tg_language        TEXT,              -- language_code Telegram reports
    language           TEXT,              -- explicit choice via /language, wins over tg_language
    segment            TEXT NOT NULL DEFAULT '',
    timezone           TEXT,
    opted_out_at       TEXT,
    unreachable_at     TEXT,              -- Telegram answered 403 (blocked, deactivated)
    unreachable_reason TEXT,
    forgotten_at       TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX customers_phone ON customers(phone);

CREATE TABLE purchases (
    id           INTEGER PRIMARY KEY,
    order_id     TEXT NOT NULL UNIQUE,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    amount       TEXT,
    currency     TEXT,
    branch       TEXT,
    purchased_at TEXT NOT NULL,
    link_token   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL
);
CREATE INDEX purchases_customer ON purchases(customer_id);

CREATE TABLE surveys (
    id           INTEGER PRIMARY KEY,
    purchase_id  INTEGER NOT NULL UNIQUE REFERENCES purchases(id),
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    status       TEXT NOT NULL,           -- waiting_link, scheduled, sent, answered, expired, skipped
    reason       TEXT,                    -- why skipped or deferred
    due_at       TEXT,
    sent_at      TEXT,
    reminded_at  TEXT,
    expires_at   TEXT,
    answered_at  TEXT,
    step         TEXT,
    chat_id      INTEGER,
    message_id   INTEGER,
    nps          INTEGER CHECK (nps BETWEEN 0 AND 10),
    csat         INTEGER CHECK (csat BETWEEN 1 AND 5),
    expectation  TEXT CHECK (expectation IN ('worse', 'as_expected', 'better')),
    comment      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX surveys_status_due ON surveys(status, due_at);
CREATE INDEX surveys_customer ON surveys(customer_id);

CREATE TABLE survey_aspects (
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    aspect    TEXT NOT NULL,
    PRIMARY KEY (survey_id, aspect)
);

CREATE TABLE complaints (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customers(id),
    survey_id            INTEGER REFERENCES surveys(id),
    source               TEXT NOT NULL,   -- low_score, command, message
    status               TEXT NOT NULL,   -- open, taken, resolved, closed
    segment              TEXT NOT NULL DEFAULT '',
    taken_by             INTEGER,
    taken_at             TEXT,
    resolved_at          TEXT,
    closed_at            TEXT,
    resolution_satisfied INTEGER,
    card_chat_id         INTEGER,
    card_message_id      INTEGER,
    topic_thread_id      INTEGER,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX complaints_status ON complaints(status);

CREATE TABLE complaint_messages (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    direction    TEXT NOT NULL,           -- from_customer, to_customer, note
    sender_id    INTEGER,
    chat_id      INTEGER,
    message_id   INTEGER,
    kind         TEXT NOT NULL,           -- text, photo, document, ...
    text         TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX complaint_messages_complaint ON complaint_messages(complaint_id);

CREATE TABLE sla_steps (
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    step         TEXT NOT NULL,           -- take_reminder, resolve_escalation
    due_at       TEXT NOT NULL,
    fired_at     TEXT,
    PRIMARY KEY (complaint_id, step)
);
CREATE INDEX sla_steps_due ON sla_steps(fired_at, due_at);

CREATE TABLE digests_sent (
    kind         TEXT NOT NULL,           -- weekly, daily
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    sent_at      TEXT NOT NULL,
    PRIMARY KEY (kind, period_start)
);

-- Every update Telegram delivered, stored before the offset is confirmed.
CREATE TABLE inbox (
    update_id    INTEGER PRIMARY KEY,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',   -- pending, done, failed
    error        TEXT,
    received_at  REAL NOT NULL,
    processed_at REAL
);
CREATE INDEX inbox_pending ON inbox(status, update_id);

-- Every call the bot decided to make to Telegram.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    method      TEXT NOT NULL,            -- aiogram method class name, e.g. SendMessage
    payload     TEXT NOT NULL,            -- the method's fields as JSON
    priority    INTEGER NOT NULL,         -- 0 interactive, 1 normal, 2 bulk
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending, sent, failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  REAL NOT NULL,
    purpose     TEXT,                     -- name of a result hook run after delivery
    ref         INTEGER,                  -- id the hook works on
    result      TEXT,
    error       TEXT,
    created_at  REAL NOT NULL,
    sent_at     REAL
);
CREATE INDEX outbox_pending ON outbox(status, priority, id);

CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
