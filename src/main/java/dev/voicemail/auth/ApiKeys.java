package dev.voicemail.auth;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.voicemail.db.NotCheckpointedException;

import io.quarkus.runtime.StartupEvent;

/**
 * API keys: created with a random secret that is shown once and stored as its SHA-256 only
 * ({@link KeySecrets}, {@link ApiKeyStore}), and verified against this replica's copy of the stored
 * key ({@link KnownKeys}), so that a decision costs no database round trip. The bootstrap key
 * comes from configuration and is never stored.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    static final String BOOTSTRAP_ID = "bootstrap";

    /** A new key, with the one copy of its secret. */
    public record NewKey(StoredKey stored, String key) {
    }

    private final ApiKeyStore store;
    private final KnownKeys known;
    private final byte[] bootstrapHash;
    private final String bootstrapAgency;

    ApiKeys(ApiKeyStore store, KnownKeys known, OperatorAgency operator, AuthConfig config) {
        this.store = store;
        this.known = known;
        this.bootstrapAgency = operator.name();
        String bootstrap = config.bootstrapKey().map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (bootstrap != null && bootstrap.length() < 16) {
            throw new IllegalStateException("voicemail.auth.bootstrap-key (VOICEMAIL_AUTH_BOOTSTRAP_KEY) must be at least"
                    + " 16 characters; generate one with: openssl rand -base64 32");
        }
        this.bootstrapHash = bootstrap == null ? null : KeySecrets.sha256(bootstrap);
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
        if (token.length() > KeySecrets.MAX_LENGTH) {
            return new KeyCheck.Decided(Optional.empty());
        }
        byte[] hash = KeySecrets.sha256(token);
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return new KeyCheck.Decided(Optional.of(new Caller(BOOTSTRAP_ID, bootstrapAgency, Roles.ALL, true)));
        }
        String id = KeySecrets.idOf(token);
        if (id == null) {
            return new KeyCheck.Decided(Optional.empty());
        }
        return known.cached(id)
                .<KeyCheck>map(copy -> new KeyCheck.Decided(check(copy.found(), hash)))
                .orElse(KeyCheck.NEEDS_LOOKUP);
    }

    /**
     * As {@link #verifyCached}, reading the stored key when needed (during an outage: its last
     * copy, or 503 for a key this replica has not seen). Blocking.
     */
    public Optional<Caller> verify(String token) {
        if (verifyCached(token) instanceof KeyCheck.Decided decided) {
            return decided.caller();
        }
        return check(known.load(KeySecrets.idOf(token)), KeySecrets.sha256(token));
    }

    private static Optional<Caller> check(Optional<StoredKey> stored, byte[] hash) {
        return stored.filter(key -> key.revokedAt() == null && KeySecrets.matches(hash, key.hash()))
                .map(key -> new Caller(key.id(), key.agency(), key.roles(), false));
    }

    public NewKey create(String agency, String name, Set<String> roles, String createdBy) {
        KeySecrets.NewSecret secret = KeySecrets.generate();
        StoredKey stored = new StoredKey(secret.id(), agency, name, Set.copyOf(roles),
                HexFormat.of().formatHex(KeySecrets.sha256(secret.key())), Instant.now(), createdBy, null);
        try {
            store.insert(stored);
        } catch (NotCheckpointedException e) {
            // committed, but not acknowledged (503): its secret goes to nobody, so the key is taken back, and the
            // caller's retry leaves one key, not a second one beside an orphan listed as working
            known.forget(stored.id());
            try {
                store.discard(stored.id());
            } catch (RuntimeException undone) {
                e.addSuppressed(undone);
                LOG.errorf("Key %s, created but not acknowledged, could not be deleted (%s); nobody has its secret",
                        stored.id(), undone);
            }
            throw e;
        }
        known.remember(stored);
        return new NewKey(stored, secret.key());
    }

    public List<StoredKey> list(String agency) {
        return store.list(agency);
    }

    /**
     * Revokes a key of the agency at once on this replica (others within the cache TTL); false when it has none such.
     * The copy is forgotten even when the revocation fails: one committed but not acknowledged (503, its checkpoint
     * refused) is in force all the same, and revoking again is harmless.
     */
    public boolean revoke(String agency, String id) {
        try {
            return store.revoke(agency, id);
        } finally {
            known.forget(id);
        }
    }
}
