package dev.voicemail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.voicemail.db.Database;
import dev.voicemail.db.DatabaseUnavailableException;

import io.quarkus.runtime.StartupEvent;

/**
 * API keys: created with a random secret that is shown once, stored as its SHA-256 only, and
 * verified against an in-memory copy of the stored key (refreshed after {@code voicemail.auth.cache-ttl}),
 * so that a decision costs no database round trip; while the database is unavailable, the last copy
 * read is used, however old. A key reads {@code vmk_<id>.<secret>}: the id
 * finds the stored hash, which is compared in constant time.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final String PREFIX = "vmk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String BOOTSTRAP_ID = "bootstrap";
    private static final int MAX_TOKEN = 512;

    /** A key as stored: never the key itself. */
    public record StoredKey(String id, String agency, String name, Set<String> roles, String hash, Instant createdAt,
                            String createdBy, Instant revokedAt) {
    }

    /** A new key, with the one copy of its secret. */
    public record NewKey(StoredKey stored, String key) {
    }

    private record Entry(StoredKey key, long loadedAt) {
    }

    private final Database db;
    private final long ttlNanos;
    private final byte[] bootstrapHash;
    private final String bootstrapAgency;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public ApiKeys(Database db, OperatorAgency operator,
                   @ConfigProperty(name = "voicemail.auth.cache-ttl", defaultValue = "10S") Duration ttl,
                   @ConfigProperty(name = "voicemail.auth.bootstrap-key") Optional<String> bootstrapKey) {
        this.db = db;
        this.ttlNanos = ttl.toNanos();
        this.bootstrapAgency = operator.name();
        String bootstrap = bootstrapKey.map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (bootstrap != null && bootstrap.length() < 16) {
            throw new IllegalStateException("voicemail.auth.bootstrap-key (VOICEMAIL_AUTH_BOOTSTRAP_KEY) must be at least"
                    + " 16 characters; generate one with: openssl rand -base64 32");
        }
        this.bootstrapHash = bootstrap == null ? null : sha256(bootstrap);
    }

    void announce(@Observes StartupEvent start) {
        if (bootstrapHash == null) {
            LOG.warn("No bootstrap admin key is set, so only keys already in the database can call /v1. To manage"
                    + " clients and keys, start with VOICEMAIL_AUTH_BOOTSTRAP_KEY set to a secret of 16+ characters,"
                    + " e.g. VOICEMAIL_AUTH_BOOTSTRAP_KEY=$(openssl rand -base64 32), then call /v1 with"
                    + " 'Authorization: Bearer <that secret>'.");
        }
    }

    /**
     * The caller a key stands for, from memory alone, or that the stored key must first be read
     * from the database ({@link #verify}).
     */
    public KeyCheck verifyCached(String token) {
        if (token.length() > MAX_TOKEN) {
            return new KeyCheck.Decided(Optional.empty());
        }
        byte[] hash = sha256(token);
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return new KeyCheck.Decided(Optional.of(new Caller(BOOTSTRAP_ID, bootstrapAgency, Roles.ALL, true)));
        }
        String id = idOf(token);
        if (id == null) {
            return new KeyCheck.Decided(Optional.empty());
        }
        Entry e = cache.get(id);
        if (e == null) {
            return KeyCheck.NEEDS_LOOKUP;
        }
        if (System.nanoTime() - e.loadedAt > ttlNanos) {
            if (!db.isDown()) {
                return KeyCheck.NEEDS_LOOKUP;
            }
            db.servedLastCopy("key"); // the database is away: the last copy read stands
        }
        return new KeyCheck.Decided(check(e.key, hash));
    }

    /** As {@link #verifyCached}, reading the stored key when needed. Blocking. */
    public Optional<Caller> verify(String token) {
        if (verifyCached(token) instanceof KeyCheck.Decided decided) {
            return decided.caller();
        }
        String id = idOf(token);
        StoredKey key;
        try {
            key = load(id);
        } catch (DatabaseUnavailableException unavailable) {
            Entry last = cache.get(id);
            if (last == null) {
                throw unavailable; // a key this replica has not seen cannot be checked: 503
            }
            db.servedLastCopy("key");
            return check(last.key, sha256(token));
        }
        remember(id, key);
        return check(key, sha256(token));
    }

    private static Optional<Caller> check(StoredKey key, byte[] hash) {
        if (key == null || key.revokedAt() != null
                || !MessageDigest.isEqual(hash, HexFormat.of().parseHex(key.hash()))) {
            return Optional.empty();
        }
        return Optional.of(new Caller(key.id(), key.agency(), key.roles(), false));
    }

    public NewKey create(String agency, String name, Set<String> roles, String createdBy) {
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String key = PREFIX + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        StoredKey stored = new StoredKey(id, agency, name, Set.copyOf(roles), HexFormat.of().formatHex(sha256(key)),
                Instant.now(), createdBy, null);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (id, agency, name, roles, key_hash, created_at,"
                     + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, agency);
            s.setString(3, name);
            s.setString(4, String.join(",", new java.util.TreeSet<>(roles)));
            s.setString(5, stored.hash());
            s.setObject(6, OffsetDateTime.ofInstant(stored.createdAt(), ZoneOffset.UTC));
            s.setString(7, createdBy);
            s.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot store a new key", e);
        }
        remember(id, stored);
        return new NewKey(stored, key);
    }

    public List<StoredKey> list(String agency) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, agency, name, roles, key_hash, created_at, created_by,"
                     + " revoked_at FROM api_keys WHERE agency = ? ORDER BY created_at, id")) {
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

    /** Revokes a key of the agency at once on this replica (others within the cache TTL); false when it has none such. */
    public boolean revoke(String agency, String id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?)"
                     + " WHERE agency = ? AND id = ?")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(2, agency);
            s.setString(3, id);
            boolean found = s.executeUpdate() == 1;
            cache.remove(id);
            return found;
        } catch (SQLException e) {
            throw db.failure("cannot revoke key " + id, e);
        }
    }

    private StoredKey load(String id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, agency, name, roles, key_hash, created_at, created_by,"
                     + " revoked_at FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        } catch (SQLException e) {
            throw db.failure("cannot read key " + id, e);
        }
    }

    private void remember(String id, StoredKey key) {
        if (cache.size() > 100_000) {
            // bound memory when many made-up ids are tried: forget those first, so that the last
            // copies of real keys survive for an outage; real keys are read again
            cache.values().removeIf(e -> e.key == null);
            if (cache.size() > 100_000) {
                cache.clear();
            }
        }
        cache.put(id, new Entry(key, System.nanoTime()));
    }

    private static StoredKey read(ResultSet rs) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new StoredKey(rs.getString("id"), rs.getString("agency"), rs.getString("name"),
                Set.copyOf(new LinkedHashSet<>(Arrays.asList(rs.getString("roles").split(",")))), rs.getString("key_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant());
    }

    /** The id part of a {@code vmk_<id>.<secret>} key, or null when the text is not shaped like one. */
    private static String idOf(String token) {
        if (!token.startsWith(PREFIX)) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot != PREFIX.length() + 16) {
            return null;
        }
        String id = token.substring(PREFIX.length(), dot);
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return null;
            }
        }
        return id;
    }

    static byte[] sha256(String text) {
        return dev.voicemail.api.Digests.sha256(text);
    }
}
