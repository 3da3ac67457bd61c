-- Outcomes (docs/outcomes.md): what followed a decision, reported by a CRM or derived from the
-- history of later decision requests. The same SQL on H2 and PostgreSQL.

-- The logged request's call time (call.at): outcomes are attributed by it, not by the wall clock
-- (CRMs send history late). Null for decisions logged before this migration: they get no outcomes.
ALTER TABLE decision_log ADD COLUMN call_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE outcome (
    id          UUID                     NOT NULL PRIMARY KEY,
    agency      VARCHAR(64)              NOT NULL,
    client_id   VARCHAR(64)              NOT NULL,
    prospect_id VARCHAR(128)             NOT NULL,
    kind        VARCHAR(16)              NOT NULL,
    source      VARCHAR(16)              NOT NULL,
    event_id    VARCHAR(128),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    decision_id UUID,
    decided_at  TIMESTAMP WITH TIME ZONE,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- reporting the same event twice counts once, also when two replicas record it at the same moment
    CONSTRAINT outcome_event UNIQUE (agency, client_id, source, event_id)
);

CREATE INDEX outcome_prospect ON outcome (agency, client_id, prospect_id);
CREATE INDEX outcome_decision ON outcome (agency, decision_id);
CREATE INDEX outcome_agency ON outcome (agency, id DESC);
-- retention: outcomes go with the decision log's (voicemail.decision-log.retention), by when they were recorded
CREATE INDEX outcome_recorded ON outcome (recorded_at);
