package dev.voicemail.clients;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of {@code GET /v1/clients}. */
@Schema(description = "One page of the agency's clients.")
public record ClientPage(@Schema(required = true) List<Client> items, @Schema(required = true) int page,
                         @Schema(required = true) int size,
                         @Schema(required = true, description = "Clients in all pages.") long total) {
}
