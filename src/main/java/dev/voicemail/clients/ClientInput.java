package dev.voicemail.clients;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /v1/clients/{id}}. */
@Schema(description = "A client to create or replace. Unknown fields are refused.")
public record ClientInput(
        @Schema(required = true, minLength = 1, maxLength = 200, examples = "Acme Scales") String name,
        @Schema(required = true, description = "A policy: a file rules/policies/<policy>.drl (GET /v1/policies).",
                examples = "only-after-contact") String policy,
        @Schema(description = "An IANA time zone.", examples = "America/Chicago") String timezone,
        @Schema(description = "Overrides of the policy's parameters, checked against what the policy declares (422 otherwise).")
        Map<String, Object> parameters,
        @Schema(maxItems = 50, description = "What the client offers, one sentence each (at most 1,000 characters).")
        List<String> valuePropositions) {
}
