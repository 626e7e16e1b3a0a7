-- 0020: the owners' dashboard's sign-ins, in the database so any instance serves them and they
-- survive restarts. Only SHA-256 digests of the secrets are kept (a one-time link's token, a
-- session's cookie): a copy of the database signs nobody in.
CREATE TABLE dashboard_links (
    digest     TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT                      -- single use: set by the first sign-in
);
CREATE TABLE dashboard_sessions (
    id         INTEGER PRIMARY KEY,
    digest     TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL,
    role       TEXT NOT NULL,            -- owner, manager
    csrf       TEXT NOT NULL,            -- echoed by every state-changing request
    via        TEXT NOT NULL,            -- link, telegram
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions(user_id);
