package dev.voicemail.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request fields that several resources read the same way: a client's id (decisions, clients) and an
 * IANA time zone (a prospect's, a client's), a query's time. Kept here, below both, so neither depends on the other.
 */
public final class InputFields {

    /** A client id: 1 to 64 of {@code [A-Za-z0-9._-]}. */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private InputFields() {
    }

    /** An IANA zone id (not a bare offset), or a 400 naming {@code field}. */
    public static ZoneId zone(String field, String value) {
        if (!ZONES.contains(value)) {
            throw ApiException.badRequest(field, "'" + abbreviate(value) + "' is not an IANA time zone (e.g. America/Chicago)");
        }
        return ZoneId.of(value);
    }

    /**
     * A parsed time as the instant the database is asked with: ISO-8601 parses years -999999999 to
     * +999999999 at offsets up to 18 hours, but their ends have no time in UTC (the database's), and
     * converting them threw past the 400 (a 500). Such a time is a 400 naming {@code field}.
     */
    public static Instant inUtc(String field, String value, OffsetDateTime time) {
        try {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field, "'" + abbreviate(value) + "' is out of range: no time in UTC is that early or late");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
