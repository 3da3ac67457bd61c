package dev.voicemail.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Results in request order: each a {@link CrmDecision} or a batch error. */
@Schema(description = "One result per request, in request order.")
public record CrmBatchResponse(
        @Schema(required = true, description = "A decision with readAs, or the error of a request that could not be decided (it has `status`).")
        List<Object> results) {
}
