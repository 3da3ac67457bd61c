package dev.voicemail.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/integrations/{crm}/mapping/history}: the mapping's changes, newest first. */
@Schema(description = "A CRM mapping's changes, newest first.")
public record MappingHistory(@Schema(required = true, examples = "hubspot") String crm,
                             @Schema(required = true) List<MappingChange> items,
                             @Schema(required = true) int page, @Schema(required = true) int size) {
}
