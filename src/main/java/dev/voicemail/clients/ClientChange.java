package dev.voicemail.clients;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a client's audit trail: who changed it (the key id), when, and its policy and
 * parameters before and after. Entries are only ever inserted.
 *
 * @param change CREATE, REPLACE or DELETE
 */
public record ClientChange(String change, String changedBy, Instant changedAt, Long oldVersion, Long newVersion,
                           String oldPolicy, String newPolicy, Map<String, Object> oldParameters,
                           Map<String, Object> newParameters) {
}
