-- Owners' /digest, /report and /export, stored with the command's own transaction: a request
-- the process did not finish before it stopped is built at the next start.

CREATE TABLE report_requests (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,               -- digest, report, export
    chat_id      INTEGER NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    notice_id    INTEGER,                     -- outbox id of the "preparing it…" message
    status       TEXT NOT NULL DEFAULT 'pending',  -- pending, done, failed
    attempts     INTEGER NOT NULL DEFAULT 0,  -- builds started (a crash mid-build counts)
    created_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE INDEX report_requests_pending ON report_requests(status, id);
