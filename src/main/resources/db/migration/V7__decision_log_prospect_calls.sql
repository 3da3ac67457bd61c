-- Deriving outcomes looks up a prospect's decisions by call time (OutcomeRepository.decisions). With
-- the call time outside the index, each lookup read every logged row of the prospect, JSON included:
-- one prospect decided 100,000 times made each new decision of theirs read 100,000 rows, and the
-- benchmark's service spent half its CPU in garbage collection. This index ends at call_at, and
-- covers the older (agency, client_id, prospect_id) one, which is dropped. The same SQL runs on H2
-- and PostgreSQL (on PostgreSQL an index of the partitioned table, on every partition).
CREATE INDEX decision_log_prospect_call ON decision_log (agency, client_id, prospect_id, call_at);
DROP INDEX decision_log_prospect;
