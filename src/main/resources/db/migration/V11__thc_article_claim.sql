-- One note per article and notebook of a user (TH_CROSS_FEED_DEDUP): the first trigger to queue an article (its
-- link without tracking parameters and fragment, hashed) into a notebook holds it; another trigger of that user into
-- the same notebook records the entry as seen without a note. A constraint, so two instances agree.
CREATE TABLE thc_article_claim (
  user_id integer NOT NULL,
  -- lower-cased django_th_evernote.notebook; '' is the account's default notebook
  notebook_key text NOT NULL,
  article_key char(64) NOT NULL,
  trigger_id integer NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, notebook_key, article_key)
);
