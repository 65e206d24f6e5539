-- Retention (issue #14): a pinned run is never evicted; `bytes` is what a run takes in the database (its
-- scenario text, profiles, result, headline and error, in UTF-8 bytes), so the oldest finished runs can be
-- evicted when the stored runs exceed a count or a size.
ALTER TABLE runs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET bytes = length(CAST(scenario_text AS BLOB)) + length(CAST(profiles AS BLOB))
  + COALESCE(length(CAST(result AS BLOB)), 0) + COALESCE(length(CAST(headline AS BLOB)), 0)
  + COALESCE(length(CAST(error AS BLOB)), 0);
