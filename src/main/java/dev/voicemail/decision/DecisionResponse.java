package dev.voicemail.decision;

import java.util.List;

/** The answer of {@code POST /v1/decisions}: what to do, and which rules said so. */
public record DecisionResponse(Action action, String clientId, String prospectId, String policy,
                               List<Reason> reasons, String rulesVersion) {
}
