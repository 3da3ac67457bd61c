package dev.voicemail.decisionlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.Digests;
import dev.voicemail.db.Database;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.Timestamps;
import dev.voicemail.facts.Reason;
import dev.voicemail.outcomes.OutcomeRepository;

/**
 * The decision log's table, in plain JDBC. On PostgreSQL it is partitioned by UTC day
 * ({@code decision_log_pYYYYMMDD}, created ahead by {@link #ensurePartitions}); on H2 it is one table.
 */
@ApplicationScoped
public class DecisionLogRepository {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Pattern PARTITION = Pattern.compile("decision_log_p(\\d{8})");
    static final String SUMMARY = "id, decided_at, client_id, prospect_id, policy, rules_version, action, message_kind,"
            + " sequence, reason_rules, next_guidance";
    /** The columns of a full row's {@link Basis}. */
    private static final String BASIS = "experiment_id, client_version, client_updated_at, service_build";

    /**
     * A row as listed (no request or answer). A full row adds the request (and the answer when asked),
     * and what decided it besides the rules ({@link Basis}). The request is in the {@link LoggedInput}
     * form; rows logged before that form existed hold it as JSON.
     */
    record Row(UUID id, Instant decidedAt, String agency, String clientId, String prospectId, String policy,
               String rulesVersion, String action, String messageKind, String sequence, String reasonRules,
               String next, String request, String answer, Basis basis) {
    }

    /**
     * What decided a logged answer besides the rules: the experiment (null: none), the client's
     * version and its updated_at, the service's build (nulls in rows logged before these were kept).
     */
    record Basis(String experimentId, Long clientVersion, Instant clientUpdatedAt, String build) {

        /** A client's updated_at as the log keeps it: in milliseconds, which both databases store exactly. */
        static Instant at(Instant clientUpdatedAt) {
            return clientUpdatedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
    }

    /** Filters of a listing; null means any. */
    record Filter(String clientId, String prospectId, Instant from, Instant to, String action, String policy) {
    }

    private final Database db;
    private final ObjectMapper json;
    private volatile Boolean postgres;

    private final DecidingBuild build;

    public DecisionLogRepository(Database db, ObjectMapper json, DecidingBuild build) {
        this.db = db;
        this.json = json;
        this.build = build;
    }

    boolean postgres(Connection c) throws SQLException {
        Boolean p = postgres;
        if (p == null) {
            p = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            postgres = p;
        }
        return p;
    }

    /**
     * Writes entries in one transaction; on PostgreSQL a missing day's partition is created and the
     * batch tried again. A batch with a strict entry (a request waits for it) is in the file when this
     * returns; one of asynchronous entries only is written with H2's next background write.
     */
    void insert(List<PendingEntry> entries) throws SQLException {
        List<Object[]> rows = new ArrayList<>(entries.size());
        boolean awaited = false;
        for (PendingEntry e : entries) {
            rows.add(columns(e));
            awaited |= e.written() != null;
        }
        try (Connection c = awaited ? db.connection() : db.lazyConnection()) {
            try {
                insert(c, rows);
            } catch (SQLException e) {
                if (!postgres(c) || !"23514".equals(e.getSQLState())) { // 23514: no partition for a row
                    throw e;
                }
                LocalDate first = entries.stream().map(p -> day(p.decidedAt())).min(LocalDate::compareTo).orElseThrow();
                LocalDate last = entries.stream().map(p -> day(p.decidedAt())).max(LocalDate::compareTo).orElseThrow();
                ensurePartitions(c, first, last);
                insert(c, rows);
            }
        }
    }

    private static void insert(Connection c, List<Object[]> rows) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO decision_log (id, decided_at, agency, client_id, prospect_id,"
                + " policy, rules_version, action, message_kind, sequence, reason_rules, next_guidance, request, answer, call_at,"
                + " experiment_id, arm, client_version, client_updated_at, service_build)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The row's columns; the JSON and the request's logged form are made here, on the writer thread, not on the request's. */
    private Object[] columns(PendingEntry e) {
        DecisionResponse a = e.answer();
        try {
            List<String> rules = new ArrayList<>(a.reasons().size());
            for (Reason r : a.reasons()) {
                rules.add(r.rule());
            }
            return new Object[] {e.id(), OffsetDateTime.ofInstant(e.decidedAt(), ZoneOffset.UTC), e.agency(), a.clientId(),
                    a.prospectId(), a.policy(), a.rulesVersion(), a.action().name(),
                    a.message() == null ? null : a.message().kind().name(),
                    a.next() == null || a.next().sequence() == null ? null : a.next().sequence().name(),
                    json.writeValueAsString(rules), json.writeValueAsString(a.next()),
                    LoggedInput.text(e.input()), json.writeValueAsString(a),
                    OffsetDateTime.ofInstant(e.input().callAt(), ZoneOffset.UTC),
                    a.experiment() == null ? null : a.experiment().id(), a.experiment() == null ? null : a.experiment().arm(),
                    e.clientVersion(), e.clientUpdatedAt() == null ? null : OffsetDateTime.ofInstant(Basis.at(e.clientUpdatedAt()), ZoneOffset.UTC),
                    build.id()};
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a decision as JSON", ex);
        }
    }

    /**
     * The validated request in the shape of a request body, with everything the service filled in
     * (the call's time) made explicit: deciding it again reads exactly the same input.
     */
    static DecisionRequest request(DecisionInput in) {
        List<DecisionRequest.AttemptJson> attempts = new ArrayList<>(in.attempts().size());
        for (DecisionInput.Touch t : in.attempts()) {
            attempts.add(new DecisionRequest.AttemptJson(Timestamps.format(t.at()), t.channel().name(), t.outcome().name(),
                    t.direction().name(), t.decisionMaker()));
        }
        DecisionRequest.RepJson rep = in.rep().name() == null && in.rep().phone() == null ? null
                : new DecisionRequest.RepJson(in.rep().name(), in.rep().phone());
        return new DecisionRequest(in.clientId(),
                new DecisionRequest.ProspectJson(in.prospectId(), in.prospectZone() == null ? null : in.prospectZone().getId()),
                new DecisionRequest.CallJson(Timestamps.format(in.callAt()), in.remainingAttemptsToday(), rep), attempts);
    }

    static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Creates the daily partitions from {@code first} to {@code last} that do not exist yet (PostgreSQL only). */
    void ensurePartitions(LocalDate first, LocalDate last) throws SQLException {
        try (Connection c = db.connection()) {
            if (postgres(c)) {
                ensurePartitions(c, first, last);
            }
        }
    }

    private static void ensurePartitions(Connection c, LocalDate first, LocalDate last) throws SQLException {
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            try (Statement s = c.createStatement()) {
                // names and bounds come from dates, never from input
                s.execute("CREATE TABLE IF NOT EXISTS decision_log_p" + DAY.format(d) + " PARTITION OF decision_log"
                        + " FOR VALUES FROM ('" + d + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00')");
            } catch (SQLException e) {
                if (!"42P07".equals(e.getSQLState())) { // created by another replica meanwhile
                    throw e;
                }
            }
        }
    }

    /** The day partitions that exist (PostgreSQL; empty on H2), oldest first. */
    List<LocalDate> partitions() {
        List<LocalDate> days = new ArrayList<>();
        try (Connection c = db.lazyConnection()) {
            if (!postgres(c)) {
                return days;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = inhrelid"
                         + " WHERE inhparent = 'decision_log'::regclass ORDER BY 1")) {
                while (rs.next()) {
                    Matcher m = PARTITION.matcher(rs.getString(1));
                    if (m.matches()) {
                        days.add(LocalDate.parse(m.group(1), DAY));
                    }
                }
            }
            return days;
        } catch (SQLException e) {
            throw db.failure("cannot list the decision log's partitions", e);
        }
    }

    /**
     * Removes entries older than {@code cutoff}: on PostgreSQL whole days by dropping their partitions,
     * and the rows before the cutoff in the day it falls in; on H2 by deleting rows.
     *
     * @return partitions dropped and rows deleted
     */
    long[] purge(Instant cutoff) {
        long dropped = 0;
        try (Connection c = db.connection()) {
            if (postgres(c)) {
                LocalDate keepFrom = day(cutoff);
                for (LocalDate d : partitions()) {
                    if (d.isBefore(keepFrom)) {
                        try (Statement s = c.createStatement()) {
                            s.execute("DROP TABLE IF EXISTS decision_log_p" + DAY.format(d));
                        }
                        dropped++;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM decision_log WHERE decided_at < ?")) {
                s.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                return new long[] {dropped, s.executeUpdate()};
            }
        } catch (SQLException e) {
            throw db.failure("cannot purge the decision log", e);
        }
    }

    /** One entry of an agency, or null. */
    Row find(String agency, UUID id) {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY + ", agency, request, answer, " + BASIS + " FROM decision_log"
                     + " WHERE decided_at = ? AND id = ? AND agency = ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(DecisionIds.timeOf(id), ZoneOffset.UTC));
            s.setObject(2, id);
            s.setString(3, agency);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? row(rs, true) : null;
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the decision log", e);
        }
    }

    /**
     * Entries newest first, after the cursor's position (exclusive); {@code agency} null means every
     * agency (the operator's impact analysis).
     */
    List<Row> list(String agency, Filter f, Instant beforeAt, UUID beforeId, int limit, boolean full) {
        return list(agency, f, beforeAt, beforeId, limit, full, full);
    }

    /** As above; {@code withAnswer} false leaves the answer out of full rows (impact replays the request only). */
    List<Row> list(String agency, Filter f, Instant beforeAt, UUID beforeId, int limit, boolean full, boolean withAnswer) {
        Query q = listQuery(agency, f, beforeAt, beforeId, limit, full, withAnswer);
        try (Connection c = db.lazyConnection(); PreparedStatement s = c.prepareStatement(q.sql())) {
            for (int i = 0; i < q.args().size(); i++) {
                s.setObject(i + 1, q.args().get(i));
            }
            s.setFetchSize(Math.min(limit, 1000));
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, full));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw db.failure("cannot read the decision log", e);
        }
    }

    /** A statement and its parameters, in order. */
    record Query(String sql, List<Object> args) {
    }

    /** The statement {@link #list} runs: apart, so that a test can ask the database for its plan. */
    static Query listQuery(String agency, Filter f, Instant beforeAt, UUID beforeId, int limit, boolean full,
                           boolean withAnswer) {
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY).append(", agency");
        if (full) {
            sql.append(withAnswer ? ", request, answer" : ", request, NULL AS answer")
                    .append(", ").append(BASIS);
        }
        sql.append(" FROM decision_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (agency != null) {
            sql.append(" AND agency = ?");
            args.add(agency);
        }
        if (f.clientId() != null) {
            sql.append(" AND client_id = ?");
            args.add(f.clientId());
        }
        if (f.prospectId() != null) {
            sql.append(" AND prospect_id = ?");
            args.add(f.prospectId());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            args.add(f.action());
        }
        if (f.policy() != null) {
            sql.append(" AND policy = ?");
            args.add(f.policy());
        }
        if (f.from() != null) {
            sql.append(" AND decided_at >= ?");
            args.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            sql.append(" AND decided_at < ?");
            args.add(OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        if (beforeAt != null) {
            OffsetDateTime at = OffsetDateTime.ofInstant(beforeAt, ZoneOffset.UTC);
            sql.append(" AND decided_at <= ? AND (decided_at < ? OR id < ?)");
            args.add(at);
            args.add(at);
            args.add(beforeId);
        }
        sql.append(" ORDER BY decided_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return new Query(sql.toString(), args);
    }

    private static Row row(ResultSet rs, boolean full) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString("agency"),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11),
                full ? rs.getString("request") : null, full ? rs.getString("answer") : null, full ? basis(rs) : null);
    }

    private static Basis basis(ResultSet rs) throws SQLException {
        OffsetDateTime updated = rs.getObject("client_updated_at", OffsetDateTime.class);
        return new Basis(rs.getString("experiment_id"), rs.getObject("client_version", Long.class),
                updated == null ? null : updated.toInstant(), rs.getString("service_build"));
    }

    /** What an erasure removed. */
    record Erased(int decisions, int outcomes) {
    }

    /**
     * Erases a prospect's entries and outcomes and records that it happened in the client's audit trail, in one
     * transaction. The trail keeps a SHA-256 of the prospect id, not the id: the prospect is forgotten,
     * yet a later question "was X erased?" can be answered by whoever knows X.
     */
    Erased erase(String agency, String clientId, String prospectId, String actor) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int erased;
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM decision_log WHERE agency = ? AND client_id = ? AND prospect_id = ?")) {
                    s.setString(1, agency);
                    s.setString(2, clientId);
                    s.setString(3, prospectId);
                    erased = s.executeUpdate();
                }
                int outcomes = OutcomeRepository.erase(c, agency, clientId, prospectId);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO client_changes (agency, client_id, change, changed_by,"
                        + " changed_at, new_parameters) VALUES (?, ?, 'PROSPECT_ERASED', ?, ?, ?)")) {
                    s.setString(1, agency);
                    s.setString(2, clientId);
                    s.setString(3, actor);
                    s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    s.setString(5, json.writeValueAsString(java.util.Map.of("prospectIdSha256", sha256(prospectId),
                            "decisionsErased", erased, "outcomesErased", outcomes)));
                    s.executeUpdate();
                }
                c.commit();
                return new Erased(erased, outcomes);
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw db.failure("cannot erase the prospect's decisions", e);
        }
    }

    static String sha256(String text) {
        return Digests.sha256Hex(text);
    }
}
