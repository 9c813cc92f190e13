-- An entry seen at a trigger's first poll with a publication date in the future waits in the outbox until that date
-- (not_before); deliver_after keeps the date, so that the end of a user's pause never releases it early.
ALTER TABLE thc_outbox ADD COLUMN deliver_after timestamptz;
