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

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Clients in the database (H2 by default), through plain JDBC: a handful of statements, no ORM. */
@ApplicationScoped
public class ClientRepository {

    private static final String COLUMNS =
            "agency, id, name, policy, timezone, parameters, value_propositions, version, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final DataSource db;
    private final ObjectMapper json;

    public ClientRepository(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Optional<Client> find(String agency, String id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM clients WHERE agency = ? AND id = ?")) {
            s.setString(1, agency);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read client " + id, e);
        }
    }

    public ClientPage list(String agency, int page, int size) {
        try (Connection c = db.getConnection()) {
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
            throw new IllegalStateException("cannot list clients", e);
        }
    }

    /** Stored client and whether it was created (rather than replaced). */
    public record Saved(Client client, boolean created) {
    }

    /** Creates or replaces a client; a replace bumps its version. */
    public Saved save(String agency, String id, ClientInput in) {
        Instant now = Instant.now();
        String parameters = write(in.parameters() == null ? Map.of() : in.parameters());
        String propositions = write(in.valuePropositions() == null ? List.of() : in.valuePropositions());
        try (Connection c = db.getConnection()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (PreparedStatement u = c.prepareStatement("UPDATE clients SET name = ?, policy = ?, timezone = ?,"
                        + " parameters = ?, value_propositions = ?, version = version + 1, updated_at = ?"
                        + " WHERE agency = ? AND id = ?")) {
                    u.setString(1, in.name());
                    u.setString(2, in.policy());
                    u.setString(3, in.timezone());
                    u.setString(4, parameters);
                    u.setString(5, propositions);
                    u.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    u.setString(7, agency);
                    u.setString(8, id);
                    if (u.executeUpdate() == 1) {
                        return new Saved(find(agency, id).orElseThrow(), false);
                    }
                }
                try (PreparedStatement i = c.prepareStatement("INSERT INTO clients (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
                    i.setString(1, agency);
                    i.setString(2, id);
                    i.setString(3, in.name());
                    i.setString(4, in.policy());
                    i.setString(5, in.timezone());
                    i.setString(6, parameters);
                    i.setString(7, propositions);
                    i.setObject(8, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    i.setObject(9, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    i.executeUpdate();
                    return new Saved(find(agency, id).orElseThrow(), true);
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        throw e;
                    }
                    // Another request created it between our UPDATE and INSERT: replace it instead.
                }
            }
            throw new IllegalStateException("client " + id + " kept changing while being saved");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save client " + id, e);
        }
    }

    public boolean delete(String agency, String id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM clients WHERE agency = ? AND id = ?")) {
            s.setString(1, agency);
            s.setString(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete client " + id, e);
        }
    }

    /** Names of the policies that some client uses, with those clients (for checking a new rule set). */
    public Map<String, List<String>> clientsByPolicy() {
        Map<String, List<String>> byPolicy = new java.util.TreeMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT policy, agency, id FROM clients ORDER BY policy, agency, id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byPolicy.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2) + "/" + rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list clients by policy", e);
        }
        return byPolicy;
    }

    private static boolean isDuplicateKey(SQLException e) {
        // 23505: unique violation in both H2 and PostgreSQL
        return "23505".equals(e.getSQLState());
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
