package dev.voicemail.integrations;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agency's mapping for one CRM as GET answers it; version 0 means the defaults, never changed. */
@Schema(description = "How the agency's CRM values are read. Version 0: the defaults, never changed; the ETag is the version.")
public record CrmMapping(
        @Schema(required = true, examples = "hubspot") String crm,
        @Schema(required = true, description = "0 for the defaults, then one more per change; the ETag.", examples = "1") long version,
        @Schema(required = true, implementation = UnknownValues.class) UnknownValues unknownValues,
        @Schema(required = true) Map<String, Map<String, MappingTarget>> values,
        @Schema(required = true, nullable = true, description = "When it was last changed; null for the defaults.") Instant updatedAt) {
}
