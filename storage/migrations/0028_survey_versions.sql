-- 0028: the survey as owners design it (GET/PUT /api/v1/survey): every accepted definition is
-- a new row, never changed, so answers keep the version they were asked with. The highest
-- version is the current survey; with no row, it is today's built in (version 0, not stored).
CREATE TABLE survey_versions (
    version     INTEGER PRIMARY KEY,     -- 1, 2, ...: one more than the highest
    body        TEXT NOT NULL,           -- JSON: {"questions": [...], "variants": [...]}
    created_by  TEXT NOT NULL,           -- who stored it: "api" (the API token), ...
    created_at  TEXT NOT NULL
);
