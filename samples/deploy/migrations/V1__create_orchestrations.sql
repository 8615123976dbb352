-- The sample service's one resource. The service never creates its schema; the pipeline's Migration target does.
CREATE TABLE IF NOT EXISTS orchestrations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    definition  jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
