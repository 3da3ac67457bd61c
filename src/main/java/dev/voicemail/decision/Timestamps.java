package dev.voicemail.decision;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 timestamps with an offset, as {@link OffsetDateTime#parse} reads them, but without its
 * general formatter for the one shape CRMs send ({@code 2026-11-23T10:35:00-06:00}, optional
 * seconds and fraction, or {@code Z}). A request carries one per attempt, and the general parser was the largest
 * cost of reading a request (profiled under load). Anything else goes to {@link OffsetDateTime#parse},
 * so what is accepted and the errors raised are unchanged. {@link #format} is the way back, for the
 * decision log's copy of each request: {@link Instant#toString}'s text, without its general formatter.
 */
public final class Timestamps {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years {@link Instant#toString} writes with four digits and no sign. */
    private static final long FIRST_FOUR_DIGIT_YEAR = -62_167_219_200L;
    private static final long FIRST_FIVE_DIGIT_YEAR = 253_402_300_800L;

    private Timestamps() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link OffsetDateTime#parse} does */
    static Instant parse(CharSequence s) {
        Instant fast = fast(s);
        return fast != null ? fast : OffsetDateTime.parse(s).toInstant();
    }

    /** The common shape, or null when {@code s} is anything else (or not a valid date-time). */
    static Instant fast(CharSequence s) {
        int n = s.length();
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int i = 16;
        if (n >= 20 && s.charAt(16) == ':') { // seconds are optional (Java's toString drops ":00")
            second = digits(s, 17, 2);
            i = 19;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int nanos = 0;
        if (i == 19 && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofTotalSeconds(sign * (oh * 3600 + om * 60));
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return Instant.ofEpochSecond(LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(offset), nanos);
        } catch (DateTimeException e) {
            return null; // e.g. 31 November: the general parser raises the error
        }
    }

    /**
     * Exactly {@link Instant#toString} ({@code 2026-11-23T16:35:00Z}, a fraction in groups of three
     * digits when there is one). Writing a request into the decision log formats every attempt's time,
     * and {@code toString}'s general formatter was 8% of the log writer's samples. Years outside
     * 0000-9999 are left to {@code toString}.
     */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds >= FIRST_FIVE_DIGIT_YEAR) {
            return t.toString();
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int nano = t.getNano();
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] c = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(c, 0, d.getYear(), 4);
        c[4] = '-';
        put(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, d.getHour(), 2);
        c[13] = ':';
        put(c, 14, d.getMinute(), 2);
        c[16] = ':';
        put(c, 17, d.getSecond(), 2);
        int i = 19;
        if (fraction > 0) {
            c[i++] = '.';
            put(c, i, nano / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1), fraction);
            i += fraction;
        }
        c[i] = 'Z';
        return new String(c);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
