package dev.voicemail.clients;

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
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.db.Database;
import dev.voicemail.rules.PolicyUsage;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Clients in the database (H2 or PostgreSQL), through plain JDBC: a handful of statements, no ORM.
 * Every change is a conditional write on the version the change was based on, and records an audit
 * entry in the same transaction, so concurrent writers (other threads, other replicas) never
 * overwrite each other unseen.
 */
@ApplicationScoped
public class ClientRepository implements PolicyUsage {

    /** An If-Match of {@code *}: the client must exist, at any version. */
    public static final long ANY_VERSION = -1;

    private static final String COLUMNS =
            "agency, id, name, policy, timezone, parameters, value_propositions, version, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };
    private static final int ATTEMPTS = 10;

    private final Database db;
    private final ObjectMapper json;

    private final Event<ClientDeleted> deleted;

    public ClientRepository(Database db, ObjectMapper json, Event<ClientDeleted> deleted) {
        this.db = db;
        this.json = json;
        this.deleted = deleted;
    }

    public Optional<Client> find(String agency, String id) {
        try (Connection c = db.lazyConnection()) {
            return Optional.ofNullable(find(c, agency, id));
        } catch (SQLException e) {
            throw db.failure("cannot read client " + id, e);
        }
    }

    public ClientPage list(String agency, int page, int size) {
        try (Connection c = db.lazyConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM clients WHERE agency = ?")) {
                s.setString(1, agency);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Client> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM clients WHERE agency = ? ORDER BY id LIMIT ? OFFSET ?")) {
                s.setString(1, agency);
                s.setInt(2, size);
                s.setLong(3, (long) page * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new ClientPage(items, page, size, total);
        } catch (SQLException e) {
            throw db.failure("cannot list clients", e);
        }
    }

    /** Stored client and whether it was created (rather than replaced). */
    public record Saved(Client client, boolean created) {
    }

    /**
     * Creates or replaces a client. With {@code expectedVersion} (an If-Match) the client must be at
     * that version (or exist, for {@link #ANY_VERSION}), else 412. Without one, the change applies to
     * whatever version is current, but still as a conditional write, so each concurrent replace is
     * applied and audited in turn (none is lost unseen).
     */
    public Saved save(String agency, String id, ClientInput in, Long expectedVersion, String actor) {
        return retrying(id, () -> QuarkusTransaction.requiringNew().call(() -> trySave(agency, id, in, expectedVersion, actor)));
    }

    /** Deletes a client, under the same If-Match rules as {@link #save}; false when there was none. */
    public boolean delete(String agency, String id, Long expectedVersion, String actor) {
        return retrying(id, () -> QuarkusTransaction.requiringNew().call(() -> tryDelete(agency, id, expectedVersion, actor)));
    }

    /** The client's audit trail, newest first; empty when the agency never had such a client. */
    public List<ClientChange> history(String agency, String id, int page, int size) {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT change, changed_by, changed_at, old_version, new_version,"
                     + " old_policy, new_policy, old_parameters, new_parameters FROM client_changes"
                     + " WHERE agency = ? AND client_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            s.setString(1, agency);
            s.setString(2, id);
            s.setInt(3, size);
            s.setLong(4, (long) page * size);
            List<ClientChange> changes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new ClientChange(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), (Long) rs.getObject(4, Long.class),
                            rs.getObject(5, Long.class), rs.getString(6), rs.getString(7),
                            readMap(rs.getString(8)), readMap(rs.getString(9))));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw db.failure("cannot read the history of client " + id, e);
        }
    }

    /** Thrown inside a transaction that lost a race; the whole transaction is retried. */
    private static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    private interface Attempt<T> {
        T run();
    }

    private <T> T retrying(String id, Attempt<T> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.run();
            } catch (Raced e) {
                // another writer got there first: start again from what it wrote
            } catch (RuntimeException e) {
                if (causedBy(e, Raced.class)) {
                    continue;
                }
                if (causedBy(e, ClientChangeRefused.class)) {
                    throw unwrap(e);
                }
                throw db.failure("cannot change client " + id, e);
            }
        }
        throw new ClientChangeRefused(ClientChangeRefused.Why.KEPT_CHANGING, id, 0);
    }

    private Saved trySave(String agency, String id, ClientInput in, Long expected, String actor) throws SQLException {
        Instant now = Instant.now();
        Map<String, Object> parameters = in.parameters() == null ? Map.of() : in.parameters();
        List<String> propositions = in.valuePropositions() == null ? List.of() : List.copyOf(in.valuePropositions());
        try (Connection c = db.connection()) {
            Client current = lock(c, agency, id);
            checkPrecondition(id, current, expected);
            if (current != null) {
                try (PreparedStatement u = c.prepareStatement("UPDATE clients SET name = ?, policy = ?, timezone = ?,"
                        + " parameters = ?, value_propositions = ?, version = ?, updated_at = ?"
                        + " WHERE agency = ? AND id = ? AND version = ?")) {
                    u.setString(1, in.name());
                    u.setString(2, in.policy());
                    u.setString(3, in.timezone());
                    u.setString(4, write(parameters));
                    u.setString(5, write(propositions));
                    u.setLong(6, current.version() + 1);
                    u.setObject(7, utc(now));
                    u.setString(8, agency);
                    u.setString(9, id);
                    u.setLong(10, current.version());
                    if (u.executeUpdate() != 1) {
                        if (expected != null) {
                            throw stale(id, expected);
                        }
                        throw new Raced();
                    }
                }
                Client saved = new Client(agency, id, in.name(), in.policy(), in.timezone(), parameters, propositions,
                        current.version() + 1, current.createdAt(), now);
                audit(c, "REPLACE", actor, now, current, saved);
                return new Saved(saved, false);
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO clients (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
                i.setString(1, agency);
                i.setString(2, id);
                i.setString(3, in.name());
                i.setString(4, in.policy());
                i.setString(5, in.timezone());
                i.setString(6, write(parameters));
                i.setString(7, write(propositions));
                i.setObject(8, utc(now));
                i.setObject(9, utc(now));
                i.executeUpdate();
            } catch (SQLException e) {
                if (Database.isDuplicateKey(e)) {
                    throw new Raced(); // created meanwhile by another writer: replace it instead
                }
                throw e;
            }
            Client saved = new Client(agency, id, in.name(), in.policy(), in.timezone(), parameters, propositions, 1, now, now);
            audit(c, "CREATE", actor, now, null, saved);
            return new Saved(saved, true);
        }
    }

    private Boolean tryDelete(String agency, String id, Long expected, String actor) throws SQLException {
        try (Connection c = db.connection()) {
            Client current = lock(c, agency, id);
            if (current == null && expected == null) {
                return false;
            }
            checkPrecondition(id, current, expected);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM clients WHERE agency = ? AND id = ? AND version = ?")) {
                s.setString(1, agency);
                s.setString(2, id);
                s.setLong(3, current.version());
                if (s.executeUpdate() != 1) {
                    if (expected != null) {
                        throw stale(id, expected);
                    }
                    throw new Raced();
                }
            }
            audit(c, "DELETE", actor, Instant.now(), current, null);
            deleted.fire(new ClientDeleted(agency, id)); // in this transaction: what hangs on the client ends with it
            return true;
        }
    }

    /**
     * Holds the client's row until the caller's transaction ends, so that a deletion waits for it (and
     * then sees what it did); false when there is no such client. For a change that must not outlive
     * the client, such as starting its experiment.
     */
    public boolean lockExisting(Connection c, String agency, String id) throws SQLException {
        return lock(c, agency, id) != null;
    }

    private static void checkPrecondition(String id, Client current, Long expected) {
        if (expected == null) {
            return;
        }
        if (current == null) {
            throw new ClientChangeRefused(ClientChangeRefused.Why.NO_CLIENT_TO_MATCH, id, expected);
        }
        if (expected != ANY_VERSION && current.version() != expected) {
            throw stale(id, expected);
        }
    }

    private static ClientChangeRefused stale(String id, long expected) {
        return new ClientChangeRefused(ClientChangeRefused.Why.STALE_VERSION, id, expected);
    }

    private void audit(Connection c, String change, String actor, Instant at, Client before, Client after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO client_changes (agency, client_id, change, changed_by,"
                + " changed_at, old_version, new_version, old_policy, new_policy, old_parameters, new_parameters)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Client any = after != null ? after : before;
            s.setString(1, any.agency());
            s.setString(2, any.id());
            s.setString(3, change);
            s.setString(4, actor);
            s.setObject(5, utc(at));
            s.setObject(6, before == null ? null : before.version(), java.sql.Types.BIGINT);
            s.setObject(7, after == null ? null : after.version(), java.sql.Types.BIGINT);
            s.setString(8, before == null ? null : before.policy());
            s.setString(9, after == null ? null : after.policy());
            s.setString(10, before == null ? null : write(before.parameters()));
            s.setString(11, after == null ? null : write(after.parameters()));
            s.executeUpdate();
        }
    }

    /** Names of the policies that some client uses, with those clients (for checking a new rule set). */
    @Override
    public Map<String, List<String>> clientsByPolicy() {
        Map<String, List<String>> byPolicy = new java.util.TreeMap<>();
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT policy, agency, id FROM clients ORDER BY policy, agency, id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byPolicy.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2) + "/" + rs.getString(3));
            }
        } catch (SQLException e) {
            throw db.failure("cannot list clients by policy", e);
        }
        return byPolicy;
    }

    private Client find(Connection c, String agency, String id) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM clients WHERE agency = ? AND id = ?", agency, id);
    }

    /**
     * Reads the client and locks its row until the transaction ends, so that concurrent writers of
     * one client take turns instead of retrying (the version check on write stays as the guarantee).
     */
    private Client lock(Connection c, String agency, String id) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM clients WHERE agency = ? AND id = ? FOR UPDATE", agency, id);
    }

    private Client select(Connection c, String sql, String agency, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agency);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientChangeRefused refused) {
                return refused;
            }
        }
        return (RuntimeException) e;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private Client read(ResultSet rs) throws SQLException {
        try {
            return new Client(rs.getString("agency"), rs.getString("id"), rs.getString("name"), rs.getString("policy"),
                    rs.getString("timezone"), json.readValue(rs.getString("parameters"), MAP),
                    List.copyOf(json.readValue(rs.getString("value_propositions"), LIST)), rs.getLong("version"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored client " + rs.getString("id") + " is unreadable", e);
        }
    }

    private Map<String, Object> readMap(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit entry is unreadable", e);
        }
    }

    /** The JSON text that would be stored, e.g. to check its length before saving. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
