package dev.voicemail.decision;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Results in request order: each a {@link DecisionResponse} or a {@link BatchError} (the OpenAPI document
 * says so with a oneOf, set by {@link dev.voicemail.api.OpenApiContract}).
 */
@Schema(description = "One result per request, in request order.")
public record BatchResponse(
        @Schema(required = true, description = "A decision, or the error of a request that could not be decided (it has `status`).")
        List<Object> results) {
}
