package dev.voicemail.integrations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.Spelling;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Outcome;

/**
 * Checks a mapping before it is stored, and looks values up in it. CRM values are compared without
 * regard to case (a GUID or a disposition text typed in another case is the same value).
 */
final class Mappings {

    static final int MAX_VALUES = 1000;
    static final int MAX_KEY = 200;
    static final int MAX_LABEL = 200;

    private Mappings() {
    }

    static Map<String, Map<String, MappingTarget>> frozen(Map<String, Map<String, MappingTarget>> values) {
        Map<String, Map<String, MappingTarget>> copy = new LinkedHashMap<>();
        values.forEach((section, v) -> copy.put(section, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, Set<String>> keysOf(Map<String, Map<String, MappingTarget>> values) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        values.forEach((section, v) -> keys.put(section, v.keySet()));
        return Collections.unmodifiableMap(keys);
    }

    /** A mapping ready for lookups: per section, each value in lower case. */
    static Map<String, Map<String, MappingTarget>> index(Map<String, Map<String, MappingTarget>> values) {
        Map<String, Map<String, MappingTarget>> index = new LinkedHashMap<>();
        values.forEach((section, v) -> {
            Map<String, MappingTarget> s = new java.util.HashMap<>();
            v.forEach((value, target) -> s.put(value.toLowerCase(Locale.ROOT), target));
            index.put(section, s);
        });
        return index;
    }

    /**
     * The mapping as it will be stored, or a 4xx naming what is wrong: an unknown section, a value
     * mapped to an impossible channel and outcome, a standard value of the CRM left unmapped (422).
     */
    static MappingInput check(Crm crm, MappingInput in) {
        if (in == null) {
            throw ApiException.badRequest(null, "the body must be a mapping: {\"unknownValues\", \"values\"}");
        }
        if (in.values() == null) {
            throw ApiException.badRequest("values", "values is required: GET /v1/integrations/" + crm.pathName()
                    + "/mapping for the current one");
        }
        CrmFormat format = crm.format();
        Set<String> sections = format.defaults().keySet();
        int count = 0;
        Map<String, Map<String, MappingTarget>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, MappingTarget>> section : in.values().entrySet()) {
            String name = section.getKey();
            String path = "values." + name;
            if (!sections.contains(name)) {
                throw new ApiException(422, "invalid_mapping", "no section '" + InputFields.abbreviate(name) + "' in a "
                        + crm.pathName() + " mapping" + Spelling.didYouMean(name, sections) + "; its sections are "
                        + String.join(", ", sections), path, Map.of("sections", List.copyOf(sections)));
            }
            if (section.getValue() == null) {
                throw ApiException.badRequest(path, path + " must be an object of CRM values");
            }
            Map<String, String> seen = new TreeMap<>();
            for (Map.Entry<String, MappingTarget> value : section.getValue().entrySet()) {
                String key = value.getKey();
                String at = path + "." + key;
                if (++count > MAX_VALUES) {
                    throw new ApiException(413, "limit_exceeded", "a mapping has at most " + MAX_VALUES + " values", "values");
                }
                if (key.isBlank() || key.length() > MAX_KEY || key.chars().anyMatch(Character::isISOControl)) {
                    throw new ApiException(422, "invalid_mapping", "a CRM value is 1 to " + MAX_KEY
                            + " characters without control characters", path);
                }
                String earlier = seen.put(key.toLowerCase(Locale.ROOT), key);
                if (earlier != null) {
                    throw new ApiException(422, "invalid_mapping", "'" + earlier + "' and '" + key
                            + "' are the same value (values are compared without regard to case); keep one", at);
                }
                target(value.getValue(), at);
            }
            out.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(section.getValue())));
        }
        for (Map.Entry<String, Set<String>> required : format.required().entrySet()) {
            Map<String, MappingTarget> given = out.getOrDefault(required.getKey(), Map.of());
            Set<String> lower = given.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            for (String value : required.getValue()) {
                if (!lower.contains(value.toLowerCase(Locale.ROOT))) {
                    MappingTarget standard = format.defaults().get(required.getKey()).get(value);
                    throw new ApiException(422, "unmapped_value", "the mapping leaves " + crm.pathName() + "'s standard value '"
                            + value + "' (" + standard.label() + ") of " + required.getKey()
                            + " unmapped; map it, or mark it {\"skip\": true}", "values." + required.getKey() + "." + value,
                            Map.of("section", required.getKey(), "value", value));
                }
            }
        }
        return new MappingInput(in.unknownValues() == null ? UnknownValues.REFUSE : in.unknownValues(),
                Collections.unmodifiableMap(out));
    }

    private static void target(MappingTarget t, String at) {
        if (t == null) {
            throw new ApiException(422, "invalid_mapping", at + " must say what the value is read as: "
                    + "{\"channel\", \"outcome\"} or {\"skip\": true}", at);
        }
        if (t.label() != null && (t.label().length() > MAX_LABEL || t.label().chars().anyMatch(Character::isISOControl))) {
            throw new ApiException(422, "invalid_mapping", "a label is at most " + MAX_LABEL
                    + " characters without control characters", at + ".label");
        }
        if (t.skips()) {
            if (t.channel() != null || t.outcome() != null || t.direction() != null || t.decisionMaker() != null) {
                throw new ApiException(422, "invalid_mapping", "a skipped value is read as nothing: drop its channel, "
                        + "outcome, direction and decisionMaker, or drop skip", at);
            }
            return;
        }
        if (t.channel() == null) {
            throw new ApiException(422, "invalid_mapping", at + " needs a channel (or skip: true)", at + ".channel");
        }
        if (t.outcome() == null) {
            throw new ApiException(422, "invalid_mapping", at + " needs an outcome (or skip: true)", at + ".outcome");
        }
        if (!t.outcome().validOn(t.channel())) {
            Channel on = t.channel();
            throw new ApiException(422, "invalid_mapping", t.outcome() + " is not an outcome of " + on + "; " + on
                    + "'s outcomes are " + java.util.Arrays.stream(Outcome.values()).filter(o -> o.validOn(on))
                    .map(Enum::name).collect(Collectors.joining(", ")), at + ".outcome");
        }
    }
}
