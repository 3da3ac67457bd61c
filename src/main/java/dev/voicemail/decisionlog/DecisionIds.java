package dev.voicemail.decisionlog;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Decision ids are UUIDv7 (RFC 9562): time-ordered (they sort as the decisions were made, which keeps
 * inserts at the end of the indexes) and unique across replicas without coordination. The first 48
 * bits are the decision's time in milliseconds, so an id alone says which day's partition holds it.
 */
final class DecisionIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private DecisionIds() {
    }

    static UUID next() {
        return GENERATOR.generate();
    }

    /** An id for a given time (tests, and entries recorded for a past time). */
    static UUID at(Instant time) {
        return GENERATOR.construct(time.toEpochMilli());
    }

    /** The time an id was made, to the millisecond. */
    static Instant timeOf(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /** The id in a path, or null when it is not a UUIDv7. */
    static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(text);
            return id.version() == 7 && id.toString().equalsIgnoreCase(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
