package dev.voicemail.clients;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A client company of an agency, with the policy its calls are decided by. Also a fact of every
 * decision, so rules can read its name and value propositions.
 */
@Schema(description = "A client company of the agency, with the policy its calls are decided by.")
public record Client(@JsonIgnore String agency,
                     @Schema(required = true, examples = "acme-scales") String id,
                     @Schema(required = true, examples = "Acme Scales") String name,
                     @Schema(required = true, examples = "only-after-contact") String policy,
                     @Schema(required = true, nullable = true, description = "An IANA time zone, or null.",
                             examples = "America/Chicago") String timezone,
                     @Schema(required = true, description = "The policy's parameters the client overrides (GET /v1/policies lists them).")
                     Map<String, Object> parameters,
                     @Schema(required = true) List<String> valuePropositions,
                     @Schema(required = true, description = "Starts at 1, one more per change; the ETag.", examples = "1") long version,
                     @Schema(required = true) Instant createdAt,
                     @Schema(required = true) Instant updatedAt) {

    /** The client as decided by another policy and parameters (an experiment's arm); everything else the same. */
    public Client decidingBy(String otherPolicy, Map<String, Object> otherParameters) {
        return new Client(agency, id, name, otherPolicy, timezone, otherParameters, valuePropositions, version, createdAt, updatedAt);
    }

    /** The client's zone, or null when it has none. */
    @JsonIgnore
    public ZoneId zone() {
        return timezone == null ? null : ZoneId.of(timezone);
    }
}
