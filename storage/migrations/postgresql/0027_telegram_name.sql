-- PostgreSQL edition of 0027_telegram_name.sql: the same statements.
-- 0027: a customer's name as the shop gave it (purchases API, import) and as Telegram shows it
-- are kept apart: the shop's "Анна Смирнова" is no longer replaced by the Telegram "Анна" when
-- the customer writes. `name` is the shop's; `tg_name` is Telegram's, refreshed as they write.
-- Until now every customer who had written held Telegram's name in `name` (each update wrote
-- it there): it moves to `tg_name`, so the shop's next purchase or file fills `name` again.
ALTER TABLE customers ADD COLUMN tg_name TEXT;
UPDATE customers SET tg_name = name, name = NULL
    WHERE started_at IS NOT NULL AND forgotten_at IS NULL;
