package dev.voicemail.outcomes;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One outcome as a CRM reports it, before validation (every field a string, so that a bad one is named). */
@Schema(description = "An outcome the CRM saw: a call-back, a connect, a reply, a meeting booked, an opt-out.",
        requiredProperties = {"clientId", "prospectId", "kind", "eventId", "occurredAt"})
public record ReportedOutcome(
        @Schema(examples = "acme-scales") String clientId,
        @Schema(examples = "p-123", description = "The prospect, as in the decision requests (1 to 128 characters).") String prospectId,
        @Schema(enumeration = {"CALLBACK", "CONNECT", "REPLY", "MEETING", "OPTED_OUT"}) String kind,
        @Schema(examples = "crm-evt-981", description = "The CRM's own id of the event (1 to 128 characters):"
                + " the same event reported again counts once.") String eventId,
        @Schema(examples = "2026-11-20T10:00:00Z", description = "When it happened: ISO-8601 with an offset, not in the future.")
        String occurredAt) {
}
