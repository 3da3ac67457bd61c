package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The copies are bounded by size, and a flood of made-up ids (each read once, found missing) never
 * pushes out the copy of a real row, however rarely it is used. (The fallback during an outage
 * needs a database: LastCopiesPostgresTest.)
 */
class LastCopiesTest {

    @Test
    void probingMadeUpIdsKeepsTheSizeBoundAndEveryRealCopy() {
        // fresh for an hour: the database is never asked whether it is down
        LastCopies<String, String> copies = new LastCopies<>(null, "key", Duration.ofHours(1), 1_000);
        for (int i = 0; i < 50; i++) {
            copies.remember("real-" + i, "key " + i);
        }
        for (int i = 0; i < 100_000; i++) {
            String madeUp = "probe-" + i;
            if (copies.usable(madeUp).isEmpty()) {
                assertEquals(Optional.empty(), copies.read(madeUp, id -> Optional.empty()));
            }
        }
        long[] sizes = copies.sizes();
        assertTrue(sizes[0] == 50 && sizes[1] <= 1_000, () -> "holds " + sizes[0] + " rows and " + sizes[1] + " misses");
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of("key " + i), copies.usable("real-" + i).flatMap(LastCopies.Copy::found));
        }
        // a miss that becomes a row (created meanwhile) is a row, and a row forgotten is read again
        copies.remember("probe-99999", "created");
        assertEquals(Optional.of("created"), copies.usable("probe-99999").flatMap(LastCopies.Copy::found));
        copies.forget("real-0");
        assertTrue(copies.usable("real-0").isEmpty());
    }
}
