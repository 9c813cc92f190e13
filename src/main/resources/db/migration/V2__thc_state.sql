-- The service's own state. django-th's tables are read and their result/counter columns updated, never altered.

-- Per trigger: the URL polled, HTTP validators, schedule and failures. A trigger whose current URL differs from
-- the one recorded here is on its first poll again.
CREATE TABLE thc_feed_state (
  trigger_id integer PRIMARY KEY,
  url text NOT NULL,
  first_polled_at timestamptz NOT NULL,
  last_checked_at timestamptz,
  last_success_at timestamptz,
  next_check_at timestamptz NOT NULL,
  etag text,
  last_modified text,
  body_hash text,
  last_status text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_error text,
  entries_total bigint NOT NULL DEFAULT 0
);
CREATE INDEX thc_feed_state_next_check ON thc_feed_state (next_check_at);

-- Ledger of every entry ever seen, per trigger; the unique key is what makes delivery once-only.
CREATE TABLE thc_entry (
  trigger_id integer NOT NULL,
  entry_key char(64) NOT NULL,
  suffix char(16) NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  queued boolean NOT NULL,
  PRIMARY KEY (trigger_id, entry_key)
);

-- Durable outbox: written in the same transaction as the ledger row; the truth about what is still to deliver.
CREATE TABLE thc_outbox (
  id bigserial PRIMARY KEY,
  trigger_id integer NOT NULL,
  user_id integer NOT NULL,
  entry_key char(64) NOT NULL,
  feed_url text NOT NULL,
  guid text,
  link text,
  title text,
  content text,
  published timestamptz,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz,
  claimed_by text,
  ambiguous boolean NOT NULL DEFAULT false,
  note_guid text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (trigger_id, entry_key)
);
CREATE INDEX thc_outbox_pending ON thc_outbox (not_before) WHERE state = 'pending';
CREATE INDEX thc_outbox_user_pending ON thc_outbox (user_id) WHERE state = 'pending';

-- Per user: deliveries paused by Evernote (rate limit until a time, or an expired/invalid token until it changes).
CREATE TABLE thc_user_pause (
  user_id integer PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('rate_limit', 'auth')),
  paused_until timestamptz,
  token_hash char(64),
  reason text NOT NULL,
  since timestamptz NOT NULL DEFAULT now()
);
