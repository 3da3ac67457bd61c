-- What a logged answer was decided by besides the rules: the client's version (with its updated_at,
-- since a client deleted and created again starts at version 1 again) and the service's build. When
-- all of them and the rules version equal today's, and no experiment's arm decided, the logged answer
-- is what the loaded rules answer now: impact uses it instead of deciding the request again
-- (docs/decision-log.md). Null in rows logged before: those are decided again. H2 copies the table
-- for an ADD COLUMN, so the three come in one statement (one copy); PostgreSQL has its own version.
ALTER TABLE decision_log ADD (client_version BIGINT, client_updated_at TIMESTAMP WITH TIME ZONE, service_build VARCHAR(100));
