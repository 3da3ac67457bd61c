package dev.voicemail.experiments;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.voicemail.clients.ClientDeleted;
import dev.voicemail.clients.ClientsConfig;
import dev.voicemail.db.Database;
import dev.voicemail.db.LastCopies;
import dev.voicemail.decision.ExperimentArms;

/**
 * The running experiment of each client as the decision path reads it: from this replica's copies,
 * kept as the clients' are ({@link LastCopies}, {@code voicemail.clients.cache-ttl} and
 * {@code cache-size}), so that a decision costs no extra database read. A client without an experiment
 * is remembered as such (a miss). A start or stop made here is seen at once; one made on another
 * replica within the cache's time to live. Per decision the cost is one in-memory lookup and, for a
 * client with a running experiment, one SHA-256 of the ids (about a microsecond).
 */
@ApplicationScoped
public class ExperimentDirectory implements ExperimentArms {

    private record Key(String agency, String clientId) {
    }

    private final ExperimentRepository repository;
    private final LastCopies<Key, Experiment> copies;

    public ExperimentDirectory(ExperimentRepository repository, Database db, ClientsConfig config) {
        this.repository = repository;
        this.copies = new LastCopies<>(db, "experiment", config.cacheTtl(), config.cacheSize());
    }

    @Override
    public boolean known(String agency, String clientId) {
        return copies.usable(new Key(agency, clientId)).isPresent();
    }

    @Override
    public Optional<Arm> armOf(String agency, String clientId, String prospectId) {
        Key key = new Key(agency, clientId);
        Optional<Experiment> running = copies.usable(key).map(LastCopies.Copy::found)
                .orElseGet(() -> copies.read(key, k -> repository.running(k.agency(), k.clientId())));
        return running.map(e -> {
            dev.voicemail.experiments.Arm arm = e.arms().get(ArmAssignment.armIndex(agency, clientId, e.id(), prospectId, e.arms()));
            return new Arm(e.id(), arm.name(), arm.policy(), arm.parameters());
        });
    }

    /** A deleted client's experiment stopped with it (ExperimentRepository): read again at its next decision. */
    void clientDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientDeleted gone) {
        forget(gone.agency(), gone.clientId());
    }

    /** What runs for the client is read from the database at its next decision (after a stop). */
    void forget(String agency, String clientId) {
        copies.forget(new Key(agency, clientId));
    }

    /** What this replica just changed: the client's running experiment, or none. */
    void remember(String agency, String clientId, Experiment running) {
        copies.remember(new Key(agency, clientId), running);
    }
}
