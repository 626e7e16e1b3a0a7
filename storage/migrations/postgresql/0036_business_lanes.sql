-- PostgreSQL edition of 0036_business_lanes.sql: the same columns in PostgreSQL's types.
-- 0036: Telegram Business, second part. A message the bot sends from the shop's account goes
-- into the customer's chat with the account, not into theirs with the bot: the outbox row
-- names the connection (NULL: the bot's own chat), so each chat is its own lane, and a
-- customer who blocked the bot still receives the account's answers. A connection keeps the
-- time Telegram says it was established (BusinessConnection.date), which owners see.
ALTER TABLE outbox ADD COLUMN business_connection_id TEXT;
ALTER TABLE business_connections ADD COLUMN connected_at TEXT;
-- When each customer last wrote to each connected account: Telegram lets the bot write there
-- only within 24 hours of it, and a survey goes out from the account while it may.
CREATE TABLE business_chats (
    connection_id TEXT NOT NULL,     -- business_connections.id
    chat_id       BIGINT NOT NULL,   -- the customer's Telegram id (their chat with the account)
    heard_at      TEXT NOT NULL,
    PRIMARY KEY (connection_id, chat_id)
);
-- The account a survey was sent from (NULL: the bot's own chat): its later steps go there too.
ALTER TABLE surveys ADD COLUMN business_connection_id TEXT;
