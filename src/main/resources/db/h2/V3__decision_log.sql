-- Decision log (docs/decision-log.md), embedded H2: one table; retention deletes rows.
-- PostgreSQL has its own version of this migration (db/postgresql), partitioned by day.
CREATE TABLE decision_log (
    id            UUID                     NOT NULL PRIMARY KEY,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    agency        VARCHAR(64)              NOT NULL,
    client_id     VARCHAR(64)              NOT NULL,
    prospect_id   VARCHAR(128)             NOT NULL,
    policy        VARCHAR(64)              NOT NULL,
    rules_version VARCHAR(100)             NOT NULL,
    action        VARCHAR(16)              NOT NULL,
    message_kind  VARCHAR(32),
    sequence      VARCHAR(16),
    reason_rules  CHARACTER LARGE OBJECT   NOT NULL,
    next_guidance VARCHAR(400)             NOT NULL,
    request       CHARACTER LARGE OBJECT   NOT NULL,
    answer        CHARACTER LARGE OBJECT   NOT NULL
);

CREATE INDEX decision_log_agency ON decision_log (agency, decided_at DESC, id DESC);
CREATE INDEX decision_log_client ON decision_log (agency, client_id, decided_at DESC, id DESC);
CREATE INDEX decision_log_prospect ON decision_log (agency, client_id, prospect_id);
CREATE INDEX decision_log_time ON decision_log (decided_at);
