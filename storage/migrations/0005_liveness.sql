-- Liveness: messages carry their own expiry (retried until then, not a fixed number of times),
-- and an update that cannot be handled yet (Telegram did not answer a lookup) waits its turn.

ALTER TABLE outbox ADD COLUMN expires_at REAL;                  -- NULL: never pointless
ALTER TABLE inbox ADD COLUMN not_before REAL NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
