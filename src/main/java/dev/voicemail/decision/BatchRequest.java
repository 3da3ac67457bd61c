package dev.voicemail.decision;

import java.util.List;

/**
 * The documented body of {@code POST /v1/decisions/batch} (OpenAPI). The endpoint reads it as a
 * stream ({@link BatchItems}), each item on its own, so that one malformed item fails alone.
 */
public record BatchRequest(List<DecisionRequest> requests) {
}
