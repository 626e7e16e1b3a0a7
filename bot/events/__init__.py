"""Events for other systems: signed webhooks to EVENTS_URL and the pull feed."""
