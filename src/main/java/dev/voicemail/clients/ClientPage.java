package dev.voicemail.clients;

import java.util.List;

/** One page of {@code GET /v1/clients}. */
public record ClientPage(List<Client> items, int page, int size, long total) {
}
