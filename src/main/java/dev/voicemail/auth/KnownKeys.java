package dev.voicemail.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.voicemail.db.Database;
import dev.voicemail.db.LastCopies;

/**
 * Keys as the request path reads them: this replica's copies (fresh for {@code voicemail.auth.cache-ttl},
 * at most {@code voicemail.auth.cache-size}), read through to {@link ApiKeyStore}. While the database
 * is unavailable the last copy read is used, however old; a key revoked here is forgotten at once.
 * Unknown ids are remembered as such, so that a wrong key tried again costs no database read.
 */
@ApplicationScoped
class KnownKeys {

    private final ApiKeyStore store;
    private final LastCopies<String, StoredKey> copies;

    KnownKeys(ApiKeyStore store, Database db, AuthConfig config) {
        this.store = store;
        this.copies = new LastCopies<>(db, "key", config.cacheTtl(), config.cacheSize());
    }

    /** The key from memory (a copy: present, or known to be missing); empty when it must be read. */
    Optional<LastCopies.Copy<StoredKey>> cached(String id) {
        return copies.usable(id);
    }

    /** Reads the key from the database, or its last copy while the database is unavailable. Blocking. */
    Optional<StoredKey> load(String id) {
        return copies.read(id, store::find);
    }

    void remember(StoredKey key) {
        copies.remember(key.id(), key);
    }

    void forget(String id) {
        copies.forget(id);
    }
}
