package dev.voicemail.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The verdict's rules on given figures: it waits for the planned sample and its window, then tests. */
class VerdictsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant CLOSED = NOW.minusSeconds(3600);
    private static final Instant OPEN = NOW.plusSeconds(3600);

    private static Experiment experiment(int planned, int... weights) {
        List<Arm> arms = new java.util.ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            arms.add(new Arm("arm" + i, "always", Map.of(), weights[i]));
        }
        return new Experiment("a", "c", "e", null, arms, Metric.CALLBACK, 14, planned, ExperimentStatus.RUNNING, 2,
                NOW, NOW, NOW, null);
    }

    private static Map<String, Verdicts.ArmSample> arms(Verdicts.ArmSample... samples) {
        Map<String, Verdicts.ArmSample> m = new LinkedHashMap<>();
        for (int i = 0; i < samples.length; i++) {
            m.put("arm" + i, samples[i]);
        }
        return m;
    }

    @Test
    void aHugeEarlyDifferenceIsNoWinnerBeforeThePlannedSample() {
        var v = Verdicts.verdict(experiment(400, 1, 1), arms(new Verdicts.ArmSample(100, 100, 0, 0, CLOSED),
                new Verdicts.ArmSample(120, 120, 30, 30, CLOSED)), NOW);
        assertEquals("arm1", v.leader());
        assertNull(v.winner());
        assertEquals(false, v.plannedSampleReached());
        assertEquals(600, v.prospectsStillNeeded(), "arm0 lacks 300, and gets half of the prospects");
        assertTrue(v.text().contains("about 600 more prospects"), v.text());
    }

    @Test
    void theSplitSetsHowManyMoreAreNeeded() {
        var v = Verdicts.verdict(experiment(100, 1, 3), arms(new Verdicts.ArmSample(50, 50, 1, 1, CLOSED),
                new Verdicts.ArmSample(150, 100, 2, 3, CLOSED)), NOW);
        assertEquals(200, v.prospectsStillNeeded(), "arm0 lacks 50 and gets a quarter");
    }

    @Test
    void theVerdictWaitsForTheWindowOfThePlannedSample() {
        var v = Verdicts.verdict(experiment(400, 1, 1), arms(new Verdicts.ArmSample(400, 400, 8, 8, CLOSED),
                new Verdicts.ArmSample(400, 400, 40, 40, OPEN)), NOW);
        assertNull(v.winner());
        assertEquals(OPEN, v.outcomesCompleteAt());
    }

    @Test
    void aClearDifferenceOnThePlannedSampleWins() {
        var v = Verdicts.verdict(experiment(400, 1, 1), arms(new Verdicts.ArmSample(450, 400, 8, 9, CLOSED),
                new Verdicts.ArmSample(420, 400, 24, 25, CLOSED)), NOW);
        assertEquals("arm1", v.winner());
        assertTrue(v.text().startsWith("arm1 wins on callback"), v.text());
    }

    @Test
    void aSmallDifferenceIsNoWinnerAndSuggestsAPlan() {
        var v = Verdicts.verdict(experiment(400, 1, 1), arms(new Verdicts.ArmSample(400, 400, 8, 8, CLOSED),
                new Verdicts.ArmSample(400, 400, 12, 12, CLOSED)), NOW);
        assertNull(v.winner());
        assertEquals("arm1", v.leader());
        assertEquals(Proportions.perArm(0.02, 0.03, 0.05, 0.8), v.suggestedProspectsPerArm());
    }

    @Test
    void withThreeArmsTheLeaderMustBeatEachAtAStricterLevel() {
        // arm2 beats arm0 clearly, but not arm1
        var v = Verdicts.verdict(experiment(400, 1, 1, 1), arms(new Verdicts.ArmSample(400, 400, 8, 8, CLOSED),
                new Verdicts.ArmSample(400, 400, 20, 20, CLOSED), new Verdicts.ArmSample(400, 400, 26, 26, CLOSED)), NOW);
        assertEquals("arm2", v.leader());
        assertNull(v.winner());
    }

    @Test
    void equalArmsHaveNoLeader() {
        var v = Verdicts.verdict(experiment(100, 1, 1), arms(new Verdicts.ArmSample(100, 100, 3, 3, CLOSED),
                new Verdicts.ArmSample(100, 100, 3, 3, CLOSED)), NOW);
        assertNull(v.leader());
        assertNull(v.winner());
        assertNull(v.suggestedProspectsPerArm());
    }
}
