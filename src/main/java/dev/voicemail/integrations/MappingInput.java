package dev.voicemail.integrations;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT /v1/integrations/{crm}/mapping}: the whole mapping, the CRM's standard
 * values included (GET it, change it, PUT it back with its ETag).
 */
@Schema(description = "A whole mapping: per field of the CRM's records (a section such as calls.hs_call_disposition), "
        + "each CRM value and what it is read as. The CRM's standard values must all be present.")
public record MappingInput(
        @Schema(implementation = UnknownValues.class, defaultValue = "REFUSE") UnknownValues unknownValues,
        @Schema(required = true, description = "Section (the CRM record's field) → CRM value → what it is read as.")
        Map<String, Map<String, MappingTarget>> values) {
}
