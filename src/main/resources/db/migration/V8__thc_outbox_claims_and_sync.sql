-- Fencing: every claim of an outbox item gets a new number; each update after the claim names the holder and that
-- number, so a delivery that outlived its lease cannot overwrite a newer claim or record its note twice.
ALTER TABLE thc_outbox ADD COLUMN claim_no bigint NOT NULL DEFAULT 0;
-- The account's updateCount (Evernote sync state) remembered before the first createNote of this item: after an
-- ambiguous failure, even in another process, the notes changed since then are listed to find this item's note.
ALTER TABLE thc_outbox ADD COLUMN sync_usn integer;
-- When last_error was set (the item was deferred or parked), for 'outbox list' and the status page.
ALTER TABLE thc_outbox ADD COLUMN last_error_at timestamptz;
CREATE INDEX thc_outbox_parked ON thc_outbox (user_id) WHERE state = 'parked';
