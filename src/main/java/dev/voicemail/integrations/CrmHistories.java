package dev.voicemail.integrations;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of each CRM's {@code history}, for the OpenAPI document only: a request keeps it as a JSON
 * tree, and each CRM's reader checks the fields it reads. Records may carry any other fields the CRM returns.
 */
public final class CrmHistories {

    private CrmHistories() {
    }

    @Schema(name = "HubSpotHistory", additionalProperties = Schema.False.class,
            description = "HubSpot engagements grouped by object type, each as GET /crm/v3/objects/{type} "
            + "returns it in `results`; no other field.")
    public record HubSpot(List<HubSpotRecord> calls, List<HubSpotRecord> emails, List<HubSpotRecord> meetings) {
    }

    @Schema(name = "HubSpotRecord", additionalProperties = Schema.True.class,
            description = "A HubSpot engagement object. Read: calls hs_timestamp, hs_call_direction, hs_call_disposition (a GUID), "
                    + "else hs_call_status; emails hs_timestamp, hs_email_status (when mapped, e.g. BOUNCED), else hs_email_direction; "
                    + "meetings hs_meeting_start_time, hs_meeting_outcome. Times: ISO-8601 with an offset, or epoch milliseconds as a string.")
    public record HubSpotRecord(
            @Schema(required = true, examples = "81920374651") String id,
            @Schema(required = true, type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                    description = "The object's properties, as strings (HubSpot sends null or \"\" for an unset one).")
            Map<String, String> properties) {
    }

    @Schema(name = "SalesforceHistory", additionalProperties = Schema.True.class,
            description = "Task records as the REST query API returns them (totalSize, done and nextRecordsUrl may come along).")
    public record Salesforce(@Schema(required = true) List<SalesforceTask> records) {
    }

    @Schema(name = "SalesforceTask", additionalProperties = Schema.True.class,
            description = "A Task. Its time is CreatedDate; without it ActivityDate, read as 00:00 of that day in the prospect's zone "
                    + "(else the client's, else UTC). A Call is read by its CallType when the mapping knows it (Internal, Inbound), "
                    + "else by its CallDisposition; any other task by its TaskSubtype.")
    public record SalesforceTask(
            @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                    description = "{\"type\": \"Task\", \"url\": ...}; another type is refused.") Map<String, String> attributes,
            @Schema(required = true, examples = "00THs00000Xy12zIAB") String Id,
            @Schema(required = true, examples = "Call") String TaskSubtype,
            @Schema(enumeration = {"Inbound", "Outbound", "Internal"}) String CallType,
            @Schema(examples = "Left Voicemail") String CallDisposition,
            @Schema(description = "Checked to be a whole number; not read otherwise.") Long CallDurationInSeconds,
            @Schema(type = SchemaType.STRING, format = "date", examples = "2026-11-18") String ActivityDate,
            @Schema(type = SchemaType.STRING, format = "date-time", examples = "2026-11-18T20:10:00.000+0000") String CreatedDate) {
    }

    @Schema(name = "CloseHistory", additionalProperties = Schema.True.class,
            description = "Activities as GET /api/v1/activity/?lead_id=... returns them (has_more may come along).")
    public record Close(@Schema(required = true) List<CloseActivity> data) {
    }

    @Schema(name = "CloseActivity", additionalProperties = Schema.True.class,
            description = "A Close activity. Call: read by disposition; Email and SMS: by direction; Meeting: by status, at starts_at; "
                    + "any other _type (Note, LeadStatusChange, ...): by _type.")
    public record CloseActivity(
            @Schema(required = true, examples = "acti_9Tq2mR7c") String id,
            @Schema(required = true, examples = "Call") String _type,
            @Schema(examples = "outbound") String direction,
            @Schema(enumeration = {"answered", "no-answer", "vm-answer", "vm-left", "busy", "blocked", "error", "abandoned"})
            String disposition,
            @Schema(examples = "completed") String status,
            @Schema(required = true, type = SchemaType.STRING, format = "date-time", examples = "2026-11-18T20:10:00.512000+00:00")
            String date_created,
            @Schema(type = SchemaType.STRING, format = "date-time") String starts_at) {
    }
}
