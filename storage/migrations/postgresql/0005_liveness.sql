-- PostgreSQL edition of 0005_liveness.sql: the same tables and columns in PostgreSQL's types.
-- Liveness: messages carry their own expiry (retried until then, not a fixed number of times),
-- and an update that cannot be handled yet (Telegram did not answer a lookup) waits its turn.

ALTER TABLE outbox ADD COLUMN expires_at DOUBLE PRECISION;                  -- NULL: never pointless
ALTER TABLE inbox ADD COLUMN not_before DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
