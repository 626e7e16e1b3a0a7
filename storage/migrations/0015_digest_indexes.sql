-- 0015: the digest's last full scans. "Customers who blocked the bot in the period" read every
-- customer (0.15 s at 1,000,000); few ever block it, so a partial index holds only those.

CREATE INDEX customers_unreachable ON customers(unreachable_at) WHERE unreachable_at IS NOT NULL;
