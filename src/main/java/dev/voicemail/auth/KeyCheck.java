package dev.voicemail.auth;

import java.util.Optional;

/**
 * What memory alone says about a key: {@link Decided} (its caller, or empty when the key is wrong)
 * or {@link NeedsLookup} (the stored key must first be read from the database, which blocks).
 */
public sealed interface KeyCheck {

    /** Known from memory: the caller, or empty for a wrong, unknown or revoked key. */
    record Decided(Optional<Caller> caller) implements KeyCheck {
    }

    /** Not known from memory: ask {@link ApiKeys#verify}. */
    record NeedsLookup() implements KeyCheck {
    }

    KeyCheck NEEDS_LOOKUP = new NeedsLookup();
}
