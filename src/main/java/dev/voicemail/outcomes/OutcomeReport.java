package dev.voicemail.outcomes;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/outcomes}: one outcome's fields, or {@code outcomes}, a list of them; not both. */
@Schema(description = "Either one outcome (its fields at the top level) or `outcomes`: 1 to 500 of them.")
public record OutcomeReport(
        @Schema(examples = "acme-scales") String clientId,
        @Schema(examples = "p-123") String prospectId,
        @Schema(enumeration = {"CALLBACK", "CONNECT", "REPLY", "MEETING", "OPTED_OUT"}) String kind,
        @Schema(examples = "crm-evt-981") String eventId,
        @Schema(examples = "2026-11-20T10:00:00Z") String occurredAt,
        @Schema(description = "Many outcomes at once (at most 500), instead of the fields above.") List<ReportedOutcome> outcomes) {

    boolean single() {
        return clientId != null || prospectId != null || kind != null || eventId != null || occurredAt != null;
    }
}
