package dev.voicemail.experiments;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a client's experiments, by id. */
@Schema(description = "A page of a client's experiments, by id.")
public record ExperimentPage(@Schema(required = true) List<Experiment> items,
                             @Schema(required = true, examples = "0") int page,
                             @Schema(required = true, examples = "50") int size,
                             @Schema(required = true, examples = "3") long total) {
}
