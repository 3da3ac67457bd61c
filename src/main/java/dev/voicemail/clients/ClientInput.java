package dev.voicemail.clients;

import java.util.List;
import java.util.Map;

/** The body of {@code PUT /v1/clients/{id}}. */
public record ClientInput(String name, String policy, String timezone, Map<String, Object> parameters,
                          List<String> valuePropositions) {
}
