package dev.voicemail.facts;

/** A rule that shaped a decision: its name, and its explanation for a person. */
public record Reason(String rule, String text) {
}
