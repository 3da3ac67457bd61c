package dev.voicemail.db;

/**
 * A write was committed, but H2 then refused to write it to its file (CHECKPOINT): it is in the
 * database, and read back as such, yet a crash before H2's next background write could lose it. The
 * caller is answered 503 {@code database_unavailable} with Retry-After, as for a database that does
 * not answer: the write is not acknowledged, and whoever wrote it makes sending it again harmless.
 * Thrown by the {@code close()} of a {@link Database#connection()} outside a JTA transaction.
 */
public class NotCheckpointedException extends DatabaseUnavailableException {

    public NotCheckpointedException(Throwable cause) {
        super("committed, but not written to the database file (CHECKPOINT refused)", cause);
    }
}
