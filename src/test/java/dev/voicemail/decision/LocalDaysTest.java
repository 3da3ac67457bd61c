package dev.voicemail.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The cached offset must give exactly what LocalDate.ofInstant gives, across transitions and out of order. */
class LocalDaysTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Chicago"), ZoneId.of("Europe/Paris"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Apia"), ZoneId.of("UTC"),
            ZoneId.of("+05:45"), ZoneId.of("America/St_Johns"));

    @Test
    void sameDaysAsLocalDateOfInstant() {
        Random random = new Random(7);
        for (ZoneId zone : ZONES) {
            for (int history = 0; history < 300; history++) {
                List<Instant> instants = new ArrayList<>();
                long start = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond()
                        + (long) (random.nextDouble() * 60L * 365 * 86_400);
                for (int i = 0; i < 40; i++) {
                    // hours to months apart, so that histories cross DST changes and day boundaries
                    start += random.nextInt(i % 5 == 0 ? 90 * 86_400 : 30 * 3_600);
                    instants.add(Instant.ofEpochSecond(start, random.nextInt(1_000_000_000)));
                }
                if (history % 3 == 0) {
                    Collections.shuffle(instants, random); // order is not assumed for correctness, only for speed
                }
                LocalDays days = new LocalDays(zone);
                for (Instant at : instants) {
                    assertEquals(LocalDate.ofInstant(at, zone), days.of(at), zone + " " + at);
                }
            }
        }
    }

    @Test
    void theSecondsAroundATransition() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        Instant change = Instant.parse("2026-03-08T08:00:00Z"); // 02:00 CST becomes 03:00 CDT
        LocalDays days = new LocalDays(chicago);
        for (long s = -7_200; s <= 7_200; s += 599) {
            Instant at = change.plusSeconds(s);
            assertEquals(LocalDate.ofInstant(at, chicago), days.of(at), at.toString());
        }
        Instant midnight = Instant.parse("2026-11-01T05:59:59Z"); // 00:59:59 CDT, the night the clocks go back
        assertEquals(LocalDate.ofInstant(midnight, chicago), new LocalDays(chicago).of(midnight));
    }
}
