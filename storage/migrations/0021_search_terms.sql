-- 0021: complaints found by words without reading every complaint. Each row says that a word
-- (lower-cased, "ё" as "е") appears in what identifies a complaint: its text, the customer's
-- messages, name and phone digits, the order id. A search looks words up by prefix in the
-- primary key's order. Written with the complaint, in the same transaction; erasure deletes a
-- person's rows with their words.
CREATE TABLE search_terms (
    term         TEXT NOT NULL,
    complaint_id INTEGER NOT NULL,
    PRIMARY KEY (term, complaint_id)
) WITHOUT ROWID;
CREATE INDEX search_terms_complaint ON search_terms(complaint_id);
