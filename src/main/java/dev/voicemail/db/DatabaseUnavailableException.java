package dev.voicemail.db;

/** The database is unreachable, too slow or shutting down: answered 503, to be retried. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String what, Throwable cause) {
        super(what, cause);
    }
}
