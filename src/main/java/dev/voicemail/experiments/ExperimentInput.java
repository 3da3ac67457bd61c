package dev.voicemail.experiments;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /v1/clients/{clientId}/experiments/{experimentId}}. */
@Schema(description = "An experiment as an agency sets it up.")
public record ExperimentInput(
        @Schema(description = "What is tested, in words (at most 1000 characters).",
                examples = "Does a voicemail bring more call-backs than none?") String description,
        @Schema(required = true, description = "2 to 10 arms; the first is the baseline the others are compared with.")
        List<Arm> arms,
        @Schema(required = true, description = "callback, connect, reply or meeting.", examples = "callback") String primaryMetric,
        @Schema(description = "Days after a decision's call in which an outcome counts for it: 1 to 90, default 14.",
                examples = "14") Integer windowDays,
        @Schema(required = true, description = "Prospects per arm the verdict waits for: 10 to 10,000,000.",
                examples = "500") Integer plannedProspectsPerArm) {
}
