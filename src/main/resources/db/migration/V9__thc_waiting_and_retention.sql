-- An entry seen at a trigger's first poll with a publication date in the future waits in the outbox until that date
-- (not_before); deliver_after keeps the date, so that the end of a user's pause never releases it early.
ALTER TABLE thc_outbox ADD COLUMN deliver_after timestamptz;

-- When each ledger key was last in its feed (refreshed at most once a day) and when each feed was last read in full:
-- a key missing from its feed's last reading and not seen for TH_LEDGER_RETENTION is pruned. Existing keys count as
-- seen now.
ALTER TABLE thc_entry ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX thc_entry_last_seen ON thc_entry (last_seen_at);
ALTER TABLE thc_feed_state ADD COLUMN last_parsed_at timestamptz;

-- A delivered row keeps what identifies its note (ids, key, note guid, times), not the entry's HTML: whichever
-- statement marks a row delivered, its content goes.
CREATE FUNCTION thc_outbox_drop_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.content := NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER thc_outbox_delivered_without_content BEFORE UPDATE OF state ON thc_outbox
  FOR EACH ROW WHEN (NEW.state = 'delivered' AND NEW.content IS NOT NULL)
  EXECUTE PROCEDURE thc_outbox_drop_content();
UPDATE thc_outbox SET content = NULL WHERE state = 'delivered' AND content IS NOT NULL;
