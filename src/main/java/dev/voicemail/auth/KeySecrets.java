package dev.voicemail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The text of a key, {@code vmk_<id>.<secret>}: a new one made from random bytes, its id read back,
 * and its SHA-256 (what is stored) compared in constant time. No state.
 */
final class KeySecrets {

    private static final String PREFIX = "vmk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longer is no key of ours; not worth hashing. */
    static final int MAX_LENGTH = 512;

    /** A new key: 8 random bytes of id (hex), 32 of secret (base64url). */
    record NewSecret(String id, String key) {
    }

    private KeySecrets() {
    }

    static NewSecret generate() {
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        return new NewSecret(id, PREFIX + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes));
    }

    /** The id part of a {@code vmk_<id>.<secret>} key, or null when the text is not shaped like one. */
    static String idOf(String token) {
        if (!token.startsWith(PREFIX)) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot != PREFIX.length() + 16) {
            return null;
        }
        String id = token.substring(PREFIX.length(), dot);
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return null;
            }
        }
        return id;
    }

    /** Whether the hash of a presented key is the stored one (hex), in constant time. */
    static boolean matches(byte[] hash, String storedHex) {
        return MessageDigest.isEqual(hash, HexFormat.of().parseHex(storedHex));
    }

    static byte[] sha256(String text) {
        return dev.voicemail.api.Digests.sha256(text);
    }
}
