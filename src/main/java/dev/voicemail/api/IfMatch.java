package dev.voicemail.api;

/**
 * Reads an If-Match header against our ETags, which are a resource's version in quotes ({@code "3"}).
 * One reading for every versioned resource (clients, experiments, CRM mappings).
 */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * The version an If-Match asks for: null without one, {@code anyVersion} for {@code *}, and
     * {@code notOurs} (a version nothing has) for a tag that is not one of our ETags, so that it fails
     * as a stale one would. A weak tag ({@code W/"3"}) is read as the strong one.
     */
    public static Long expectedVersion(String header, long anyVersion, long notOurs) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String tag = header.strip();
        if (tag.equals("*")) {
            return anyVersion;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(Character::isDigit)) {
            return notOurs;
        }
        return Long.parseLong(tag);
    }
}
