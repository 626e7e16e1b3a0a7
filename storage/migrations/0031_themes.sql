-- 0031: themes in what customers write. `theme_versions` keeps every definition owners stored
-- (GET/PUT /api/v1/themes), never changed; the highest version is current, and with no row the
-- default themes apply. `text_themes` says which themes a text mentions: a survey comment
-- (`comment`, surveys.id), a complaint's text (`complaint`, complaints.id) or a customer's
-- later message about it (`message`, complaint_messages.id), one row per theme. The text's
-- customer, the answer whose score it counts under, its branch and its time are copied in, so
-- the figures per theme and period read this table and the surveys alone. Written with the text, in the
-- same transaction; re-written in batches after a change of definitions; erasure deletes a
-- person's rows with their words.
CREATE TABLE theme_versions (
    version     INTEGER PRIMARY KEY,     -- 1, 2, ...: one more than the highest
    body        TEXT NOT NULL,           -- JSON: [{"theme", "name", "words"}, ...]
    digest      TEXT NOT NULL,           -- a hash of the body: which definitions a tag came from
    created_by  TEXT NOT NULL,           -- who stored it: "api" (the API token), ...
    created_at  TEXT NOT NULL
);
CREATE TABLE text_themes (
    source      TEXT NOT NULL,           -- comment, complaint, message
    text_id     INTEGER NOT NULL,
    theme       TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    survey_id   INTEGER,                 -- the answer whose score the text counts under
    branch      TEXT NOT NULL,           -- the survey's, else the complaint's purchase's ('' none)
    written_at  TEXT NOT NULL,
    PRIMARY KEY (source, text_id, theme)
);
CREATE INDEX text_themes_written ON text_themes(written_at);
CREATE INDEX text_themes_customer ON text_themes(customer_id);
