package dev.voicemail.decision;

import java.util.List;

/** Results in request order: each a {@link DecisionResponse} or a {@link BatchError}. */
public record BatchResponse(List<Object> results) {
}
