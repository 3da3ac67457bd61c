package dev.voicemail.outcomes;

import java.util.List;

/**
 * The body of {@code POST /v1/outcomes} as read: one outcome's fields, or {@code outcomes}, a list of
 * them; not both. (The contract documents the two shapes apart: {@link ReportedOutcome}, {@link ReportedOutcomes}.)
 */
public record OutcomeReport(String clientId, String prospectId, String kind, String eventId, String occurredAt,
                            List<ReportedOutcome> outcomes) {

    boolean single() {
        return clientId != null || prospectId != null || kind != null || eventId != null || occurredAt != null;
    }
}
