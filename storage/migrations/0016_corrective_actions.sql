-- 0016: what was done about a complaint. Resolving one asks the staff for its cause (a survey
-- aspect, "other", or "skipped": counted too) and one line of what was done. A complaint may
-- also need a fix in the business (a process, a product, a branch), which owners mark done.
-- One row per complaint, written when it is resolved (again after a reopening).
CREATE TABLE corrective_actions (
    complaint_id        INTEGER PRIMARY KEY REFERENCES complaints(id),
    asked_at            TEXT NOT NULL,     -- when it was resolved and the question went out
    question_chat_id    INTEGER,           -- the question's message, once Telegram sent it
    question_message_id INTEGER,
    cause               TEXT,              -- an aspect, 'other' or 'skipped', NULL: not answered
    cause_by_name       TEXT,
    action              TEXT,              -- one line: what was done
    action_by_name      TEXT,
    fix_needed_at       TEXT,              -- "needs a fix in the business", since when
    fix_by_name         TEXT,
    fix_done_at         TEXT,
    fix_done_by_name    TEXT
);
CREATE INDEX corrective_asked ON corrective_actions(asked_at);
CREATE INDEX corrective_question ON corrective_actions(question_message_id);
CREATE INDEX corrective_fixes ON corrective_actions(fix_needed_at) WHERE fix_needed_at IS NOT NULL;
