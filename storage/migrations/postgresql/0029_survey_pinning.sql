-- PostgreSQL edition of 0029_survey_pinning.sql: the same statements.
-- 0029: each survey keeps the survey definition it was started with (survey_versions; 0 is
-- the built-in one), so a customer mid-survey finishes the version they started after an
-- owner stores a new one, and a stale button is told apart from a live one. Every survey
-- before this was asked the built-in survey: version 0. `variant` is the definition's
-- variant (its index in "variants") chosen by branch or segment; NULL: its main questions.
ALTER TABLE surveys ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE surveys ADD COLUMN variant INTEGER;
