-- 0034: which channel answered a survey. A survey is answered once, by whichever channel gives
-- its first answer: Telegram's buttons or its web page (PUBLIC_URL/s/<token>); the other then
-- says it is done. NULL: no answer yet, or one given before this column (Telegram's).
ALTER TABLE surveys ADD COLUMN channel TEXT;
UPDATE surveys SET channel = 'telegram' WHERE nps IS NOT NULL;
