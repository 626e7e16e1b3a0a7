-- 0025: events for other systems (a CRM, an automation), written in the same transaction as
-- the change each reports, so none is lost or invented by a crash. They are served by pull
-- (GET /api/v1/events) and pushed to each EVENTS_URL by the events sender: a delivery row per
-- event and URL, tried until the receiver answers 2xx or 72 hours have passed.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    data         TEXT NOT NULL,            -- JSON: ids and what a receiver needs
    complaint_id INTEGER,                  -- delivered in order per complaint
    customer_id  INTEGER,                  -- erasure redacts the person's events
    dedupe       TEXT UNIQUE,              -- one event per fact (a survey completed once)
    created_at   REAL NOT NULL             -- Unix time, as the outbox's: retries count from it
);
CREATE INDEX events_customer ON events(customer_id);
CREATE TABLE event_deliveries (
    event_id    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    status      TEXT NOT NULL,             -- pending, delivered, failed (gave up after 72 h)
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     REAL NOT NULL,
    last_error  TEXT,
    done_at     REAL,
    PRIMARY KEY (event_id, url)
);
CREATE INDEX event_deliveries_due ON event_deliveries(status, next_at);
