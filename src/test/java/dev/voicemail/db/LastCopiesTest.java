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

    /**
     * A key revoked while a request is reading it: the revocation commits and forgets the copy between
     * the request's read and its keeping the row it read. Kept, the unrevoked row would be served for
     * the whole freshness period (a revoked key working on for 10 s); it must not be kept.
     */
    @Test
    void aRowReadBeforeAWriteOfThisReplicaIsNotKeptAfterIt() {
        LastCopies<String, String> copies = new LastCopies<>(null, "key", Duration.ofHours(1), 1_000);
        assertEquals(Optional.of("active"), copies.read("k1", id -> {
            copies.forget(id); // the revocation lands after the row was read
            return Optional.of("active");
        }));
        assertTrue(copies.usable("k1").isEmpty(), "the row read before the revocation is read again, not served");

        // a write-through (a client changed here) during a read: the newer copy or none, never the older
        copies.remember("c1", "version 1");
        copies.forget("c1");
        copies.read("c1", id -> {
            copies.remember(id, "version 2");
            return Optional.of("version 1");
        });
        assertTrue(copies.usable("c1").flatMap(LastCopies.Copy::found).filter("version 1"::equals).isEmpty(),
                "the older row is not served after the newer one was written");

        // with no write meanwhile, a read is kept as before
        copies.read("k2", id -> Optional.of("active"));
        assertEquals(Optional.of("active"), copies.usable("k2").flatMap(LastCopies.Copy::found));
    }
}
