-- Per-trigger settings django-th has no column for. A row exists only for triggers given their own settings with
-- the CLI (`triggers add --interval 2h`); it goes away with the trigger (`triggers remove`).
CREATE TABLE thc_trigger_settings (
  trigger_id integer PRIMARY KEY,
  -- how often this trigger's feed is checked; NULL: TH_POLL_INTERVAL
  poll_interval_seconds integer CHECK (poll_interval_seconds > 0)
);
