-- PostgreSQL edition of 0032_business.sql: the same table and column in PostgreSQL's types.
-- 0032: Telegram Business. A shop's own Telegram account connects the bot as its chatbot:
-- each connection (who, the rights given, whether it is on) is kept as Telegram last told it,
-- and a complaint remembers the connection its customer last wrote through, so that staff
-- answers go out from the account the customer wrote to (NULL: through the bot, as before).
CREATE TABLE business_connections (
    id          TEXT PRIMARY KEY,     -- Telegram's business_connection_id
    user_id     BIGINT NOT NULL,      -- the business account (its private chat with the bot)
    user_name   TEXT,
    rights      TEXT NOT NULL,        -- BusinessBotRights as JSON: the rights given
    enabled     INTEGER NOT NULL,     -- 1 while the bot may act for the account
    changed_at  TEXT NOT NULL
);
ALTER TABLE complaints ADD COLUMN business_connection_id TEXT;
