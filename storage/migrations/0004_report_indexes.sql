-- 0004: reports read surveys by invitation time and complaints by opening time.
CREATE INDEX surveys_sent ON surveys(sent_at);
CREATE INDEX complaints_created ON complaints(created_at);
