package dev.voicemail.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented body of {@code POST /v1/integrations/{crm}/decisions/batch}; read as a stream, item by item. */
@Schema(description = "Up to 10,000 CRM decision requests; each is decided as if sent alone.")
public record CrmBatchRequest(@Schema(required = true, maxItems = 10000) List<CrmDecisionRequest> requests) {
}
