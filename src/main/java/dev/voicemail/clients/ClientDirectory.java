package dev.voicemail.clients;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Clients as the decision path reads them: from memory when fresh, so that a decision costs no
 * database round trip. Changes made here are seen at once; changes made by another replica within
 * {@code voicemail.clients.cache-ttl}.
 */
@ApplicationScoped
public class ClientDirectory {

    private record Entry(Client client, long loadedAt) {
    }

    private final ClientRepository repository;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public ClientDirectory(ClientRepository repository,
                           @ConfigProperty(name = "voicemail.clients.cache-ttl", defaultValue = "2S") Duration ttl) {
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
    }

    /** The client if memory holds a fresh copy (known missing: empty); null when the database must be asked. */
    public Optional<Client> cached(String agency, String id) {
        Entry e = cache.get(key(agency, id));
        if (e == null || System.nanoTime() - e.loadedAt > ttlNanos) {
            return null;
        }
        return Optional.ofNullable(e.client);
    }

    /** Reads through to the database. Blocking: call it off the event loop. */
    public Optional<Client> load(String agency, String id) {
        Optional<Client> client = repository.find(agency, id);
        remember(agency, id, client.orElse(null));
        return client;
    }

    void remember(String agency, String id, Client client) {
        if (cache.size() > 100_000) {
            cache.clear(); // bound memory when many ids are probed; the next reads refill it
        }
        cache.put(key(agency, id), new Entry(client, System.nanoTime()));
    }

    private static String key(String agency, String id) {
        return agency + '\u0000' + id;
    }
}
