-- Fencing: each acquisition of an environment's lock bumps its counter; the holder row keeps the value the run
-- got, and the run presents it with every ledger write and traffic change, so a run that lost its lock is refused.
CREATE TABLE runway.environment_fences (
    environment text PRIMARY KEY,
    fence       bigint NOT NULL
);

ALTER TABLE runway.environment_holders ADD COLUMN fence bigint NOT NULL DEFAULT 0;
