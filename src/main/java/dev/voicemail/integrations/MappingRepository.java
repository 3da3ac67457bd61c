package dev.voicemail.integrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.db.Database;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Agencies' CRM mappings in the database, through plain JDBC like clients: every change is a
 * conditional write on the version it was based on, audited in the same transaction.
 */
@ApplicationScoped
public class MappingRepository {

    /** An If-Match of {@code *}: a stored mapping must exist, at any version. */
    static final long ANY_VERSION = -1;
    private static final int ATTEMPTS = 10;
    /** The most characters of mappings (before and after) one page of the history holds: 4 of the largest changes. */
    static final long MAX_PAGE_CHARS = 8_000_000;

    private final Database db;
    private final ObjectMapper json;

    public MappingRepository(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A stored mapping and its version. */
    record Stored(MappingInput mapping, long version, Instant updatedAt) {
    }

    Optional<Stored> find(String agency, Crm crm) {
        try (Connection c = db.lazyConnection()) {
            return Optional.ofNullable(select(c, agency, crm, false));
        } catch (SQLException e) {
            throw db.failure("cannot read the " + crm.pathName() + " mapping", e);
        }
    }

    /**
     * Stores the mapping. With {@code expected} (an If-Match) it must be at that version: 0 for "still
     * the defaults", {@link #ANY_VERSION} for "stored at any version"; else 412.
     */
    Stored save(String agency, Crm crm, MappingInput mapping, Long expected, String actor) {
        String text = write(mapping);
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> trySave(agency, crm, mapping, text, expected, actor));
            } catch (RuntimeException e) {
                ApiException refused = cause(e, ApiException.class);
                if (refused != null) {
                    throw refused;
                }
                if (cause(e, Raced.class) == null) {
                    throw db.failure("cannot change the " + crm.pathName() + " mapping", e);
                }
            }
        }
        throw new ApiException(409, "conflict", "the " + crm.pathName() + " mapping kept changing while this change was applied; "
                + "try again", null);
    }

    List<MappingChange> history(String agency, Crm crm, int page, int size) {
        try (Connection c = db.connection()) {
            refuseLargePages(c, agency, crm, page, size);
            return history(c, agency, crm, page, size);
        } catch (SQLException e) {
            throw db.failure("cannot read the history of the " + crm.pathName() + " mapping", e);
        }
    }

    /**
     * A page's mappings (before and after, each up to 1,000,000 characters) are read, parsed and answered whole:
     * 500 changes of large mappings took more than the heap (an OutOfMemoryError, answered 500, in whichever
     * thread met it). Their sizes are asked for first; past {@link #MAX_PAGE_CHARS} the page is a 413 that says
     * how many of its changes fit.
     */
    private static void refuseLargePages(Connection c, String agency, Crm crm, int page, int size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(LENGTH(old_mapping), 0) + LENGTH(new_mapping)"
                + " FROM crm_mapping_changes WHERE agency = ? AND crm = ? ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            s.setString(1, agency);
            s.setString(2, crm.pathName());
            s.setInt(3, size);
            s.setLong(4, (long) page * size);
            long chars = 0;
            int fit = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chars += rs.getLong(1);
                    if (chars > MAX_PAGE_CHARS) {
                        throw new ApiException(413, "limit_exceeded", "this page's changes hold more than " + MAX_PAGE_CHARS
                                + " characters of mappings; ask for at most " + Math.max(1, fit) + " changes a page (size="
                                + Math.max(1, fit) + ")", "size");
                    }
                    fit++;
                }
            }
        }
    }

    private List<MappingChange> history(Connection c, String agency, Crm crm, int page, int size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT change, changed_by, changed_at, old_version, new_version,"
                     + " old_mapping, new_mapping FROM crm_mapping_changes WHERE agency = ? AND crm = ?"
                     + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            s.setString(1, agency);
            s.setString(2, crm.pathName());
            s.setInt(3, size);
            s.setLong(4, (long) page * size);
            List<MappingChange> changes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String old = rs.getString(6);
                    changes.add(new MappingChange(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, Long.class), rs.getLong(5), old == null ? null : read(old), read(rs.getString(7))));
                }
            }
            return changes;
        }
    }

    /** Thrown inside a transaction that lost a race; the whole transaction is retried. */
    private static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    private Stored trySave(String agency, Crm crm, MappingInput mapping, String text, Long expected, String actor)
            throws SQLException {
        Instant now = Instant.now();
        try (Connection c = db.connection()) {
            Stored current = select(c, agency, crm, true);
            long version = current == null ? 0 : current.version();
            if (expected != null && (expected == ANY_VERSION ? current == null : expected != version)) {
                String why = expected == ANY_VERSION
                        ? "the " + crm.pathName() + " mapping was never changed (it is the defaults, version 0), so If-Match * cannot match"
                        : expected < 0 ? "If-Match is not an ETag of the " + crm.pathName() + " mapping (it is at version " + version + ")"
                        : "the " + crm.pathName() + " mapping is no longer at version " + expected + " but at " + version
                        + " (another change came first); GET it again and re-apply the change with the new ETag";
                throw new ApiException(412, "precondition_failed", why, "If-Match");
            }
            if (current == null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_mappings (agency, crm, mapping, version,"
                        + " created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)")) {
                    s.setString(1, agency);
                    s.setString(2, crm.pathName());
                    s.setString(3, text);
                    s.setObject(4, utc(now));
                    s.setObject(5, utc(now));
                    s.executeUpdate();
                } catch (SQLException e) {
                    if (Database.isDuplicateKey(e)) {
                        throw new Raced();
                    }
                    throw e;
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("UPDATE crm_mappings SET mapping = ?, version = ?, updated_at = ?"
                        + " WHERE agency = ? AND crm = ? AND version = ?")) {
                    s.setString(1, text);
                    s.setLong(2, version + 1);
                    s.setObject(3, utc(now));
                    s.setString(4, agency);
                    s.setString(5, crm.pathName());
                    s.setLong(6, version);
                    if (s.executeUpdate() != 1) {
                        throw new Raced();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_mapping_changes (agency, crm, change, changed_by,"
                    + " changed_at, old_version, new_version, old_mapping, new_mapping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, agency);
                s.setString(2, crm.pathName());
                s.setString(3, current == null ? "CREATE" : "REPLACE");
                s.setString(4, actor);
                s.setObject(5, utc(now));
                s.setObject(6, current == null ? null : version, java.sql.Types.BIGINT);
                s.setLong(7, version + 1);
                s.setString(8, current == null ? null : write(current.mapping()));
                s.setString(9, text);
                s.executeUpdate();
            }
            return new Stored(mapping, version + 1, now);
        }
    }

    private Stored select(Connection c, String agency, Crm crm, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT mapping, version, updated_at FROM crm_mappings"
                + " WHERE agency = ? AND crm = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, agency);
            s.setString(2, crm.pathName());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Stored(read(rs.getString(1)), rs.getLong(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()) : null;
            }
        }
    }

    private MappingInput read(String text) {
        try {
            return json.readValue(text, MappingInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored CRM mapping is unreadable", e);
        }
    }

    private String write(MappingInput mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
