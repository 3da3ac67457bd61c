package dev.voicemail.clients;

/**
 * A client was deleted: fired inside the deletion's transaction, so that what hangs on the client
 * (its running experiment) ends with it, or not at all. Observers run synchronously, in that transaction.
 */
public record ClientDeleted(String agency, String clientId) {
}
