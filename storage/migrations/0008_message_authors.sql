-- Who on the staff wrote a reply or a note, as the history shows it ("Kim: it left today").

ALTER TABLE complaint_messages ADD COLUMN sender_name TEXT;
