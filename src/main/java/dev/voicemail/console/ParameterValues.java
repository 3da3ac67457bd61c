package dev.voicemail.console;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.voicemail.api.ApiException;
import dev.voicemail.authoring.PoliciesResource;

/**
 * The parameter form's texts as the JSON values the API takes, by each parameter's declared type. A
 * blank field sets nothing (the policy's default applies); what the types cannot say (limits,
 * patterns) the API's own check of the policy decides.
 */
final class ParameterValues {

    private ParameterValues() {
    }

    static Map<String, Object> read(PoliciesResource.Policy policy, Map<String, String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (policy == null) {
            return values;
        }
        for (PoliciesResource.Parameter p : policy.parameters()) {
            String text = texts.get(p.name());
            if (text == null || text.isBlank()) {
                continue;
            }
            values.put(p.name(), switch (p.type()) {
                case "integer" -> integer(p.name(), text);
                case "number" -> number(p.name(), text);
                case "boolean" -> bool(p.name(), text);
                default -> text;
            });
        }
        for (String name : texts.keySet()) {
            if (policy.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw new ApiException(422, "invalid_parameter", "policy '" + policy.name() + "' has no parameter '"
                        + name + "'", "parameters." + name);
            }
        }
        return values;
    }

    private static Object integer(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number (not '" + text + "')");
        }
    }

    private static Object number(String name, String text) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid(name, "must be a number (not '" + text + "')");
    }

    private static Object bool(String name, String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false");
        };
    }

    private static ApiException invalid(String name, String why) {
        return new ApiException(422, "invalid_parameter", "parameter '" + name + "' " + why, "parameters." + name);
    }
}
