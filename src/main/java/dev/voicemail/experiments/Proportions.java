package dev.voicemail.experiments;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Intervals for rates of rare events at small samples, where the normal approximation fails: the
 * Wilson score interval for one proportion, and Newcombe's hybrid score interval (his method 10,
 * built from the two Wilson intervals) for the difference of two. The normal quantile comes from
 * Apache Commons Statistics.
 */
final class Proportions {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private Proportions() {
    }

    /** An interval {@code [low, high]} around {@code estimate}. */
    record Interval(double estimate, double low, double high) {

        boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    /** The two-sided critical value of the standard normal for this confidence, e.g. 1.96 for 0.95. */
    static double z(double confidence) {
        return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** Wilson's score interval of {@code successes} out of {@code n}; for n = 0 the whole range [0, 1]. */
    static Interval wilson(long successes, long n, double z) {
        if (n == 0) {
            return new Interval(0, 0, 1);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // the exact ends at 0 and n (rounding could put them a hair inside)
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == n ? 1 : Math.min(1, centre + half);
        return new Interval(p, low, high);
    }

    /** Newcombe's hybrid score interval for p1 - p2 (Newcombe 1998, method 10). */
    static Interval newcombe(long x1, long n1, long x2, long n2, double z) {
        Interval a = wilson(x1, n1, z);
        Interval b = wilson(x2, n2, z);
        double d = a.estimate() - b.estimate();
        double low = d - Math.sqrt(square(a.estimate() - a.low()) + square(b.high() - b.estimate()));
        double high = d + Math.sqrt(square(a.high() - a.estimate()) + square(b.estimate() - b.low()));
        return new Interval(d, low, high);
    }

    /**
     * Prospects per arm for a two-sided test at level {@code alpha} to find a true difference between
     * {@code p1} and {@code p2} with probability {@code power} (the usual normal-approximation formula
     * for two proportions); {@code Long.MAX_VALUE} when the rates are equal.
     */
    static long perArm(double p1, double p2, double alpha, double power) {
        double diff = Math.abs(p1 - p2);
        if (diff == 0) {
            return Long.MAX_VALUE;
        }
        double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zb = NORMAL.inverseCumulativeProbability(power);
        double mean = (p1 + p2) / 2;
        double n = square(za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / square(diff);
        return (long) Math.ceil(n);
    }

    private static double square(double x) {
        return x * x;
    }
}
