package dev.voicemail.clients;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.voicemail.db.Database;
import dev.voicemail.db.LastCopies;

/**
 * Clients as the decision path reads them: from this replica's copies when fresh, so that a decision
 * costs no database round trip. Changes made here are seen at once; changes made by another replica
 * within {@code voicemail.clients.cache-ttl}. While the database is unavailable, the last copy read is
 * served however old it is (a policy engine keeps its last good bundle), so that decisions for
 * clients this replica has seen keep coming; only unseen clients get a 503. At most
 * {@code voicemail.clients.cache-size} copies are kept ({@link LastCopies}).
 */
@ApplicationScoped
public class ClientDirectory {

    private record Key(String agency, String id) {
    }

    private final ClientRepository repository;
    private final LastCopies<Key, Client> copies;

    public ClientDirectory(ClientRepository repository, Database db, ClientsConfig config) {
        this.repository = repository;
        this.copies = new LastCopies<>(db, "client", config.cacheTtl(), config.cacheSize());
    }

    /**
     * The client if memory holds a fresh copy, or any copy while the database is known to be away
     * (known missing: empty); null when the database must be asked.
     */
    public Optional<Client> cached(String agency, String id) {
        return copies.usable(new Key(agency, id)).map(LastCopies.Copy::found).orElse(null);
    }

    /**
     * Reads through to the database; if it is unavailable, the last copy read (503 when there is
     * none). Blocking: call it off the event loop.
     */
    public Optional<Client> load(String agency, String id) {
        return copies.read(new Key(agency, id), k -> repository.find(k.agency(), k.id()));
    }

    /** What this replica just wrote (null: deleted), seen at once by its decisions. */
    void remember(String agency, String id, Client client) {
        copies.remember(new Key(agency, id), client);
    }
}
