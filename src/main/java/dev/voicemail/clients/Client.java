package dev.voicemail.clients;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A client company of an agency, with the policy its calls are decided by. Also a fact of every
 * decision, so rules can read its name and value propositions.
 */
public record Client(@JsonIgnore String agency, String id, String name, String policy, String timezone,
                     Map<String, Object> parameters, List<String> valuePropositions, long version,
                     Instant createdAt, Instant updatedAt) {

    /** The client's zone, or null when it has none. */
    @JsonIgnore
    public ZoneId zone() {
        return timezone == null ? null : ZoneId.of(timezone);
    }
}
