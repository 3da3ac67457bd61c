package dev.voicemail.api;

import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request fields that several resources read the same way: a client's id (decisions, clients) and an
 * IANA time zone (a prospect's, a client's). Kept here, below both, so neither depends on the other.
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

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
