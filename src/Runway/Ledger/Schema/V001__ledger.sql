-- Runway's deployment ledger. Applied once, in a transaction, by LedgerSchema.

CREATE TABLE runway.deployments (
    id               bigserial PRIMARY KEY,
    environment      text NOT NULL,
    release          text NOT NULL,
    previous_release text,
    state            text NOT NULL CHECK (state IN ('Running', 'Succeeded', 'Failed', 'RolledBack', 'Aborted')),
    started_by       text NOT NULL,
    host             text NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz,
    failure_reason   text
);
CREATE INDEX deployments_by_environment_release ON runway.deployments (environment, release, id DESC);
-- At most one running deployment per environment: a crashed run is resumed or aborted, never doubled.
CREATE UNIQUE INDEX deployments_one_running ON runway.deployments (environment) WHERE state = 'Running';

CREATE TABLE runway.phases (
    id            bigserial PRIMARY KEY,
    deployment_id bigint NOT NULL REFERENCES runway.deployments (id),
    name          text NOT NULL,
    status        text NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed', 'Skipped')),
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    error         text,
    UNIQUE (deployment_id, name)
);

CREATE TABLE runway.steps (
    id         bigserial PRIMARY KEY,
    phase_id   bigint NOT NULL REFERENCES runway.phases (id),
    name       text NOT NULL,
    status     text NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed', 'Skipped')),
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    error      text,
    evidence   jsonb,
    UNIQUE (phase_id, name)
);

CREATE TABLE runway.backups (
    id             bigserial PRIMARY KEY,
    deployment_id  bigint REFERENCES runway.deployments (id),
    file           text NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         text NOT NULL,
    duration       interval NOT NULL,
    database       text NOT NULL,
    server_version text NOT NULL,
    created_at     timestamptz NOT NULL,
    verified       boolean NOT NULL,
    deleted_at     timestamptz
);
CREATE INDEX backups_by_deployment ON runway.backups (deployment_id);

CREATE TABLE runway.checklist_marks (
    id            bigserial PRIMARY KEY,
    environment   text NOT NULL,
    release       text NOT NULL,
    deployment_id bigint REFERENCES runway.deployments (id),
    item_id       text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('Done', 'SignedOff', 'Waived')),
    marked_by     text NOT NULL,
    at            timestamptz NOT NULL,
    note          text,
    evidence      jsonb
);
CREATE INDEX checklist_marks_by_release ON runway.checklist_marks (environment, release, item_id, at DESC, id DESC);

CREATE TABLE runway.environment_holders (
    environment text PRIMARY KEY,
    held_by     text NOT NULL,
    host        text NOT NULL,
    process_id  integer NOT NULL,
    release     text NOT NULL,
    since       timestamptz NOT NULL,
    backend_pid integer NOT NULL
);

CREATE TABLE runway.events (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL,
    type          text NOT NULL,
    environment   text,
    deployment_id bigint,
    payload       jsonb NOT NULL,
    prev_hash     text NOT NULL,
    hash          text NOT NULL UNIQUE
);
CREATE INDEX events_by_deployment ON runway.events (deployment_id);

CREATE FUNCTION runway.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'runway.events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a correcting event instead of changing history.';
END;
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON runway.events
    FOR EACH ROW EXECUTE FUNCTION runway.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON runway.events
    FOR EACH STATEMENT EXECUTE FUNCTION runway.refuse_event_change();
