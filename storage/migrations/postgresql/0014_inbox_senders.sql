-- PostgreSQL edition of 0014_inbox_senders.sql: the same tables and columns in PostgreSQL's types.
-- 0014: who sent each stored update, kept beside it as its chat is; /forget_me deletes by it.
-- (Stored updates holding "\u0000" cannot be read as JSON here; they keep no sender.)

ALTER TABLE inbox ADD COLUMN sender_id BIGINT;
UPDATE inbox SET sender_id = COALESCE(
    (payload::json #>> '{message,from,id}')::bigint,
    (payload::json #>> '{edited_message,from,id}')::bigint,
    (payload::json #>> '{callback_query,from,id}')::bigint
) WHERE payload NOT LIKE '%\u0000%';
CREATE INDEX inbox_sender ON inbox(sender_id);
