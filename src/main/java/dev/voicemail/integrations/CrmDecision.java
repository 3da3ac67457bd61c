package dev.voicemail.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.voicemail.decision.DecisionResponse;

/**
 * What {@code POST /v1/decisions} answers for the translated request, field for field, plus what each
 * CRM record was read as.
 */
@Schema(description = "The decision, exactly as POST /v1/decisions answers the translated request, plus readAs.")
public record CrmDecision(
        @JsonUnwrapped DecisionResponse decision,
        @Schema(required = true, description = "Per CRM record, in request order: what it was read as, or skipped and why.")
        List<ReadAs> readAs) {
}
