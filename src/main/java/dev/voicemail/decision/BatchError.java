package dev.voicemail.decision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One batch item that could not be decided, with the status a single request would have got. */
@Schema(description = "A batch item that could not be decided: the error POST /v1/decisions gives for it alone, with its status.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchError(
        @Schema(required = true, description = "The HTTP status the single request would have got.", examples = "400") int status,
        @Schema(required = true, examples = "invalid_request") String error,
        @Schema(required = true, examples = "must be from 0 to 1000") String message,
        @Schema(examples = "call.remainingAttemptsToday") String field) {
}
