-- 0036: Telegram Business, second part. A message the bot sends from the shop's account goes
-- into the customer's chat with the account, not into theirs with the bot: the outbox row
-- names the connection (NULL: the bot's own chat), so each chat is its own lane, and a
-- customer who blocked the bot still receives the account's answers. A connection keeps the
-- time Telegram says it was established (BusinessConnection.date), which owners see.
ALTER TABLE outbox ADD COLUMN business_connection_id TEXT;
ALTER TABLE business_connections ADD COLUMN connected_at TEXT;
