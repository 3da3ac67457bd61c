-- Decision log (docs/decision-log.md), PostgreSQL: partitioned by UTC day, so that retention drops
-- a day's partition instead of deleting its rows. The writer creates partitions ahead
-- (decision_log_pYYYYMMDD); the id is a UUIDv7 whose time is decided_at, so a lookup by id
-- knows its partition. H2 has its own version of this migration (db/h2).
CREATE TABLE decision_log (
    id            uuid        NOT NULL,
    decided_at    timestamptz NOT NULL,
    agency        varchar(64) NOT NULL,
    client_id     varchar(64) NOT NULL,
    prospect_id   varchar(128) NOT NULL,
    policy        varchar(64) NOT NULL,
    rules_version varchar(100) NOT NULL,
    action        varchar(16) NOT NULL,
    message_kind  varchar(32),
    sequence      varchar(16),
    reason_rules  text        NOT NULL,
    next_guidance varchar(400) NOT NULL,
    request       text        NOT NULL,
    answer        text        NOT NULL,
    PRIMARY KEY (decided_at, id)
) PARTITION BY RANGE (decided_at);

CREATE INDEX decision_log_agency ON decision_log (agency, decided_at DESC, id DESC);
CREATE INDEX decision_log_client ON decision_log (agency, client_id, decided_at DESC, id DESC);
CREATE INDEX decision_log_prospect ON decision_log (agency, client_id, prospect_id);
