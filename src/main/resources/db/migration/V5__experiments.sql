-- Experiments (docs/experiments.md); the same SQL runs on H2 and PostgreSQL.
-- running_client is the client id while the experiment runs and null otherwise: the unique index
-- keeps at most one running experiment per client (nulls are distinct in both databases), even
-- when two replicas start two experiments at the same moment.
CREATE TABLE experiments (
    agency          VARCHAR(64)     NOT NULL,
    client_id       VARCHAR(64)     NOT NULL,
    id              VARCHAR(64)     NOT NULL,
    description     VARCHAR(1000),
    arms            VARCHAR(200000) NOT NULL,
    primary_metric  VARCHAR(16)     NOT NULL,
    window_days     INTEGER         NOT NULL,
    planned_per_arm INTEGER         NOT NULL,
    status          VARCHAR(16)     NOT NULL,
    running_client  VARCHAR(64),
    version         BIGINT          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    stopped_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (agency, client_id, id)
);

CREATE UNIQUE INDEX experiments_one_running ON experiments (agency, running_client);

-- Which experiment and arm decided a logged decision (null: none).
ALTER TABLE decision_log ADD COLUMN experiment_id VARCHAR(64);
ALTER TABLE decision_log ADD COLUMN arm VARCHAR(32);
CREATE INDEX decision_log_experiment ON decision_log (agency, client_id, experiment_id, arm);
