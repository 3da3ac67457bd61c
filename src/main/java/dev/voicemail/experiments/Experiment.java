package dev.voicemail.experiments;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A client's experiment as stored: its set-up, its state, and its version (the ETag). */
@Schema(description = "A client's experiment: its arms and split, what it measures, its state and version.")
public record Experiment(@JsonIgnore String agency,
                         @Schema(required = true, examples = "acme-scales") String clientId,
                         @Schema(required = true, examples = "voicemail-or-not") String id,
                         @Schema(nullable = true) String description,
                         @Schema(required = true) List<Arm> arms,
                         @Schema(required = true) Metric primaryMetric,
                         @Schema(required = true, examples = "14") int windowDays,
                         @Schema(required = true, examples = "500") int plannedProspectsPerArm,
                         @Schema(required = true) ExperimentStatus status,
                         @Schema(required = true, description = "Starts at 1, one more per change (start and stop too); the ETag.",
                                 examples = "1") long version,
                         @Schema(required = true) Instant createdAt,
                         @Schema(required = true) Instant updatedAt,
                         @Schema(nullable = true) Instant startedAt,
                         @Schema(nullable = true) Instant stoppedAt) {

    /** The sum of the arms' weights. */
    @JsonIgnore
    public int totalWeight() {
        return arms.stream().mapToInt(Arm::weight).sum();
    }
}
