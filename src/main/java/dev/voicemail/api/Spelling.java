package dev.voicemail.api;

import java.util.Collection;

/**
 * The known name a misspelt one most likely meant, so that an error can say "did you mean ...?"
 * (a field, a parameter, a policy, a filter, a value).
 */
public final class Spelling {

    private Spelling() {
    }

    /** The known name closest to {@code name} by edit distance, when close enough to be a typo; else null. */
    public static String nearest(String name, Collection<?> known) {
        if (name == null || known == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a typo: a couple of edits, fewer than a third of the word
        return best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 3)) ? best : null;
    }

    /** {@code "; did you mean 'x'?"} when a known name is near, else the empty text. */
    public static String didYouMean(String name, Collection<?> known) {
        String nearest = nearest(name, known);
        return nearest == null ? "" : "; did you mean '" + nearest + "'?";
    }

    /** Levenshtein distance, with a transposition counting as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
