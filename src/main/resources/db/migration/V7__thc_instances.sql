-- One row per running instance (a runtime of the service), renewed every few seconds: a lease whose holder has
-- stopped renewing its row is taken over by the others without waiting for the lease to run out, also across
-- machines (where the holder's process cannot be checked). holder is the text the instance writes in claimed_by.
CREATE TABLE thc_instances (
  holder text PRIMARY KEY,
  host text NOT NULL,
  boot_id text NOT NULL,
  machine_id text NOT NULL,
  pid bigint NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  beat_at timestamptz NOT NULL DEFAULT now()
);

-- Live trigger leases are few; finding their holders must not read the whole table.
CREATE INDEX thc_feed_state_claimed_by ON thc_feed_state (claimed_by) WHERE claimed_until IS NOT NULL;
