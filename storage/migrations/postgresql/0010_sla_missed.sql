-- PostgreSQL edition of 0010_sla_missed.sql: the same tables and columns in PostgreSQL's types.
-- A deadline once missed stays missed for the statistics, also after a reopening restarts the
-- clock (the old due_at is overwritten by the new one).

ALTER TABLE sla_steps ADD COLUMN missed INTEGER NOT NULL DEFAULT 0;
