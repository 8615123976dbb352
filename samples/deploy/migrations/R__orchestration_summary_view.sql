-- Repeatable: re-applied whenever its text changes.
CREATE OR REPLACE VIEW orchestration_summary AS
SELECT date_trunc('day', created_at) AS day,
       count(*)                      AS orchestrations,
       count(definition)             AS with_definition
FROM orchestrations
GROUP BY date_trunc('day', created_at);
