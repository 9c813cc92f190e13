-- The feed's own title as last read, so that a note's footer names the feed (django-th has no column for it).
ALTER TABLE thc_feed_state ADD COLUMN feed_title text;
