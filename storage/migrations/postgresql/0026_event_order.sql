-- PostgreSQL edition of 0026_event_order.sql: the same index.
-- 0026: the events sender finds, for each waiting delivery, an earlier waiting event of the
-- same complaint by this index (a few rows each), not by reading every waiting delivery: with
-- a receiver down for days, thousands wait.
CREATE INDEX events_complaint ON events(complaint_id, id);
