package dev.voicemail.auth;

import java.time.Instant;
import java.util.Set;

/** A key as stored: its SHA-256 ({@code hash}, hex), never the key itself. */
public record StoredKey(String id, String agency, String name, Set<String> roles, String hash, Instant createdAt,
                        String createdBy, Instant revokedAt) {
}
