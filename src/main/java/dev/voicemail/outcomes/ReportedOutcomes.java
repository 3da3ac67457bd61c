package dev.voicemail.outcomes;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Many outcomes in one {@code POST /v1/outcomes} (documents the body's list shape; read as {@link OutcomeReport}). */
@Schema(description = "1 to 500 outcomes at once.", requiredProperties = {"outcomes"})
public record ReportedOutcomes(@Schema(maxItems = OutcomeReader.MAX_OUTCOMES) List<ReportedOutcome> outcomes) {
}
