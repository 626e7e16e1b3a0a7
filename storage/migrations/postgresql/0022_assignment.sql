-- PostgreSQL edition of 0022_assignment.sql: the same columns in PostgreSQL's types.
-- 0022: complaints assigned to a person before anyone takes them (the card's "Assign" button,
-- or the round robin), and the names of the staff seen working in the staff chat (the list
-- "Assign" offers). Taking a complaint makes its taker the assignee too.
ALTER TABLE complaints ADD COLUMN assignee_id BIGINT;
ALTER TABLE complaints ADD COLUMN assignee_name TEXT;
CREATE INDEX complaints_assignee ON complaints(assignee_id, status);
ALTER TABLE staff_seen ADD COLUMN name TEXT;
