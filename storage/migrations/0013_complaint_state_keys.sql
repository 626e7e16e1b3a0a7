-- 0013: complaint_states gets a key of its own, the order its rows were written in: two
-- changes in the same second are told apart by it (SQLite's hidden rowid did that before,
-- which PostgreSQL has no equivalent of).

CREATE TABLE complaint_states_keyed (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    status       TEXT NOT NULL,
    at           TEXT NOT NULL
);
INSERT INTO complaint_states_keyed (id, complaint_id, status, at)
    SELECT rowid, complaint_id, status, at FROM complaint_states ORDER BY rowid;
DROP TABLE complaint_states;
ALTER TABLE complaint_states_keyed RENAME TO complaint_states;
CREATE INDEX complaint_states_at ON complaint_states(complaint_id, at);
