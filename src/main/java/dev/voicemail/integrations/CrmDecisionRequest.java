package dev.voicemail.integrations;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.voicemail.decision.DecisionRequest;

/**
 * The body of {@code POST /v1/integrations/{crm}/decisions}: the prospect and the call as in a native
 * decision request, the history as the CRM's own records. {@code history} is kept as parsed JSON (maps,
 * lists, values; a JSON tree when read, see {@link CrmDecisions}): its records carry whatever fields the
 * CRM returns, and each CRM's reader checks the ones it reads.
 */
@Schema(description = "A call that reached a prospect's voicemail, with the prospect's history as the CRM records it. "
        + "Unknown top-level fields are refused; records may carry any other fields the CRM returns.")
public record CrmDecisionRequest(
        @Schema(required = true, description = "The client whose policy decides: 1 to 64 of [A-Za-z0-9._-].",
                pattern = "^[A-Za-z0-9._-]{1,64}$", examples = "acme-scales") String clientId,
        @Schema(required = true) DecisionRequest.ProspectJson prospect,
        DecisionRequest.CallJson call,
        @Schema(type = SchemaType.OBJECT, oneOf = {CrmHistories.HubSpot.class, CrmHistories.Salesforce.class, CrmHistories.Close.class},
                description = "The CRM's records, in the shape of the path's CRM. HubSpot: {\"calls\": [...], \"emails\": [...], "
                + "\"meetings\": [...]}, each {\"id\", \"properties\": {...}} as the CRM v3 objects API returns it. Salesforce: "
                + "{\"records\": [...]} of Task records as the query API returns them. Close: {\"data\": [...]} of activities as "
                + "GET /api/v1/activity/ returns them. At most 1,000 records in all (as attempts).")
        Object history) {
}
