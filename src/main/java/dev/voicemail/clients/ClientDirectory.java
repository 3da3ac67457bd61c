package dev.voicemail.clients;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.voicemail.db.Database;
import dev.voicemail.db.DatabaseUnavailableException;

/**
 * Clients as the decision path reads them: from memory when fresh, so that a decision costs no
 * database round trip. Changes made here are seen at once; changes made by another replica within
 * {@code voicemail.clients.cache-ttl}. While the database is unavailable, the last copy read is
 * served however old it is (a policy engine keeps its last good bundle), so that decisions for
 * clients this replica has seen keep coming; only unseen clients get a 503.
 */
@ApplicationScoped
public class ClientDirectory {

    private record Entry(Client client, long loadedAt) {
    }

    private final ClientRepository repository;
    private final Database db;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public ClientDirectory(ClientRepository repository, Database db,
                           @ConfigProperty(name = "voicemail.clients.cache-ttl", defaultValue = "2S") Duration ttl) {
        this.repository = repository;
        this.db = db;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The client if memory holds a fresh copy, or any copy while the database is known to be away
     * (known missing: empty); null when the database must be asked.
     */
    public Optional<Client> cached(String agency, String id) {
        Entry e = cache.get(key(agency, id));
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.loadedAt > ttlNanos) {
            if (!db.isDown()) {
                return null;
            }
            db.servedLastCopy("client");
        }
        return Optional.ofNullable(e.client);
    }

    /**
     * Reads through to the database; if it is unavailable, the last copy read (503 when there is
     * none). Blocking: call it off the event loop.
     */
    public Optional<Client> load(String agency, String id) {
        Optional<Client> client;
        try {
            client = repository.find(agency, id);
        } catch (DatabaseUnavailableException unavailable) {
            Entry last = cache.get(key(agency, id));
            if (last == null) {
                throw unavailable;
            }
            db.servedLastCopy("client");
            return Optional.ofNullable(last.client);
        }
        remember(agency, id, client.orElse(null));
        return client;
    }

    void remember(String agency, String id, Client client) {
        if (cache.size() > 100_000) {
            // bound memory when many ids are probed: forget the misses first, so that the last copies
            // of real clients survive for an outage; the next reads refill what is dropped
            cache.values().removeIf(e -> e.client == null);
            if (cache.size() > 100_000) {
                cache.clear();
            }
        }
        cache.put(key(agency, id), new Entry(client, System.nanoTime()));
    }

    private static String key(String agency, String id) {
        return agency + '\u0000' + id;
    }
}
