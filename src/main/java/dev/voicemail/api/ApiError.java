package dev.voicemail.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer.
 *
 * @param error   stable machine-readable code
 * @param message for a person
 * @param field   path of the offending field (e.g. {@code attempts[2].at}), when one is at fault
 */
@Schema(description = "The body of every error answer: what was wrong and how to fix it.",
        properties = @SchemaProperty(name = "details", type = SchemaType.OBJECT,
                description = "More about some errors: `knownPolicies` for unknown_policy, `parameters` (name: problem) for invalid_parameter."))
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @Schema(required = true, description = "A stable code to branch on, e.g. invalid_request, unknown_field, not_found.",
                examples = "invalid_field") String error,
        @Schema(required = true, description = "What was wrong and how to fix it, for a person.",
                examples = "'1795000000000' is not an ISO-8601 timestamp with an offset; send e.g. 2026-11-23T10:35:00-06:00") String message,
        @Schema(description = "The path of the field at fault, when one is.", examples = "attempts[0].at") String field) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The body of an error answered below JAX-RS (a Vert.x route), where no exception mapper writes it. */
    static String json(ApiError error) {
        try {
            return JSON.writeValueAsString(error);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of three strings always serialises
        }
    }
}
