-- PostgreSQL edition of 0023_saved_replies.sql: the same table in PostgreSQL's types.
-- 0023: saved replies staff send to customers (/saved NAME, or inline mode), one text per
-- language; owners and managers keep them (/saved add, /saved del).
CREATE TABLE saved_replies (
    name       TEXT COLLATE "C" NOT NULL,  -- lower-case, as typed after /saved
    language   TEXT NOT NULL,              -- a catalog language: the customer's is chosen
    text       TEXT NOT NULL,
    saved_by   BIGINT,
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (name, language)
);
