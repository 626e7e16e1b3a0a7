-- 0035: a fix in the business may name the theme it is about (a theme id of the current
-- definitions, NULL: none), so "what we fixed" can say whether that theme's mentions went
-- down after the fix was done. A tag keeps the NPS score of the answer it counts under, as it
-- keeps its branch and time, so a period's theme figures count one table (joining a million
-- surveys row by row was most of their time); the surveys' writes keep it current. One
-- theme's texts in a period, newest first (the quotes, a fix's before and after), and one
-- answer's tags (an export, a score given) are read by their own indexes.
ALTER TABLE corrective_actions ADD COLUMN theme TEXT;
ALTER TABLE text_themes ADD COLUMN nps INTEGER;
UPDATE text_themes SET nps = (SELECT s.nps FROM surveys s WHERE s.id = text_themes.survey_id)
    WHERE survey_id IS NOT NULL;
-- (theme, written_at) leads; the score, answer and branch make it cover the counts too.
CREATE INDEX text_themes_theme ON text_themes(theme, written_at, nps, survey_id, branch);
CREATE INDEX text_themes_survey ON text_themes(survey_id);
