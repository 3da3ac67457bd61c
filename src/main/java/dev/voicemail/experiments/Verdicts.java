package dev.voicemail.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verdict of an experiment, in words. It is a fixed-horizon test: the comparison is made on each
 * arm's first {@code plannedProspectsPerArm} prospects, and a winner is named only once every arm has
 * them and their window has passed. Before that the report shows who leads, never a winner, so
 * reading it after every hundred prospects cannot turn chance into a win. With more than two arms the
 * leader must beat every other arm at a Bonferroni-corrected level (5% / (arms - 1)).
 */
final class Verdicts {

    /** The level of the test: about 5% of experiments between equal arms name a winner. */
    static final double ALPHA = 0.05;

    private Verdicts() {
    }

    /**
     * @param prospects        all the arm's prospects so far
     * @param sample           of them, in the planned sample (at most the planned size)
     * @param sampleSuccesses  prospects of the planned sample with the primary metric
     * @param allSuccesses     prospects with the primary metric among all
     * @param windowEnds       when the window of the planned sample's last prospect ends, or null with no prospect
     */
    record ArmSample(long prospects, long sample, long sampleSuccesses, long allSuccesses, Instant windowEnds) {

        double rate(boolean planned) {
            long n = planned ? sample : prospects;
            return n == 0 ? 0 : (double) (planned ? sampleSuccesses : allSuccesses) / n;
        }
    }

    static ExperimentReport.Verdict verdict(Experiment e, Map<String, ArmSample> arms, Instant now) {
        int planned = e.plannedProspectsPerArm();
        String metric = e.primaryMetric().json();
        boolean reached = arms.values().stream().allMatch(a -> a.sample() >= planned);
        List<String> names = new ArrayList<>(arms.keySet());

        // the leader: the highest rate (on the planned sample once it is complete); none while tied or empty
        String leader = null;
        String runnerUp = null;
        for (String name : names) {
            if (leader == null || arms.get(name).rate(reached) > arms.get(leader).rate(reached)) {
                runnerUp = leader;
                leader = name;
            } else if (runnerUp == null || arms.get(name).rate(reached) > arms.get(runnerUp).rate(reached)) {
                runnerUp = name;
            }
        }
        if (arms.get(leader).rate(reached) == arms.get(runnerUp).rate(reached)) {
            leader = null;
        }
        String standing = leader == null
                ? "No arm is ahead on " + metric + " (" + rates(arms, names, reached) + ")"
                : leader + " is ahead on " + metric + " (" + rates(arms, names, reached) + ")";

        if (!reached) {
            long more = stillNeeded(e, arms, planned);
            return new ExperimentReport.Verdict(leader, null, false, null, more, null, standing
                    + ", but no winner is declared before every arm has its planned " + planned + " prospects: about " + more
                    + " more prospects are needed. Early figures swing by chance; read them, do not act on them.");
        }
        Instant complete = arms.values().stream().map(ArmSample::windowEnds).max(Instant::compareTo).orElse(now);
        if (now.isBefore(complete)) {
            return new ExperimentReport.Verdict(leader, null, true, complete, 0, null, standing
                    + ". The planned sample is complete, but outcomes still count until " + complete
                    + " (the window of its last prospect); the verdict waits until then.");
        }
        double z = Proportions.z(1 - ALPHA / (names.size() - 1));
        boolean wins = leader != null;
        for (String other : names) {
            if (wins && !other.equals(leader)) {
                ArmSample a = arms.get(leader);
                ArmSample b = arms.get(other);
                wins = Proportions.newcombe(a.sampleSuccesses(), a.sample(), b.sampleSuccesses(), b.sample(), z).low() > 0;
            }
        }
        if (wins) {
            return new ExperimentReport.Verdict(leader, leader, true, complete, 0, null, leader + " wins on " + metric + ": "
                    + rates(arms, names, true) + " on the planned " + planned + " prospects per arm, a difference beyond chance"
                    + " at the 5% level.");
        }
        Long suggested = null;
        String advice = " The difference is within what chance alone produces; no winner.";
        if (leader != null) {
            suggested = Proportions.perArm(arms.get(leader).rate(true), arms.get(runnerUp).rate(true),
                    ALPHA / (names.size() - 1), ExperimentReports.POWER);
            advice = " The difference seen is within what chance alone produces; no winner. If a difference that large"
                    + " matters, a new experiment with about " + suggested + " prospects per arm would find it 8 times in 10.";
        }
        return new ExperimentReport.Verdict(leader, null, true, complete, 0, suggested, standing + " on the planned "
                + planned + " prospects per arm." + advice);
    }

    /** About how many more prospects, split as the weights say, give every arm its planned number. */
    private static long stillNeeded(Experiment e, Map<String, ArmSample> arms, int planned) {
        double total = e.totalWeight();
        long more = 0;
        for (Arm a : e.arms()) {
            long missing = planned - arms.get(a.name()).sample();
            if (missing > 0) {
                more = Math.max(more, (long) Math.ceil(missing * total / a.weight()));
            }
        }
        return more;
    }

    private static String rates(Map<String, ArmSample> arms, List<String> names, boolean planned) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.add(n + " " + ExperimentReports.percent(arms.get(n).rate(planned)));
        }
        return String.join(", ", parts);
    }
}
