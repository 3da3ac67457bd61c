package dev.voicemail.integrations;

import java.time.Instant;
import java.util.List;

import dev.voicemail.facts.Direction;

/**
 * One CRM record, read but not yet mapped.
 *
 * @param path      where it is in the request, e.g. {@code history.calls[2]}
 * @param timeField the request path of the field its time was read from
 * @param direction what the record itself says, or null when it says nothing
 * @param lookups   its values to look up in the mapping, in order (see {@link Lookup})
 */
record CrmRecord(String id, String path, Instant at, String timeField, Direction direction, List<Lookup> lookups) {

    /**
     * A value of the record and the mapping section it is looked up in. The first lookup whose value
     * the mapping knows decides; a lookup that is {@code ifMapped} is passed over when the mapping does
     * not know its value (e.g. an email's status: only BOUNCED says more than its direction).
     *
     * @param field the request path of the value
     */
    record Lookup(String section, String field, String value, boolean ifMapped) {
    }
}
