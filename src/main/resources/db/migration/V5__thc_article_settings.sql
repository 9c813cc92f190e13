-- Per-trigger choices about what a note holds (triggers set ID --full-content/--selector/--images); NULL = the
-- service's default (TH_FULL_CONTENT, TH_IMAGES).
ALTER TABLE thc_trigger_settings ADD COLUMN full_content text CHECK (full_content IN ('auto', 'always', 'never'));
ALTER TABLE thc_trigger_settings ADD COLUMN article_selector text;
ALTER TABLE thc_trigger_settings ADD COLUMN images text CHECK (images IN ('embed', 'link'));

-- An account whose monthly upload allowance is used up waits until the period ends (QUOTA_REACHED).
ALTER TABLE thc_user_pause DROP CONSTRAINT thc_user_pause_kind_check;
ALTER TABLE thc_user_pause ADD CONSTRAINT thc_user_pause_kind_check CHECK (kind IN ('rate_limit', 'auth', 'quota'));
