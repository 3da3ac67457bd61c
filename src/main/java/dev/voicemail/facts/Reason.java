package dev.voicemail.facts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule that shaped a decision: its name, and its explanation for a person. */
@Schema(description = "A rule that shaped the decision.")
public record Reason(
        @Schema(required = true, description = "The rule's name.", examples = "spoke with a decision maker before") String rule,
        @Schema(required = true, description = "Its explanation, for the rep.") String text) {
}
