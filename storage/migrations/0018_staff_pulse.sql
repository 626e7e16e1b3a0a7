-- 0018: the staff's own pulse (eNPS). Once a round, every staff member known to have started
-- the bot is asked two questions. Anonymous by construction: `pulse_asked` says only who was
-- asked in a round and how far they got (so nobody is asked twice), the answers are stored
-- without the person and without a time, a score and a comment apart.
CREATE TABLE staff_seen (
    user_id INTEGER PRIMARY KEY,   -- someone who acted in the staff chat as a member
    seen_at TEXT NOT NULL
);

CREATE TABLE pulse_asked (
    round_start TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    step        TEXT NOT NULL,      -- score, comment, done
    PRIMARY KEY (round_start, user_id)
);
CREATE INDEX pulse_asked_user ON pulse_asked(user_id, step);

CREATE TABLE pulse_scores (
    id          INTEGER PRIMARY KEY,
    round_start TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10)
);
CREATE INDEX pulse_scores_round ON pulse_scores(round_start);

CREATE TABLE pulse_comments (
    id          INTEGER PRIMARY KEY,
    round_start TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX pulse_comments_round ON pulse_comments(round_start);
