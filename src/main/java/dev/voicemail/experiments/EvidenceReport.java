package dev.voicemail.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /v1/clients/{clientId}/evidence}: a client's decisions that left a voicemail against
 * those that did not, with the outcomes that followed. Observational: the two groups were chosen by
 * the policy, not at random, so a difference may come from who got a voicemail rather than from the
 * voicemail.
 */
@Schema(description = "Observational: decisions that left a voicemail against those that did not, and the outcomes attributed "
        + "to them. The groups were not assigned at random, so a difference need not be caused by the voicemail.")
public record EvidenceReport(@Schema(required = true) String clientId,
                             @Schema(required = true, examples = "observational") String kind,
                             @Schema(required = true) String caution,
                             @Schema(nullable = true) Instant from,
                             @Schema(nullable = true) Instant to,
                             @Schema(required = true, description = "voicemail-left, then no-voicemail.") List<Group> groups) {

    /** One group of decisions; per metric the decisions with an attributed outcome of that kind. */
    @Schema(description = "One group of decisions and, per metric, those with an attributed outcome of that kind.")
    public record Group(@Schema(required = true, examples = "voicemail-left") String name,
                        @Schema(required = true) long decisions,
                        @Schema(required = true) Map<String, ExperimentReport.MetricResult> metrics) {
    }
}
