package dev.voicemail.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.voicemail.db.Database;

/** API keys in the database (table {@code api_keys}), through plain JDBC: their hashes, never the keys. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, agency, name, roles, key_hash, created_at, created_by, revoked_at";

    private final Database db;

    public ApiKeyStore(Database db) {
        this.db = db;
    }

    public void insert(StoredKey key) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (id, agency, name, roles, key_hash, created_at,"
                     + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.id());
            s.setString(2, key.agency());
            s.setString(3, key.name());
            s.setString(4, String.join(",", new TreeSet<>(key.roles())));
            s.setString(5, key.hash());
            s.setObject(6, OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC));
            s.setString(7, key.createdBy());
            s.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot store a new key", e);
        }
    }

    /**
     * Deletes a key nobody was given (its creation committed but was not acknowledged). Through a lazy
     * connection: the checkpoint that was just refused would be refused again; the deletion reaches the
     * file with H2's next background write, and until then the key is one whose secret nobody has.
     */
    public void discard(String id) {
        try (Connection c = db.lazyConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot delete key " + id, e);
        }
    }

    /** The key with this id, revoked or not; empty when there is none. */
    public Optional<StoredKey> find(String id) {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.failure("cannot read key " + id, e);
        }
    }

    public List<StoredKey> list(String agency) {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE agency = ? ORDER BY created_at, id")) {
            s.setString(1, agency);
            List<StoredKey> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(read(rs));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw db.failure("cannot list keys", e);
        }
    }

    /** Marks the agency's key revoked (keeping the first revocation time); false when the agency has none such. */
    public boolean revoke(String agency, String id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?)"
                     + " WHERE agency = ? AND id = ?")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(2, agency);
            s.setString(3, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw db.failure("cannot revoke key " + id, e);
        }
    }

    private static StoredKey read(ResultSet rs) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new StoredKey(rs.getString("id"), rs.getString("agency"), rs.getString("name"),
                Set.copyOf(new LinkedHashSet<>(Arrays.asList(rs.getString("roles").split(",")))), rs.getString("key_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant());
    }
}
