package dev.voicemail.outcomes;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An outcome as stored: reported by the CRM or derived from a later request's history, and the
 * decision it is attributed to (null: none within the window before it).
 */
@Schema(requiredProperties = {"outcomeId", "clientId", "prospectId", "kind", "source", "eventId", "occurredAt", "recordedAt"})
public record StoredOutcome(String outcomeId, String clientId, String prospectId,
                            @Schema(enumeration = {"CALLBACK", "CONNECT", "REPLY", "MEETING", "OPTED_OUT"}) String kind,
                            @Schema(enumeration = {"REPORTED", "DERIVED"}) String source,
                            @Schema(description = "The CRM's event id (REPORTED); the service's own key of the touch (DERIVED).")
                            String eventId,
                            Instant occurredAt,
                            @Schema(description = "The decision it is attributed to; null when no decision of the prospect"
                                    + " came within the window before it.") String decisionId,
                            Instant recordedAt) {

    static StoredOutcome of(OutcomeRepository.Row r) {
        return new StoredOutcome(r.id().toString(), r.clientId(), r.prospectId(), r.kind().name(), r.source(), r.eventId(),
                r.occurredAt(), r.decisionId() == null ? null : r.decisionId().toString(), r.recordedAt());
    }

    /** A page, newest recorded first; {@code next} is the cursor of the following page, null on the last. */
    @Schema(name = "OutcomePage", requiredProperties = {"items"})
    public record Page(List<StoredOutcome> items, String next) {
    }
}
