-- PostgreSQL edition of 0007_inbox_fairness.sql: the same tables and columns in PostgreSQL's types.
-- Fairness between chats: the processor takes a few pending updates per chat in turn, so one
-- customer's 5,000 messages do not keep everyone else's waiting behind them.

ALTER TABLE inbox ADD COLUMN chat_id BIGINT;   -- NULL: an update bound to no chat
-- Covers the turn-taking query: the turns are numbered without reading the rows.
CREATE INDEX inbox_pending_chat ON inbox(status, chat_id, update_id, not_before);
