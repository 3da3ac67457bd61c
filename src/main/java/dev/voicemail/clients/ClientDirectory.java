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
     * What memory can tell without the database: a fresh copy of the client (or of its absence), or
     * any copy while the database is known to be away. Empty: only the database can tell ({@link #load}).
     * Never blocks.
     */
    public Optional<LastCopies.Copy<Client>> cached(String agency, String id) {
        return copies.usable(new Key(agency, id));
    }

    /** The client, from memory when it can tell, else from the database. Blocking: call it off the event loop. */
    public Optional<Client> find(String agency, String id) {
        return cached(agency, id).map(LastCopies.Copy::found).orElseGet(() -> load(agency, id));
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
