package dev.voicemail.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.clients.ClientDeleted;
import dev.voicemail.clients.ClientRepository;
import dev.voicemail.db.Database;
import dev.voicemail.rules.PolicyUsage;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Experiments in the database, through plain JDBC. Every change locks the experiment's row and writes
 * on the version it read, so concurrent changes (other threads, other replicas) take turns. At most one
 * experiment of a client runs: the unique index on {@code running_client} refuses a second one even
 * when two replicas start two experiments at once.
 */
@ApplicationScoped
public class ExperimentRepository implements PolicyUsage {

    /** An If-Match of {@code *}: the experiment must exist, at any version. */
    static final long ANY_VERSION = -1;

    private static final String COLUMNS = "agency, client_id, id, description, arms, primary_metric, window_days,"
            + " planned_per_arm, status, version, created_at, updated_at, started_at, stopped_at";
    private static final TypeReference<List<Arm>> ARMS = new TypeReference<>() { };

    private final Database db;
    private final ObjectMapper json;
    private final ClientRepository clients;

    public ExperimentRepository(Database db, ObjectMapper json, ClientRepository clients) {
        this.clients = clients;
        this.db = db;
        this.json = json;
    }

    /** What a PUT stored, and whether it created the experiment. */
    record Saved(Experiment experiment, boolean created) {
    }

    /** The set-up a PUT asks for, validated. */
    record Setup(String description, List<Arm> arms, Metric metric, int windowDays, int plannedPerArm) {
    }

    Optional<Experiment> find(String agency, String clientId, String id) {
        try (Connection c = db.lazyConnection()) {
            return Optional.ofNullable(select(c, agency, clientId, id, false));
        } catch (SQLException e) {
            throw db.failure("cannot read experiment " + id, e);
        }
    }

    /**
     * The policies of running experiments' arms: a reload must not drop one, or that arm's decisions
     * would fail ({@code agency/client (experiment x, arm y)}).
     */
    @Override
    public Map<String, List<String>> clientsByPolicy() {
        Map<String, List<String>> byPolicy = new TreeMap<>();
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM experiments WHERE running_client IS NOT NULL"
                     + " ORDER BY agency, client_id, id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Experiment e = read(rs);
                for (Arm arm : e.arms()) {
                    byPolicy.computeIfAbsent(arm.policy(), k -> new ArrayList<>())
                            .add(e.agency() + "/" + e.clientId() + " (experiment " + e.id() + ", arm " + arm.name() + ")");
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot list the policies of running experiments", e);
        }
        return byPolicy;
    }

    /** The client's running experiment, if any: what the decision path caches (ExperimentDirectory). */
    Optional<Experiment> running(String agency, String clientId) {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM experiments WHERE agency = ? AND running_client = ?")) {
            s.setString(1, agency);
            s.setString(2, clientId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the running experiment of client " + clientId, e);
        }
    }

    /** A page of the client's experiments, by id, and how many there are. */
    ExperimentPage list(String agency, String clientId, int page, int size) {
        try (Connection c = db.lazyConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM experiments WHERE agency = ? AND client_id = ?")) {
                s.setString(1, agency);
                s.setString(2, clientId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Experiment> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM experiments WHERE agency = ? AND client_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
                s.setString(1, agency);
                s.setString(2, clientId);
                s.setInt(3, size);
                s.setLong(4, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new ExperimentPage(items, page, size, total);
        } catch (SQLException e) {
            throw db.failure("cannot list experiments", e);
        }
    }

    /**
     * Creates or replaces an experiment's set-up. Once started, its arms and split stay as they were
     * (a change to them is refused, naming the field); the description, metric, window and planned size
     * may still change.
     */
    Saved save(String agency, String clientId, String id, Setup setup, Long expectedVersion) {
        return inTransaction(id, () -> {
            Instant now = Instant.now();
            try (Connection c = db.connection()) {
                Experiment current = select(c, agency, clientId, id, true);
                checkPrecondition(id, current, expectedVersion);
                if (current == null) {
                    Experiment created = new Experiment(agency, clientId, id, setup.description(), setup.arms(), setup.metric(),
                            setup.windowDays(), setup.plannedPerArm(), ExperimentStatus.DRAFT, 1, now, now, null, null);
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO experiments (" + COLUMNS
                            + ", running_client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        bind(s, created);
                        s.setString(15, null);
                        s.executeUpdate();
                    } catch (SQLException e) {
                        if (Database.isDuplicateKey(e)) {
                            throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.CONFLICT, "experimentId",
                                    "experiment '" + id + "' was created by another request at the same moment; GET it and send the change again");
                        }
                        throw e;
                    }
                    return new Saved(created, true);
                }
                if (current.status() != ExperimentStatus.DRAFT) {
                    String changed = fixedFieldChanged(current.arms(), setup.arms());
                    if (changed != null) {
                        throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.CONFLICT, changed,
                                "experiment '" + id + "' is " + current.status().name().toLowerCase() + ": its arms and split"
                                        + " cannot change (" + changed + " differs); set up a new experiment instead");
                    }
                }
                Experiment replaced = new Experiment(agency, clientId, id, setup.description(), current.status() == ExperimentStatus.DRAFT
                        ? setup.arms() : current.arms(), setup.metric(), setup.windowDays(), setup.plannedPerArm(), current.status(),
                        current.version() + 1, current.createdAt(), now, current.startedAt(), current.stoppedAt());
                update(c, replaced, current.version(), current.status() == ExperimentStatus.RUNNING ? clientId : null);
                return new Saved(replaced, false);
            }
        });
    }

    /**
     * Starts a draft experiment (a running one stays as it is); refused for a stopped one, and while
     * another experiment of the client runs.
     */
    Experiment start(String agency, String clientId, String id) {
        return inTransaction(id, () -> {
            try (Connection c = db.connection()) {
                Experiment current = existing(c, agency, clientId, id);
                if (current.status() == ExperimentStatus.RUNNING) {
                    return current;
                }
                if (current.status() == ExperimentStatus.STOPPED) {
                    throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.CONFLICT, "status",
                            "experiment '" + id + "' was stopped, and a stopped experiment stays stopped; set up a new one");
                }
                // the client's row is held until this commits: a deletion meanwhile waits, then stops what started
                if (!clients.lockExisting(c, agency, clientId)) {
                    throw ApiException.notFound("no client '" + clientId + "'");
                }
                Optional<Experiment> other = running(agency, clientId);
                if (other.isPresent()) {
                    throw anotherRuns(other.get().id());
                }
                Instant now = Instant.now();
                Experiment started = new Experiment(agency, clientId, id, current.description(), current.arms(),
                        current.primaryMetric(), current.windowDays(), current.plannedProspectsPerArm(), ExperimentStatus.RUNNING,
                        current.version() + 1, current.createdAt(), now, now, null);
                try {
                    update(c, started, current.version(), clientId);
                } catch (SQLException e) {
                    if (Database.isDuplicateKey(e)) { // another replica started another experiment of the client meanwhile
                        throw anotherRuns(running(agency, clientId).map(Experiment::id).orElse("(another)"));
                    }
                    throw e;
                }
                return started;
            }
        });
    }

    /** Stops a running experiment (a stopped one stays as it is); refused for one never started. */
    Experiment stop(String agency, String clientId, String id) {
        return inTransaction(id, () -> {
            try (Connection c = db.connection()) {
                Experiment current = existing(c, agency, clientId, id);
                if (current.status() == ExperimentStatus.STOPPED) {
                    return current;
                }
                if (current.status() == ExperimentStatus.DRAFT) {
                    throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.CONFLICT, "status",
                            "experiment '" + id + "' was never started, so it cannot be stopped");
                }
                Instant now = Instant.now();
                Experiment stopped = new Experiment(agency, clientId, id, current.description(), current.arms(),
                        current.primaryMetric(), current.windowDays(), current.plannedProspectsPerArm(), ExperimentStatus.STOPPED,
                        current.version() + 1, current.createdAt(), now, current.startedAt(), now);
                update(c, stopped, current.version(), null);
                return stopped;
            }
        });
    }

    /**
     * A deleted client runs nothing: its running experiment is stopped in the deletion's transaction
     * (else the same client id, created again, would decide under the old experiment's arms).
     */
    void stopWithClient(@Observes ClientDeleted gone) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE experiments SET status = ?, running_client = NULL,"
                     + " version = version + 1, updated_at = ?, stopped_at = ? WHERE agency = ? AND running_client = ?")) {
            s.setString(1, ExperimentStatus.STOPPED.name());
            s.setObject(2, utc(now));
            s.setObject(3, utc(now));
            s.setString(4, gone.agency());
            s.setString(5, gone.clientId());
            s.executeUpdate();
        }
    }

    private static ExperimentChangeRefused anotherRuns(String otherId) {
        return new ExperimentChangeRefused(ExperimentChangeRefused.Why.CONFLICT, "experimentId",
                "experiment '" + otherId + "' of this client is running; a client runs one experiment at a time: stop it first");
    }

    /**
     * The first field of the arms that differs ({@code arms} when their number does), or null.
     * Weights are the split; names, policies and parameters are the arms.
     */
    static String fixedFieldChanged(List<Arm> was, List<Arm> now) {
        if (was.size() != now.size()) {
            return "arms";
        }
        for (int i = 0; i < was.size(); i++) {
            Arm a = was.get(i);
            Arm b = now.get(i);
            if (!a.name().equals(b.name())) {
                return "arms[" + i + "].name";
            }
            if (!a.policy().equals(b.policy())) {
                return "arms[" + i + "].policy";
            }
            if (!Objects.equals(a.parameters(), b.parameters())) {
                return "arms[" + i + "].parameters";
            }
            if (!a.weight().equals(b.weight())) {
                return "arms[" + i + "].weight";
            }
        }
        return null;
    }

    private Experiment existing(Connection c, String agency, String clientId, String id) throws SQLException {
        Experiment current = select(c, agency, clientId, id, true);
        if (current == null) {
            throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.PRECONDITION, null, "no experiment '" + id + "'");
        }
        return current;
    }

    private static void checkPrecondition(String id, Experiment current, Long expected) {
        if (expected == null) {
            return;
        }
        if (current == null) {
            throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.PRECONDITION, "If-Match",
                    "experiment '" + id + "' does not exist, so If-Match cannot match");
        }
        if (expected != ANY_VERSION && current.version() != expected) {
            throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.PRECONDITION, "If-Match", "experiment '" + id
                    + "' is no longer at version " + expected + " (another change came first); GET it again and re-apply the change");
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(String id, Work<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::run);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ExperimentChangeRefused refused) {
                    throw refused;
                }
                if (t instanceof ApiException answer) {
                    throw answer;
                }
            }
            throw db.failure("cannot change experiment " + id, e);
        }
    }

    private void update(Connection c, Experiment e, long fromVersion, String runningClient) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE experiments SET description = ?, arms = ?, primary_metric = ?,"
                + " window_days = ?, planned_per_arm = ?, status = ?, version = ?, updated_at = ?, started_at = ?, stopped_at = ?,"
                + " running_client = ? WHERE agency = ? AND client_id = ? AND id = ? AND version = ?")) {
            s.setString(1, e.description());
            s.setString(2, write(e.arms()));
            s.setString(3, e.primaryMetric().name());
            s.setInt(4, e.windowDays());
            s.setInt(5, e.plannedProspectsPerArm());
            s.setString(6, e.status().name());
            s.setLong(7, e.version());
            s.setObject(8, utc(e.updatedAt()));
            s.setObject(9, utc(e.startedAt()));
            s.setObject(10, utc(e.stoppedAt()));
            s.setString(11, runningClient);
            s.setString(12, e.agency());
            s.setString(13, e.clientId());
            s.setString(14, e.id());
            s.setLong(15, fromVersion);
            if (s.executeUpdate() != 1) { // not reached: the row is locked
                throw new ExperimentChangeRefused(ExperimentChangeRefused.Why.PRECONDITION, "If-Match",
                        "experiment '" + e.id() + "' changed meanwhile; GET it again");
            }
        }
    }

    private void bind(PreparedStatement s, Experiment e) throws SQLException {
        s.setString(1, e.agency());
        s.setString(2, e.clientId());
        s.setString(3, e.id());
        s.setString(4, e.description());
        s.setString(5, write(e.arms()));
        s.setString(6, e.primaryMetric().name());
        s.setInt(7, e.windowDays());
        s.setInt(8, e.plannedProspectsPerArm());
        s.setString(9, e.status().name());
        s.setLong(10, e.version());
        s.setObject(11, utc(e.createdAt()));
        s.setObject(12, utc(e.updatedAt()));
        s.setObject(13, utc(e.startedAt()));
        s.setObject(14, utc(e.stoppedAt()));
    }

    private Experiment select(Connection c, String agency, String clientId, String id, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM experiments WHERE agency = ? AND client_id = ? AND id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, agency);
            s.setString(2, clientId);
            s.setString(3, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private Experiment read(ResultSet rs) throws SQLException {
        try {
            return new Experiment(rs.getString("agency"), rs.getString("client_id"), rs.getString("id"),
                    rs.getString("description"), List.copyOf(json.readValue(rs.getString("arms"), ARMS)),
                    Metric.valueOf(rs.getString("primary_metric")), rs.getInt("window_days"), rs.getInt("planned_per_arm"),
                    ExperimentStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                    instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "started_at"), instant(rs, "stopped_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored experiment " + rs.getString("id") + " is unreadable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
