-- Leases that let several instances share one database: a trigger is refreshed by the instance holding its lease;
-- a lease that is not released (the instance died) simply expires and another instance takes the trigger.
ALTER TABLE thc_feed_state ADD COLUMN claimed_until timestamptz;
ALTER TABLE thc_feed_state ADD COLUMN claimed_by text;
ALTER TABLE thc_feed_state ADD COLUMN last_polled_by text;
