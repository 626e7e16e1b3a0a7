-- PostgreSQL edition of 0004_report_indexes.sql: the same tables and columns in PostgreSQL's types.
-- 0004: reports. A survey keeps the branch and the customer's segment it was sent under (a
-- snapshot: a later segment change does not rewrite history), and one covering index lets every
-- report aggregate read a period of surveys in index order without touching the table.
ALTER TABLE surveys ADD COLUMN branch TEXT NOT NULL DEFAULT '';
ALTER TABLE surveys ADD COLUMN segment TEXT NOT NULL DEFAULT '';
UPDATE surveys SET
    branch = COALESCE((SELECT branch FROM purchases WHERE purchases.id = surveys.purchase_id), ''),
    segment = COALESCE((SELECT segment FROM customers WHERE customers.id = surveys.customer_id), '');
CREATE INDEX surveys_report ON surveys(sent_at, nps, csat, expectation, branch, segment);
CREATE INDEX complaints_created ON complaints(created_at);
