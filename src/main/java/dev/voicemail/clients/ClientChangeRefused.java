package dev.voicemail.clients;

/**
 * A change to a client that the store refused as asked: its If-Match no longer holds, or the client
 * kept changing under it. A domain outcome of the repository; {@link ClientResource} says it in HTTP.
 */
public final class ClientChangeRefused extends RuntimeException {

    public enum Why {
        /** If-Match named a version, but there is no such client. */
        NO_CLIENT_TO_MATCH,
        /** The client is no longer at the version If-Match named. */
        STALE_VERSION,
        /** Every retry lost the race to another writer. */
        KEPT_CHANGING
    }

    private final Why why;
    private final String clientId;
    private final long expectedVersion;

    ClientChangeRefused(Why why, String clientId, long expectedVersion) {
        super(why + " " + clientId, null, false, false);
        this.why = why;
        this.clientId = clientId;
        this.expectedVersion = expectedVersion;
    }

    public Why why() {
        return why;
    }

    public String clientId() {
        return clientId;
    }

    /** The version If-Match named (for {@link Why#STALE_VERSION}). */
    public long expectedVersion() {
        return expectedVersion;
    }
}
