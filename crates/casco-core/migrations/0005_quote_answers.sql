-- Version 5: a quote call keeps what the API said, not how it was shown (issue 11). `answer`
-- holds, as versioned JSON, the HTTP status and the body as received, or why no answer came,
-- and the time taken; the comparison is built from it when read. Rows written by version 4
-- keep their `outcome` (the view as it was shown then) and are read through it.
ALTER TABLE quote_calls ADD COLUMN answer TEXT;
