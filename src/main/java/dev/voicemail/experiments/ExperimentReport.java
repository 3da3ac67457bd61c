package dev.voicemail.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET .../experiments/{experimentId}/report}: per arm what happened, and a verdict in words. */
@Schema(description = "An experiment's report: per arm prospects, decisions, voicemails and metrics with intervals; a verdict.")
public record ExperimentReport(@Schema(required = true) String experimentId,
                               @Schema(required = true) String clientId,
                               @Schema(required = true) ExperimentStatus status,
                               @Schema(required = true) Metric primaryMetric,
                               @Schema(required = true) int windowDays,
                               @Schema(required = true) int plannedProspectsPerArm,
                               @Schema(nullable = true) Instant startedAt,
                               @Schema(nullable = true) Instant stoppedAt,
                               @Schema(required = true, description = "In the experiment's order; the first is the baseline.") List<ArmReport> arms,
                               @Schema(required = true) Verdict verdict) {

    /** One arm's figures over all its prospects so far. */
    @Schema(description = "One arm's figures over all its prospects so far.")
    public record ArmReport(@Schema(required = true) String name,
                            @Schema(required = true) String policy,
                            @Schema(required = true) int weight,
                            @Schema(required = true, description = "Distinct prospects decided in the arm.") long prospects,
                            @Schema(required = true) long decisions,
                            @Schema(required = true, description = "Decisions that left a voicemail.") long voicemailsLeft,
                            @Schema(required = true, description = "By metric: callback, connect, reply, meeting.")
                            Map<String, MetricResult> metrics) {
    }

    /**
     * Prospects with at least one outcome of the metric's kind within the window, their rate with a 95%
     * Wilson interval, and (except in the first arm) the difference from the first arm with its 95%
     * Newcombe interval.
     */
    @Schema(description = "Prospects with an outcome of this kind within the window; the rate with its 95% Wilson interval; "
            + "the difference from the first arm with its 95% Newcombe interval (null in the first arm).")
    public record MetricResult(@Schema(required = true) long prospects,
                               @Schema(required = true, examples = "0.0556") double rate,
                               @Schema(required = true) Range interval,
                               @Schema(nullable = true) Difference differenceFromFirst) {
    }

    @Schema(description = "A 95% interval.")
    public record Range(@Schema(required = true) double low, @Schema(required = true) double high) {
    }

    @Schema(description = "This arm's rate minus the first arm's, with its 95% interval.")
    public record Difference(@Schema(required = true) double estimate, @Schema(required = true) double low,
                             @Schema(required = true) double high) {
    }

    /**
     * The verdict on the primary metric. It is computed on the planned sample (each arm's first
     * {@code plannedProspectsPerArm} prospects), and names a winner only once that sample is complete and
     * its window has passed, so reading the report early or often cannot produce a false win.
     */
    @Schema(description = "The verdict on the primary metric, on each arm's first plannedProspectsPerArm prospects; a winner is "
            + "named only once every arm has them and their window has passed.")
    public record Verdict(@Schema(nullable = true, description = "The arm with the highest rate so far.") String leader,
                          @Schema(nullable = true, description = "The arm found better than every other, or null.") String winner,
                          @Schema(required = true) boolean plannedSampleReached,
                          @Schema(nullable = true, description = "When the window of the planned sample's last prospect ends (null before the sample is complete).")
                          Instant outcomesCompleteAt,
                          @Schema(required = true, description = "About how many more prospects (all arms together) the planned sample needs; 0 once reached.")
                          long prospectsStillNeeded,
                          @Schema(nullable = true, description = "With no winner at the planned sample: prospects per arm that a new experiment would need "
                                  + "to find a difference as large as the one seen (80% power).") Long suggestedProspectsPerArm,
                          @Schema(required = true) String text) {
    }
}
