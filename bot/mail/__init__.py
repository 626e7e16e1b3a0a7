"""Email to customers: queued durably, sent over SMTP after commit, retried through outages."""
