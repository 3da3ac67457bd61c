package dev.voicemail.outcomes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import dev.voicemail.db.Database;

/**
 * The {@code outcome} table, in plain JDBC, and the one question outcomes ask of {@code decision_log}:
 * which decision of a prospect came last before a time (by the logged request's call time).
 */
@ApplicationScoped
public class OutcomeRepository {

    static final String REPORTED = "REPORTED";
    static final String DERIVED = "DERIVED";

    /** Ids are UUIDv7, as decisions': ordered by when they were recorded, which is how listings page. */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final String COLUMNS = "id, client_id, prospect_id, kind, source, event_id, occurred_at, decision_id,"
            + " decided_at, recorded_at";

    /** A decision an outcome is attributed to. */
    record Decision(UUID id, Instant decidedAt, Instant callAt) {
    }

    /** An outcome as stored. */
    record Row(UUID id, String clientId, String prospectId, OutcomeKind kind, String source, String eventId,
               Instant occurredAt, UUID decisionId, Instant decidedAt, Instant recordedAt) {
    }

    private final Database db;

    public OutcomeRepository(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    static UUID newId() {
        return IDS.generate();
    }

    /**
     * The prospect's decisions whose call time is in [from, to), oldest first. Decisions logged
     * before call times were recorded (call_at null) have none and are never attributed.
     */
    static List<Decision> decisions(Connection c, String agency, String clientId, String prospectId, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, decided_at, call_at FROM decision_log"
                + " WHERE agency = ? AND client_id = ? AND prospect_id = ? AND call_at >= ? AND call_at < ?"
                + " ORDER BY call_at, decided_at, id")) {
            s.setString(1, agency);
            s.setString(2, clientId);
            s.setString(3, prospectId);
            s.setObject(4, utc(from));
            s.setObject(5, utc(to));
            List<Decision> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Decision(rs.getObject(1, UUID.class), instant(rs, 2), instant(rs, 3)));
                }
            }
            return found;
        }
    }

    /** The latest decision of the prospect whose call time is before {@code at} and not more than the window before it. */
    static Optional<Decision> latestBefore(Connection c, String agency, String clientId, String prospectId, Instant at,
                                           java.time.Duration window) throws SQLException {
        List<Decision> before = decisions(c, agency, clientId, prospectId, at.minus(window), at);
        return before.isEmpty() ? Optional.empty() : Optional.of(before.get(before.size() - 1));
    }

    /** The decision an already stored event was attributed to: present with a null id when it was attributed to none. */
    static Optional<Optional<UUID>> existing(Connection c, String agency, String clientId, String source, String eventId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT decision_id FROM outcome WHERE agency = ? AND client_id = ? AND source = ? AND event_id = ?")) {
            s.setString(1, agency);
            s.setString(2, clientId);
            s.setString(3, source);
            s.setString(4, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Optional.ofNullable(rs.getObject(1, UUID.class))) : Optional.empty();
            }
        }
    }

    /** The event ids of a prospect's derived outcomes: what a re-sent history must not add again. */
    static Set<String> derivedEvents(Connection c, String agency, String clientId, String prospectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM outcome"
                + " WHERE agency = ? AND client_id = ? AND prospect_id = ? AND source = '" + DERIVED + "'")) {
            s.setString(1, agency);
            s.setString(2, clientId);
            s.setString(3, prospectId);
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /**
     * Stores an outcome in its own transaction (auto-commit).
     *
     * @return false when the same event is stored already (the unique key), also by a concurrent caller
     */
    static boolean insert(Connection c, String agency, String clientId, String prospectId, OutcomeKind kind, String source,
                          String eventId, Instant occurredAt, Decision decision, Instant recordedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outcome (id, agency, client_id, prospect_id, kind, source,"
                + " event_id, occurred_at, decision_id, decided_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, newId());
            s.setString(2, agency);
            s.setString(3, clientId);
            s.setString(4, prospectId);
            s.setString(5, kind.name());
            s.setString(6, source);
            s.setString(7, eventId);
            s.setObject(8, utc(occurredAt));
            s.setObject(9, decision == null ? null : decision.id());
            s.setObject(10, decision == null ? null : utc(decision.decidedAt()));
            s.setObject(11, utc(recordedAt));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** An agency's outcomes, newest recorded first, after the cursor (exclusive); null filters mean any. */
    List<Row> list(String agency, String clientId, String prospectId, UUID before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outcome WHERE agency = ?");
        List<Object> args = new ArrayList<>(List.of(agency));
        if (clientId != null) {
            sql.append(" AND client_id = ?");
            args.add(clientId);
        }
        if (prospectId != null) {
            sql.append(" AND prospect_id = ?");
            args.add(prospectId);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** The outcomes attributed to one decision of the agency, oldest first. */
    public List<StoredOutcome> attributedTo(String agency, UUID decisionId) {
        return query("SELECT " + COLUMNS + " FROM outcome WHERE agency = ? AND decision_id = ? ORDER BY occurred_at, id",
                List.of(agency, decisionId)).stream().map(StoredOutcome::of).toList();
    }

    private List<Row> query(String sql, List<Object> args) {
        try (Connection c = db.lazyConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            OutcomeKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs, 7),
                            rs.getObject(8, UUID.class), instant(rs, 9), instant(rs, 10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw db.failure("cannot read the outcomes", e);
        }
    }

    /**
     * Erases a prospect's outcomes, in the caller's transaction (the prospect's erasure removes its
     * decisions, its outcomes and writes the audit entry at once).
     */
    public static int erase(Connection c, String agency, String clientId, String prospectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM outcome WHERE agency = ? AND client_id = ? AND prospect_id = ?")) {
            s.setString(1, agency);
            s.setString(2, clientId);
            s.setString(3, prospectId);
            return s.executeUpdate();
        }
    }

    /** Removes outcomes recorded before {@code cutoff} (the decision log's retention): how many went. */
    public int purge(Instant cutoff) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("DELETE FROM outcome WHERE recorded_at < ?")) {
            s.setObject(1, utc(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot purge the outcomes", e);
        }
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
