-- PostgreSQL edition of 0002_customer_started.sql: the same tables and columns in PostgreSQL's types.
-- 0002: when the customer first wrote to the bot. Telegram lets a bot write only to people who
-- started it, so a purchase's survey waits until this is set (DESIGN §2.1).
ALTER TABLE customers ADD COLUMN started_at TEXT;
