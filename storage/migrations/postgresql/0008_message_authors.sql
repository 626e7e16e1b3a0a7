-- PostgreSQL edition of 0008_message_authors.sql: the same tables and columns in PostgreSQL's types.
-- Who on the staff wrote a reply or a note, as the history shows it ("Kim: it left today").

ALTER TABLE complaint_messages ADD COLUMN sender_name TEXT;
