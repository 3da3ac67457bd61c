package dev.voicemail.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What {@code POST /v1/integrations/{crm}/outcomes} did: each outcome found with its status, and what each record was read as. */
@Schema(description = "The outcomes found in the records, each recorded once, and what every record was read as.")
public record CrmOutcomes(
        @Schema(required = true, description = "One per outcome found, in record order.") List<Item> outcomes,
        @Schema(required = true, description = "Per CRM record, in request order: what it was read as, or skipped and why.")
        List<ReadAs> readAs) {

    /**
     * @param eventId the record's id; with {@code /KIND} after it for a record's second outcome (an
     *                inbound call that connected is a call-back and a connect)
     */
    @Schema(name = "CrmOutcome", description = "An outcome found in a record and what became of it.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(
            @Schema(required = true, examples = "81920374651") String recordId,
            @Schema(required = true, examples = "81920374651") String eventId,
            @Schema(required = true, enumeration = {"CALLBACK", "CONNECT", "REPLY", "MEETING", "OPTED_OUT"}) String kind,
            @Schema(required = true, format = "date-time", examples = "2026-11-20T16:00:00Z") String occurredAt,
            @Schema(required = true, enumeration = {"recorded", "duplicate"},
                    description = "recorded: stored now; duplicate: this record was reported before and counts once.") String status,
            @Schema(required = true, nullable = true, description = "The decision it is attributed to, or null.") String decisionId) {
    }
}
