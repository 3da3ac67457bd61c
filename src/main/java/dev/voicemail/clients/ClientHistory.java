package dev.voicemail.clients;

import java.util.List;

/** {@code GET /v1/clients/{id}/history}: the client's changes, newest first. */
public record ClientHistory(String clientId, List<ClientChange> items, int page, int size) {
}
