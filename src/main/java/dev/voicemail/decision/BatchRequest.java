package dev.voicemail.decision;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented body of {@code POST /v1/decisions/batch} (OpenAPI). The endpoint reads it as a
 * stream ({@link BatchItems}), each item on its own, so that one malformed item fails alone.
 */
@Schema(description = "Up to 10,000 decision requests; each is decided as if sent alone.")
public record BatchRequest(@Schema(required = true, maxItems = 10000) List<DecisionRequest> requests) {
}
