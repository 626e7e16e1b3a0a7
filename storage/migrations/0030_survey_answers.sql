-- 0030: every answer but the NPS, per question of the survey's definition (`surveys.version`),
-- so figures for a question are over the answers to it, whatever version asked it. A scale's
-- answer is `number`, a text's `text`; a choice has a row per option chosen (`option_id`; ''
-- for the other types). The NPS stays in `surveys.nps`, the product's core figure.
CREATE TABLE survey_answers (
    survey_id   INTEGER NOT NULL REFERENCES surveys(id),
    question_id TEXT NOT NULL,               -- the definition's question id: csat, aspect, ...
    option_id   TEXT NOT NULL DEFAULT '',    -- a choice's option, '' for a scale or text
    number      INTEGER,                     -- a scale's answer
    text        TEXT,                        -- a text's answer (what the customer wrote)
    PRIMARY KEY (survey_id, question_id, option_id)
);
-- The built-in survey's answers so far (every survey before 0029 asked it) move in, each once:
-- csat, expectation and the detractor's aspects under their question ids, the comment under
-- the follow-up question of the NPS category it was written at (the only step that takes one).
-- The surveys' own columns keep them too: the complaint card, /mydata, events and the
-- exports still read those for the built-in survey, and no figure reads them any more.
INSERT INTO survey_answers (survey_id, question_id, number)
    SELECT id, 'csat', csat FROM surveys WHERE csat IS NOT NULL;
INSERT INTO survey_answers (survey_id, question_id, option_id)
    SELECT id, 'expectation', expectation FROM surveys WHERE expectation IS NOT NULL;
INSERT INTO survey_answers (survey_id, question_id, option_id)
    SELECT survey_id, 'aspect', aspect FROM survey_aspects;
INSERT INTO survey_answers (survey_id, question_id, text)
    SELECT id, CASE WHEN nps >= 9 THEN 'liked_most' WHEN nps >= 7 THEN 'make_it_ten'
        ELSE 'comment' END, comment
    FROM surveys WHERE comment IS NOT NULL;
