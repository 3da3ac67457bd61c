package dev.voicemail.decision;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /v1/decisions/batch}: items stay raw JSON so that one malformed item fails alone. */
public record BatchRequest(List<JsonNode> requests) {
}
