package dev.voicemail.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The intervals against the values their authors published (Newcombe 1998, Statistics in Medicine 17:857-872). */
class ProportionsTest {

    private static final double Z = Proportions.z(0.95);

    @Test
    void theNormalQuantileIsCommonsStatistics() {
        assertEquals(1.959964, Z, 1e-6);
    }

    @Test
    void wilsonMatchesNewcombesTableI() {
        // Newcombe 1998 (single proportion paper, Table II): 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775; 1/29 -> 0.0061 to 0.1718
        check(Proportions.wilson(81, 263, Z), 0.2553, 0.3662);
        check(Proportions.wilson(0, 10, Z), 0.0, 0.2775);
        check(Proportions.wilson(1, 29, Z), 0.0061, 0.1718);
        check(Proportions.wilson(10, 10, Z), 0.7225, 1.0);
    }

    @Test
    void newcombesHybridScoreMatchesHisTableII() {
        // Newcombe 1998, Table II, method 10: 56/70 - 48/80 -> 0.0524 to 0.3339; 9/10 - 3/10 -> 0.1705 to 0.8090;
        // 6/7 - 2/7 -> 0.0582 to 0.8062; 5/56 - 0/29 -> -0.0381 to 0.1926
        check(Proportions.newcombe(56, 70, 48, 80, Z), 0.0524, 0.3339);
        check(Proportions.newcombe(9, 10, 3, 10, Z), 0.1705, 0.8090);
        check(Proportions.newcombe(6, 7, 2, 7, Z), 0.0582, 0.8062);
        check(Proportions.newcombe(5, 56, 0, 29, Z), -0.0381, 0.1926);
    }

    @Test
    void planningNeedsAbout380PerArmFor2To6Percent() {
        long n = Proportions.perArm(0.02, 0.06, 0.05, 0.8);
        assertEquals(380, n, 10, "prospects per arm");
    }

    private static void check(Proportions.Interval i, double low, double high) {
        assertEquals(low, i.low(), 0.00015, "low of " + i);
        assertEquals(high, i.high(), 0.00015, "high of " + i);
    }
}
