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

CREATE FUNCTION thc_outbox_drop_payload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM thc_outbox_payload WHERE outbox_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER thc_outbox_delivered_drops_payload AFTER UPDATE OF state ON thc_outbox
  FOR EACH ROW WHEN (NEW.state = 'delivered' AND OLD.state <> 'delivered')
  EXECUTE PROCEDURE thc_outbox_drop_payload();
CREATE TRIGGER thc_outbox_deleted_drops_payload AFTER DELETE ON thc_outbox
  FOR EACH ROW WHEN (OLD.state <> 'delivered')
  EXECUTE PROCEDURE thc_outbox_drop_payload();

-- A claim changes no indexed column: with free room on its page it is a HOT update (no new index entries).
ALTER TABLE thc_outbox SET (fillfactor = 80);
