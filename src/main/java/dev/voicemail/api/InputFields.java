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

    /** The earliest and the latest time a query may name: years 1 to 9999, which H2 and PostgreSQL both hold. */
    private static final Instant EARLIEST_QUERY = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_QUERY = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A parsed time as the instant the database is asked with: ISO-8601 parses years -999999999 to
     * +999999999 at offsets up to 18 hours, but their ends have no time in UTC (the database's), and
     * converting them threw past the 400 (a 500); and PostgreSQL holds no year before 4713 BC, so a
     * time it cannot hold was a 500 from the database. A time outside years 1 to 9999 is a 400 naming
     * {@code field} (nothing logged lies outside them).
     */
    public static Instant inUtc(String field, String value, OffsetDateTime time) {
        Instant at;
        try {
            at = time.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field, "'" + abbreviate(value) + "' is out of range: no time in UTC is that early or late");
        }
        if (at.isBefore(EARLIEST_QUERY) || at.isAfter(LATEST_QUERY)) {
            throw ApiException.badRequest(field, "'" + abbreviate(value) + "' is out of range: times from year 1 to year 9999 (UTC)");
        }
        return at;
    }

    /** A value as an error message quotes it: at most 60 characters. */
    public static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A name or id as an error message names it (and its {@code field}): at most 40 characters. */
    public static String shown(String name) {
        return name.length() > 40 ? name.substring(0, 37) + "..." : name;
    }
}
