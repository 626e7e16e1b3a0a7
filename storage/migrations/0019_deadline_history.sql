-- 0019: every staff deadline a complaint was given, kept, so its figures can be judged as they
-- stood at any past instant: a reopening gives the complaint a new resolve deadline, and the
-- one missed before must stay known (sla_steps keeps only the current one, for the scheduler;
-- its `missed` column is no longer written). And the customer's answer to "was it resolved?"
-- is kept with the change it caused, so a past week shows the answers given by its end.
-- Complaints from before: a deadline known only as missed gets a row "missed at the opening"
-- (its real times are lost); an answer goes with the complaint's latest change.
CREATE TABLE sla_deadlines (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    step         TEXT NOT NULL,           -- take, resolve
    set_at       TEXT NOT NULL,           -- when its clock started: the opening, a reopening
    due_at       TEXT NOT NULL
);
CREATE INDEX sla_deadlines_complaint ON sla_deadlines(complaint_id, step);

INSERT INTO sla_deadlines (complaint_id, step, set_at, due_at)
    SELECT s.complaint_id, s.step, c.created_at, c.created_at
    FROM sla_steps s JOIN complaints c ON c.id = s.complaint_id
    WHERE s.missed = 1 AND s.step IN ('take', 'resolve')
    ORDER BY s.complaint_id, s.step;
INSERT INTO sla_deadlines (complaint_id, step, set_at, due_at)
    SELECT s.complaint_id, s.step,
           CASE WHEN s.step = 'resolve' THEN COALESCE(c.clock_started_at, c.created_at)
                ELSE c.created_at END,
           s.due_at
    FROM sla_steps s JOIN complaints c ON c.id = s.complaint_id
    WHERE s.step IN ('take', 'resolve')
    ORDER BY s.complaint_id, s.step;

ALTER TABLE complaint_states ADD COLUMN satisfied INTEGER;  -- the customer's Yes (1) / No (0)
UPDATE complaint_states SET satisfied = (
    SELECT c.resolution_satisfied FROM complaints c WHERE c.id = complaint_states.complaint_id
) WHERE id IN (
    SELECT MAX(s.id) FROM complaint_states s JOIN complaints c ON c.id = s.complaint_id
    WHERE c.resolution_satisfied IS NOT NULL GROUP BY s.complaint_id
);
