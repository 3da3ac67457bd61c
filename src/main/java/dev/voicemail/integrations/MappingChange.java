package dev.voicemail.integrations;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a mapping's audit trail: who changed it (the key id), when, from which version to which,
 * and the mapping before and after. Entries are only ever inserted.
 */
@Schema(description = "One change of a CRM mapping: who, when, from what to what.")
public record MappingChange(
        @Schema(required = true, enumeration = {"CREATE", "REPLACE"},
                description = "CREATE: the first change from the defaults; REPLACE: any later one.") String change,
        @Schema(required = true, description = "The key id that made the change.") String changedBy,
        @Schema(required = true) Instant changedAt,
        @Schema(required = true, nullable = true, description = "null: it was the defaults.") Long oldVersion,
        @Schema(required = true) long newVersion,
        @Schema(required = true, nullable = true, description = "The mapping before; null: the defaults.") MappingInput oldMapping,
        @Schema(required = true) MappingInput newMapping) {
}
