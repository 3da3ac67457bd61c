package dev.voicemail.integrations;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.voicemail.decision.DecisionRequest;

/** The body of {@code POST /v1/integrations/{crm}/outcomes}: a prospect's CRM records, as for a decision but without a call. */
@Schema(description = "A prospect's CRM records, in the same shape as for a decision; the ones that are outcomes "
        + "(a call-back, a connect, a reply, a meeting, an opt-out) are recorded.")
public record CrmOutcomesRequest(
        @Schema(required = true, pattern = "^[A-Za-z0-9._-]{1,64}$", examples = "acme-scales") String clientId,
        @Schema(required = true, description = "The prospect as in the decision requests; its zone reads a date-only field.")
        DecisionRequest.ProspectJson prospect,
        @Schema(required = true, type = SchemaType.OBJECT,
                oneOf = {CrmHistories.HubSpot.class, CrmHistories.Salesforce.class, CrmHistories.Close.class},
                description = "The CRM's records, in the shape of the path's CRM (as for a decision).")
        Object history) {
}
