-- An entry's HTML lives in a row of its own, written once when the entry is queued (an entry waiting for its full
-- article gets it once, in the statement that releases it), so that claiming an outbox item and marking it delivered
-- rewrite only its small row, not its content.
CREATE TABLE thc_outbox_payload (
  outbox_id bigint PRIMARY KEY,
  content text
);
INSERT INTO thc_outbox_payload (outbox_id, content) SELECT id, content FROM thc_outbox WHERE state <> 'delivered';

-- V9 dropped a delivered row's content in place; the payload row goes instead, whichever statement marks the item
-- delivered, and with an item deleted before delivery (a trigger removed with its pending notes).
DROP TRIGGER thc_outbox_delivered_without_content ON thc_outbox;
DROP FUNCTION thc_outbox_drop_content();
ALTER TABLE thc_outbox DROP COLUMN content;

-- Once per statement, not per row: a lane's notes are marked delivered together. The ids as an array: a lookup
-- by primary key whatever the size of the statement that planned it first.
CREATE FUNCTION thc_outbox_drop_payloads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- a delivered item has no payload left (pruning deletes thousands of them at once)
    DELETE FROM thc_outbox_payload WHERE outbox_id = ANY (ARRAY(SELECT id FROM changed WHERE state <> 'delivered'));
  ELSE
    DELETE FROM thc_outbox_payload
      WHERE outbox_id = ANY (ARRAY(SELECT id FROM changed WHERE state = 'delivered'));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER thc_outbox_delivered_drops_payload AFTER UPDATE ON thc_outbox
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE PROCEDURE thc_outbox_drop_payloads();
CREATE TRIGGER thc_outbox_deleted_drops_payload AFTER DELETE ON thc_outbox
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE PROCEDURE thc_outbox_drop_payloads();

-- LZ4 compresses an entry's HTML several times faster than the default (where the server has it).
DO $$
BEGIN
  ALTER TABLE thc_outbox_payload ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN
  NULL;
END $$;
