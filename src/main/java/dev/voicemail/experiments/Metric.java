package dev.voicemail.experiments;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an experiment measures: a prospect counts as a success when at least one outcome of this
 * kind is attributed to one of its decisions in the arm (docs/experiments.md).
 */
public enum Metric {
    CALLBACK, CONNECT, REPLY, MEETING;

    /** The kind of the outcomes that count (the outcome table's kind). */
    String outcomeKind() {
        return name();
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** callback, connect, reply or meeting (any case); null for anything else (the resource names the field). */
    @JsonCreator
    public static Metric parse(String value) {
        if (value == null) {
            return null;
        }
        for (Metric m : values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        return null;
    }
}
