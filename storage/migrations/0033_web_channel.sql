-- 0033: the web channel. A survey's web address (PUBLIC_URL/s/<token>, printed as a QR code on
-- a receipt) is a secret only its holder knows: only its SHA-256 digest is kept, so a copy of
-- the database opens nobody's survey. A repeated purchase (an integrator's retry) gets a new,
-- equally valid token, so a link already printed keeps working.
CREATE TABLE survey_links (
    digest     TEXT PRIMARY KEY,
    survey_id  INTEGER NOT NULL REFERENCES surveys(id),
    created_at TEXT NOT NULL
);
CREATE INDEX survey_links_survey ON survey_links(survey_id);
-- Mail waits here until the SMTP server accepted it, as Telegram messages wait in the outbox:
-- queued in the transaction of the change it tells about, sent after commit, retried with
-- growing pauses through an outage, given up (and owners told) after 72 hours or a refusal.
CREATE TABLE mail_outbox (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER,                  -- whose address it is: erasure deletes their mail
    to_address   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    text_body    TEXT NOT NULL,
    html_body    TEXT NOT NULL,
    message_id   TEXT NOT NULL UNIQUE,     -- the same Message-ID on every try
    unsubscribe  TEXT,                     -- List-Unsubscribe: where the reader stops such mail
    status       TEXT NOT NULL,            -- pending, sent, failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      REAL NOT NULL,            -- Unix time, as the outbox's
    last_error   TEXT,
    created_at   REAL NOT NULL,
    done_at      REAL
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_at);
CREATE INDEX mail_outbox_customer ON mail_outbox(customer_id);
