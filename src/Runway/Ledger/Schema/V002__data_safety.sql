-- Data safety (issue 10): what a restore would lose, where a backup lives, the swap's progress, a chain over every column.

-- The write counters of every table when the backup was taken (pg_stat_user_tables, WAL position, stats_reset):
-- a restore compares them with the counters now to say how many rows it would lose. Null for older backups.
ALTER TABLE runway.backups ADD COLUMN write_counters jsonb;
-- Where the verified archive was uploaded (a directory or s3://bucket/prefix/key); null when it stayed on the runner.
ALTER TABLE runway.backups ADD COLUMN location text;

-- A restore's database swap, stage by stage, so that a rerun after a kill finds it and completes or reverts it.
CREATE TABLE runway.restores (
    id            bigserial PRIMARY KEY,
    deployment_id bigint REFERENCES runway.deployments (id),
    live          text NOT NULL,
    staging       text NOT NULL,
    replaced      text NOT NULL,
    backup_id     bigint REFERENCES runway.backups (id),
    stage         text NOT NULL CHECK (stage IN ('Restoring', 'LiveMoved', 'SafetyDumped', 'Swapped', 'Done', 'Reverted')),
    safety_file   text,
    decision      jsonb,
    started_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX restores_unfinished ON runway.restores (live) WHERE stage NOT IN ('Done', 'Reverted');

-- Version 2 of the hash covers every column of the event (environment and deployment id too). Events written
-- before this script keep version 1 and verify with the formula they were written with.
ALTER TABLE runway.events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1;
ALTER TABLE runway.events ALTER COLUMN hash_version SET DEFAULT 2;
