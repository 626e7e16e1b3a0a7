-- 0023: saved replies staff send to customers (/saved NAME, or inline mode), one text per
-- language; owners and managers keep them (/saved add, /saved del).
CREATE TABLE saved_replies (
    name       TEXT NOT NULL,            -- lower-case, as typed after /saved
    language   TEXT NOT NULL,            -- a catalog language: the customer's is chosen
    text       TEXT NOT NULL,
    saved_by   INTEGER,
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (name, language)
);
