-- 0014: who sent each stored update, kept beside it as its chat is. /forget_me deletes a
-- person's stored updates by this column instead of reading every stored update's JSON
-- (PostgreSQL cannot read a JSON document holding "\u0000" as text; one such update made the
-- old query fail for everyone there).

ALTER TABLE inbox ADD COLUMN sender_id INTEGER;   -- NULL: no person (or unknown)
UPDATE inbox SET sender_id = COALESCE(
    json_extract(payload, '$.message.from.id'),
    json_extract(payload, '$.edited_message.from.id'),
    json_extract(payload, '$.callback_query.from.id')
);
CREATE INDEX inbox_sender ON inbox(sender_id);
