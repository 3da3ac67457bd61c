package dev.voicemail.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fast timestamp path must accept exactly what {@link OffsetDateTime#parse} accepts, with the
 * same instant: compared on generated valid, borderline and broken strings.
 */
class TimestampsTest {

    @Test
    void agreesWithOffsetDateTimeParse() {
        List<String> cases = new ArrayList<>(List.of(
                "2026-11-23T10:35:00-06:00", "2026-11-23T10:35:00Z", "2026-11-23t10:35:00z", "2026-11-23T10:35:00.5+05:30",
                "2026-11-23T10:35:00.123456789Z", "2026-11-23T10:35:00.1234567891Z", "2026-11-23T10:35:00.Z",
                "2026-11-23T10:35-06:00", "2026-11-23T10:35Z", "2026-11-23T10:35.5Z", "2026-11-23T10:3Z", "2026-11-23T10:35:00+18:00", "2026-11-23T10:35:00+18:01", "2026-11-23T10:35:00-19:00",
                "2026-11-23T10:35:00+05:60", "2026-11-31T10:35:00Z", "2026-02-29T10:35:00Z", "2028-02-29T10:35:00Z",
                "2026-13-01T10:35:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:59:60Z", "2026-11-23T10:35:00+0600",
                "2026-11-23T10:35:00+06", "2026-11-23T10:35:00+06:00:30", "2026-11-23 10:35:00Z", "0000-01-01T00:00:00Z",
                "+12026-11-23T10:35:00Z", "2026-11-23T10:35:00-00:00", "2026-11-23T10:35:00Z ", " 2026-11-23T10:35:00Z",
                "2026-1-23T10:35:00Z", "２026-11-23T10:35:00Z", "2026-11-23T10:35:00", "", "Z", "2026-11-23T10:35:00ZZ"));
        Random r = new Random(42);
        String chars = "0123456789-:.TZz+ ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(i % 2 == 0 ? "2026-11-23T10:35:00.250-06:00" : "2026-11-23T10:35+05:30");
            for (int k = r.nextInt(3); k >= 0; k--) {
                b.setCharAt(r.nextInt(b.length()), chars.charAt(r.nextInt(chars.length())));
            }
            cases.add(b.toString());
        }
        for (String s : cases) {
            Instant expected;
            try {
                expected = OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            Instant fast = Timestamps.fast(s);
            if (fast != null) {
                assertEquals(expected, fast, s);
            }
            Instant parsed;
            try {
                parsed = Timestamps.parse(s);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
            assertEquals(expected, parsed, s);
        }
        assertNotNull(Timestamps.fast("2026-11-23T10:35:00-06:00"), "the common shape takes the fast path");
        assertNotNull(Timestamps.fast("2026-11-23T10:35:00.123Z"), "with a fraction too");
        assertNotNull(Timestamps.fast("2026-11-23T10:35-06:00"), "and without seconds");
    }

    @Test
    void formatWritesWhatInstantToStringWrites() {
        List<Instant> cases = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-23T16:35:00Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2028-02-29T00:00:00.100Z"),
                Instant.parse("2026-11-23T16:35:00.000100Z"), Instant.parse("2026-11-23T16:35:00.000000100Z"),
                Instant.MIN, Instant.MAX));
        Random r = new Random(7);
        long first = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long span = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond() - first;
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            cases.add(Instant.ofEpochSecond(first + (long) (r.nextDouble() * span), nano));
        }
        for (Instant t : cases) {
            assertEquals(t.toString(), Timestamps.format(t), () -> t.getEpochSecond() + "s " + t.getNano() + "ns");
        }
    }
}
