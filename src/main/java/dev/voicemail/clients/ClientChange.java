package dev.voicemail.clients;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a client's audit trail: who changed it (the key id), when, and its policy and
 * parameters before and after. Entries are only ever inserted.
 *
 * @param change CREATE, REPLACE or DELETE
 */
@Schema(description = "One change of a client: who, when, from what to what.")
public record ClientChange(
        @Schema(required = true, enumeration = {"CREATE", "REPLACE", "DELETE"}) String change,
        @Schema(required = true, description = "The key id that made the change, or `bootstrap`.") String changedBy,
        @Schema(required = true) Instant changedAt,
        @Schema(required = true, nullable = true) Long oldVersion,
        @Schema(required = true, nullable = true) Long newVersion,
        @Schema(required = true, nullable = true) String oldPolicy,
        @Schema(required = true, nullable = true) String newPolicy,
        @Schema(required = true, nullable = true) Map<String, Object> oldParameters,
        @Schema(required = true, nullable = true) Map<String, Object> newParameters) {
}
