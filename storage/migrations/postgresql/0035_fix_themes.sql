-- 0035: a fix in the business may name the theme it is about (a theme id of the current
-- definitions, NULL: none), so "what we fixed" can say whether that theme's mentions went
-- down after the fix was done. One theme's texts in a period, newest first (the quotes, a
-- fix's before and after), are read by their own index.
ALTER TABLE corrective_actions ADD COLUMN theme TEXT;
CREATE INDEX text_themes_theme ON text_themes(theme, written_at);
