-- 0037: a customer who answered on the web follows their complaint on a page of its own
-- (PUBLIC_URL/c/<token>) instead of in Telegram: the row says they chose it, and where to
-- email them when staff reply (personal data: erased with the person, and by retention once
-- the complaint is closed), unless they stopped such mail from the page or the mail itself.
CREATE TABLE conversations (
    complaint_id    INTEGER PRIMARY KEY REFERENCES complaints(id),
    email           TEXT,
    mail_stopped_at TEXT,
    created_at      TEXT NOT NULL
);
-- The page's addresses: as a survey's, only each token's SHA-256 digest is kept. Each email
-- carries a new token (the old one cannot be read back), and each stays valid.
CREATE TABLE conversation_links (
    digest       TEXT PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX conversation_links_complaint ON conversation_links(complaint_id);
