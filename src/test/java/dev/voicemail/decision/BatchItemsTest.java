package dev.voicemail.decision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.JsonSettings;

/**
 * The streaming reader of batch bodies on its own: each object item comes out as exactly its own
 * bytes, whatever the spacing, escapes, multi-byte characters and the sizes the body arrives in.
 */
class BatchItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        new JsonSettings().customize(JSON);
    }

    @Test
    void handsOutEachItemsOwnBytesWhateverTheChunking() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> items = new ArrayList<>();
            StringBuilder body = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "").append(space(random))
                    .append("{").append(space(random)).append("\"requests\"").append(space(random)).append(":")
                    .append(space(random)).append("[");
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String item = item(random, i);
                items.add(item);
                body.append(i == 0 ? "" : ",").append(space(random)).append(item).append(space(random));
            }
            body.append("]").append(space(random)).append("}").append(space(random));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            List<String> read = new ArrayList<>();
            try (BatchItems batch = new BatchItems(JSON, new Trickle(bytes, random), 10_000)) {
                BatchItems.Item item;
                while ((item = batch.next()) != null) {
                    read.add(item.json() == null ? null : new String(item.json(), StandardCharsets.UTF_8));
                }
                assertEquals(n, batch.count());
            }
            for (int i = 0; i < n; i++) {
                String expected = items.get(i).startsWith("{") ? items.get(i) : null;
                assertEquals(expected, read.get(i), "round " + round + ", item " + i);
            }
        }
    }

    @Test
    void keepsOnlyAboutOneItemInMemory() throws IOException {
        // 50,000 items of about 1 KB: the reader's buffer stays near the parser's read-ahead
        StringBuilder body = new StringBuilder("{\"requests\":[");
        String item = "{\"clientId\":\"c\",\"prospect\":{\"id\":\"" + "p".repeat(1000) + "\"}}";
        for (int i = 0; i < 50_000; i++) {
            body.append(i == 0 ? "" : ",").append(item);
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        BatchItems.Recorder[] recorder = new BatchItems.Recorder[1];
        try (BatchItems batch = new BatchItems(JSON, new ByteArrayInputStream(bytes), 100_000)) {
            BatchItems.Item next;
            while ((next = batch.next()) != null) {
                assertArrayEquals(item.getBytes(StandardCharsets.UTF_8), next.json());
            }
            assertEquals(50_000, batch.count());
            recorder[0] = batch.recorder();
        }
        assertEquals(16 * 1024, recorder[0].capacity(), "the buffer never grew");
    }

    @Test
    void anItemPastTheSizeLimitFailsAloneWithoutBeingHeld() throws IOException {
        String small = "{\"clientId\":\"c\"}";
        String huge = "{\"clientId\":\"c\",\"attempts\":[" + "{\"at\":\"2026-11-20T10:00:00Z\"},".repeat(100_000) + "{}]}";
        String spacing = " ".repeat(3 * BatchItems.MAX_ITEM_BYTES);
        String body = "{\"requests\":[" + small + "," + huge + "," + spacing + small + spacing + "," + huge + "]}";
        try (BatchItems batch = new BatchItems(JSON, new Trickle(body.getBytes(StandardCharsets.UTF_8), new Random(7)), 10)) {
            assertEquals(small, new String(batch.next().json(), StandardCharsets.UTF_8));
            BatchItems.Item tooLarge = batch.next();
            assertNull(tooLarge.json());
            assertEquals(413, tooLarge.refused().status());
            // spacing, however long, is not part of an item
            assertEquals(small, new String(batch.next().json(), StandardCharsets.UTF_8));
            assertEquals(413, batch.next().refused().status());
            assertNull(batch.next());
            assertTrue(batch.recorder().capacity() <= 4 * BatchItems.MAX_ITEM_BYTES, "buffer of " + batch.recorder().capacity());
        }
    }

    @Test
    void stopsAtTheItemPastTheLimitWithoutReadingFurther() throws IOException {
        String body = "{\"requests\":[{},{},{},{ this is never read";
        try (BatchItems batch = new BatchItems(JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 3)) {
            for (int i = 0; i < 3; i++) {
                batch.next();
            }
            ApiException e = assertThrows(ApiException.class, batch::next);
            assertEquals(413, e.status());
            assertEquals("requests", e.field());
        }
    }

    @Test
    void refusesMalformedBodies() {
        assertEquals("requests", refused("").field());
        assertEquals("requests", refused("{}").field());
        assertEquals("requests", refused("[]").field());
        assertEquals("requests", refused("{\"requests\": null}").field());
        assertEquals("requests", refused("{\"requests\": {}}").field());
        assertEquals("request", refused("{\"request\": []}").field());
        assertEquals("other", refused("{\"requests\": [], \"other\": 1}").field());
        assertEquals("requests", refused("{\"requests\": [], \"requests\": []}").field());
        assertEquals(400, refused("{\"requests\": []} {}").status());
        // syntax errors and parser limits anywhere fail the whole body, also after good items
        assertThrows(JsonProcessingException.class, () -> readAll("{\"requests\": [{}, {}, {\"a\": }]}"));
        assertThrows(JsonProcessingException.class, () -> readAll("{\"requests\": [{}, {}"));
        assertThrows(JsonProcessingException.class, () -> readAll("{\"requests\": [{}, {}]"));
        assertThrows(StreamConstraintsException.class, () -> readAll("{\"requests\": [" + "[".repeat(40) + "]".repeat(40) + "]}"));
        assertThrows(StreamConstraintsException.class, () -> readAll("{\"a\":".repeat(1000)));
    }

    @Test
    void wantsUtf8() throws IOException {
        ApiException e = assertThrows(ApiException.class, () -> {
            try (BatchItems batch = new BatchItems(JSON,
                    new ByteArrayInputStream("{\"requests\": [{}]}".getBytes(StandardCharsets.UTF_16BE)), 10)) {
                batch.next();
            }
        });
        assertEquals("send the batch as UTF-8 JSON", e.getMessage());
    }

    @Test
    void leavesDuplicateKeysInsideAnItemToThatItem() throws IOException {
        assertEquals(List.of("{\"a\":1,\"a\":2}", "{}"), readAll("{\"requests\": [{\"a\":1,\"a\":2}, {}]}"));
    }

    private static ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> readAll(body));
    }

    private static List<String> readAll(String body) throws IOException {
        List<String> items = new ArrayList<>();
        try (BatchItems batch = new BatchItems(JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 10_000)) {
            BatchItems.Item item;
            while ((item = batch.next()) != null) {
                items.add(item.json() == null ? null : new String(item.json(), StandardCharsets.UTF_8));
            }
        }
        return items;
    }

    private static String space(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\n  ";
            default -> " \t\r\n ".repeat(1 + random.nextInt(3000)); // spacing longer than the parser's read-ahead
        };
    }

    private static String item(Random random, int i) {
        return switch (random.nextInt(8)) {
            case 0 -> "\"not an object " + i + "\"";
            case 1 -> "[1, [2, {\"x\": 3}], \"]}\"]";
            case 2 -> "null";
            case 3 -> String.valueOf(i);
            default -> "{\"clientId\": \"c-" + i + "\", \"prospect\": {\"id\": \"p \\\"}]\\\\ " + "é€😀".repeat(random.nextInt(3))
                    + "\"}, \"attempts\": [" + "{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\"},".repeat(random.nextInt(400))
                    + "{\"nested\": {\"deeper\": [1, 2.5e3, true, null]}}]}";
        };
    }

    /** Hands the body out in random small pieces, as a network read does. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int at;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - at), 1 + random.nextInt(random.nextBoolean() ? 7 : 20_000));
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void endsWithNullAfterTheLastItem() throws IOException {
        try (BatchItems batch = new BatchItems(JSON, new ByteArrayInputStream("{\"requests\":[]}".getBytes(StandardCharsets.UTF_8)), 5)) {
            assertNull(batch.next());
            assertNull(batch.next());
        }
    }
}
