-- PostgreSQL edition of 0011_complaint_states.sql: the same tables and columns in PostgreSQL's types.
-- Every status a complaint entered, and when: the digest counts complaints in the state they
-- were in at the period's end (a complaint resolved before it and reopened after it was
-- resolved then). Complaints from before this migration get what their columns still show
-- (reopenings before it are not known).

CREATE TABLE complaint_states (
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    status       TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX complaint_states_at ON complaint_states(complaint_id, at);

INSERT INTO complaint_states (complaint_id, status, at)
    SELECT id, 'open', created_at FROM complaints;
INSERT INTO complaint_states (complaint_id, status, at)
    SELECT id, 'taken', taken_at FROM complaints WHERE taken_at IS NOT NULL;
INSERT INTO complaint_states (complaint_id, status, at)
    SELECT id, 'resolved', resolved_at FROM complaints WHERE resolved_at IS NOT NULL;
INSERT INTO complaint_states (complaint_id, status, at)
    SELECT id, 'closed', closed_at FROM complaints WHERE closed_at IS NOT NULL;
