package dev.voicemail.facts;

/**
 * The rep placing the call, as the request names them ({@code call.rep}); both fields are null when
 * the request names no rep. Always a fact, so that rules can read it without testing for its absence.
 */
public record Rep(String name, String phone) {
}
