-- A trigger's keep/block rules (FIELD=REGEX, checked in order: block first, then keep) and its note title
-- template (triggers set ID --keep/--block/--clear-rules/--title-template); NULL = no rules, the entry's title.
ALTER TABLE thc_trigger_settings ADD COLUMN keep_rules text[];
ALTER TABLE thc_trigger_settings ADD COLUMN block_rules text[];
ALTER TABLE thc_trigger_settings ADD COLUMN title_template text;
