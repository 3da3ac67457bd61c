package dev.voicemail.clients;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/clients/{id}/history}: the client's changes, newest first. */
@Schema(description = "A client's changes, newest first.")
public record ClientHistory(@Schema(required = true) String clientId, @Schema(required = true) List<ClientChange> items,
                            @Schema(required = true) int page, @Schema(required = true) int size) {
}
