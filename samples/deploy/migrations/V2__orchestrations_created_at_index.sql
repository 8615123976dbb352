-- runway:no-transaction
-- CREATE INDEX CONCURRENTLY cannot run inside a transaction; building it concurrently keeps writes flowing during a rollout.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orchestrations_created_at_idx ON orchestrations (created_at);
