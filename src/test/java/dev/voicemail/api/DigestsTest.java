package dev.voicemail.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The one SHA-256 helper gives the standard's answers (FIPS 180-2 test vectors), text taken as UTF-8. */
class DigestsTest {

    @Test
    void knownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digests.sha256Hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256Hex("abc"));
    }

    @Test
    void textIsDigestedAsUtf8() {
        assertEquals("d43ea53cf16a93c4c18668639b3bacd9b37809a8985ff521f22fe87e081b610e", Digests.sha256Hex("prospect-é"));
        assertArrayEquals(Digests.sha256("prospect-é".getBytes(StandardCharsets.UTF_8)), Digests.sha256("prospect-é"));
    }

    @Test
    void aDigestInPartsEqualsTheWhole() {
        MessageDigest parts = Digests.sha256();
        parts.update("a".getBytes(StandardCharsets.UTF_8));
        parts.update("bc".getBytes(StandardCharsets.UTF_8));
        assertEquals(Digests.sha256Hex("abc"), HexFormat.of().formatHex(parts.digest()));
        MessageDigest unfinished = Digests.sha256();
        unfinished.update((byte) 'x');
        assertEquals(Digests.sha256Hex("abc"), HexFormat.of().formatHex(Digests.sha256().digest("abc".getBytes(StandardCharsets.UTF_8))),
                "each call is a digest of its own, untouched by another caller's input");
    }
}
