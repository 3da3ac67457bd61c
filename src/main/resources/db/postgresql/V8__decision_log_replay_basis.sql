-- What a logged answer was decided by besides the rules (see db/h2's V8 for why): the client's
-- version and updated_at, the service's build. Nullable columns without a default change only the
-- catalogue on PostgreSQL, on the partitioned table and every partition: no row is rewritten.
ALTER TABLE decision_log
    ADD COLUMN client_version BIGINT,
    ADD COLUMN client_updated_at timestamptz,
    ADD COLUMN service_build varchar(100);
