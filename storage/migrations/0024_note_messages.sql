-- 0024: the team's notes are found by their message in the staff chat, so that a reply to a
-- note is known as part of the team's conversation about that complaint, and stays a note.
CREATE INDEX complaint_messages_notes ON complaint_messages(chat_id, message_id)
    WHERE direction = 'note';
