-- 0017: "bring a friend". A promoter who finishes a survey gets a personal link (one per
-- survey, so links sent can be counted). A friend who starts the bot through it is attributed
-- to the advocate once, and converted when their first purchase is registered. A customer who
-- asks to be forgotten loses the identity of their links and attributions, the counts remain.
CREATE TABLE referral_links (
    token       TEXT PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(id),  -- the advocate, NULL once forgotten
    survey_id   INTEGER REFERENCES surveys(id),    -- the promoter's survey that earned it
    sent_at     TEXT NOT NULL
);
CREATE INDEX referral_links_sent ON referral_links(sent_at);
CREATE INDEX referral_links_customer ON referral_links(customer_id);

CREATE TABLE referrals (
    id           INTEGER PRIMARY KEY,
    token        TEXT NOT NULL REFERENCES referral_links(token),
    advocate_id  INTEGER REFERENCES customers(id),  -- NULL once forgotten
    friend_id    INTEGER UNIQUE REFERENCES customers(id),  -- one attribution per friend
    joined_at    TEXT NOT NULL,
    purchased_at TEXT,                               -- converted: the first purchase registered
    purchase_id  INTEGER REFERENCES purchases(id)
);
CREATE INDEX referrals_joined ON referrals(joined_at);
CREATE INDEX referrals_purchased ON referrals(purchased_at);
CREATE INDEX referrals_advocate ON referrals(advocate_id);
