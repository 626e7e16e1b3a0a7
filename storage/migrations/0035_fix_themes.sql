-- 0035: a fix in the business may name the theme it is about (a theme id of the current
-- definitions, NULL: none), so "what we fixed" can say whether that theme's mentions went
-- down after the fix was done.
ALTER TABLE corrective_actions ADD COLUMN theme TEXT;
