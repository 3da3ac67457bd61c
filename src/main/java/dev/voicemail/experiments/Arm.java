package dev.voicemail.experiments;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One arm of an experiment: the policy and parameters its prospects are decided by, and its weight
 * in the split (an arm of weight 2 gets twice the prospects of an arm of weight 1).
 */
@Schema(description = "One arm: the policy and parameters its prospects are decided by, and its weight in the split.")
public record Arm(@Schema(required = true, description = "1 to 32 of [A-Za-z0-9._-], unique in the experiment.",
                          examples = "voicemail") String name,
                  @Schema(required = true, description = "A loaded policy (GET /v1/policies).", examples = "always") String policy,
                  @Schema(description = "The policy's parameters, checked as a client's are; the client's own do not apply in the arm.")
                  Map<String, Object> parameters,
                  @Schema(required = true, description = "1 to 1000; the share of prospects is weight / sum of weights.",
                          examples = "1") Integer weight) {
}
