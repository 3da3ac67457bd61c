package dev.voicemail.decision;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;

/**
 * Reads {@code {"requests": [ ... ]}} from the request body as it arrives and hands out each item's
 * own JSON bytes, so that a 24 MB batch is never held whole (neither as text nor as a tree) and each
 * item can be parsed and checked on its own, exactly as a single {@code POST /v1/decisions} body is:
 * a duplicate key, an unknown field or a wrong type in one item fails that item alone.
 *
 * <p>This scan only tokenises the body: a syntax error, nesting past the depth limit, an over-long
 * number or trailing content fails the whole body (a {@code JsonProcessingException}); a body of
 * another shape, or more than {@code max} items, is an {@link ApiException}. The 413 for too many
 * items comes as soon as item {@code max + 1} starts: the rest is not read.
 */
final class BatchItems implements AutoCloseable {

    /**
     * The largest item kept for its own parse: a request with the most attempts allowed (1,000) is about
     * 150 KB. A larger item fails alone, and is skipped without being held in memory.
     */
    static final int MAX_ITEM_BYTES = 1 << 20;

    /**
     * One batch item: its JSON text when it is an object of at most {@link #MAX_ITEM_BYTES}, else null
     * and why it is refused.
     */
    record Item(byte[] json, BatchError refused) {
    }

    private static final Item NOT_AN_OBJECT = new Item(null,
            new BatchError(400, "invalid_request", "each request must be an object", null));
    private static final Item TOO_LARGE = new Item(null,
            new BatchError(413, "limit_exceeded", "a request in a batch is at most " + MAX_ITEM_BYTES + " bytes", null));

    private final Recorder body;
    private final JsonParser parser;
    private final int max;
    private int count;
    private boolean inArray;
    private boolean done;

    BatchItems(ObjectMapper json, InputStream in, int max) throws IOException {
        this.body = new Recorder(in, MAX_ITEM_BYTES);
        // the whole batch is many documents' worth of tokens; each item's own parse keeps the token limit
        this.parser = dev.voicemail.api.JsonSettings.withoutTokenLimit(json).createParser(body);
        // Duplicate keys inside an item are that item's error (its own parse finds them); at the top level,
        // where the only field is "requests", a second "requests" is caught below.
        this.parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.max = max;
    }

    /** The next item, or null after the last one (the rest of the body then checked to be a proper end). */
    Item next() throws IOException {
        if (done) {
            return null;
        }
        if (!inArray) {
            openArray();
        }
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            finish();
            return null;
        }
        if (count == max) {
            throw new ApiException(413, "limit_exceeded", "at most " + max + " requests per batch", "requests");
        }
        count++;
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren(); // an array item still counts against the depth limit
            body.discardBefore(parser.currentLocation().getByteOffset());
            return NOT_AN_OBJECT;
        }
        long start = parser.currentTokenLocation().getByteOffset();
        body.discardBefore(start);
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset(); // just past the item's closing brace
        byte[] item = body.copy(start, end);
        body.discardBefore(end);
        return item == null ? TOO_LARGE : new Item(item, null);
    }

    /** Items handed out so far. */
    int count() {
        return count;
    }

    /** For tests: the buffer behind the items. */
    Recorder recorder() {
        return body;
    }

    private void openArray() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw shape();
        }
        if (parser.currentTokenLocation().getByteOffset() < 0) {
            // the parser auto-detected UTF-16 or UTF-32, whose positions are not byte positions
            throw ApiException.badRequest(null, "send the batch as UTF-8 JSON");
        }
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("requests")) {
                parser.skipChildren(); // a value nested past the depth limit is refused as such (413)
                throw new ApiException(400, "unknown_field", "unknown field '" + name + "'", name);
            }
            if (value == JsonToken.START_ARRAY) {
                inArray = true;
                return;
            }
            if (value == JsonToken.VALUE_NULL) {
                throw shape();
            }
            throw new ApiException(400, "invalid_field", "wrong type or shape: must be an array", "requests");
        }
        if (t == JsonToken.END_OBJECT) {
            throw shape(); // no "requests" at all
        }
        throw shape(); // not reached: the parser reports any other token as malformed JSON
    }

    /** After the items: only other fields' absence and the end of the body may follow. */
    private void finish() throws IOException {
        done = true;
        JsonToken t = parser.nextToken();
        if (t == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            parser.skipChildren();
            if (name.equals("requests")) {
                throw ApiException.badRequest("requests", "duplicate field 'requests'");
            }
            throw new ApiException(400, "unknown_field", "unknown field '" + name + "'", name);
        }
        // t is END_OBJECT here: the parser itself refuses anything else
        if (parser.nextToken() != null) {
            throw ApiException.badRequest(null, "the body is not valid JSON: content after the end of the batch");
        }
    }

    private static ApiException shape() {
        return ApiException.badRequest("requests", "the body must be {\"requests\": [ ... ]}");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * The body's bytes from the start of the current item on (the parser reads ahead a few KB), so
     * that an item's bytes can be copied out once the parser has found its end; at most about
     * {@code limit} bytes of them: the start of a longer item is dropped.
     */
    static final class Recorder extends InputStream {
        private final InputStream in;
        private final int limit;
        private byte[] buf = new byte[16 * 1024];
        private long base; // body offset of buf[0]
        private int len;
        private long keepFrom;

        Recorder(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                append(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            int r = in.read(b, off, n);
            if (r > 0) {
                append(b, off, r);
            }
            return r;
        }

        private void append(byte[] b, int off, int n) {
            if (base + len + n - keepFrom > limit) {
                keepFrom = base + len; // the item in hand is too large: keep only what comes now
            }
            if (len + n > buf.length) {
                compact();
                if (len + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
                }
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        int capacity() {
            return buf.length;
        }

        /** The bytes between two body offsets, or null if their start was dropped (the item is too large). */
        byte[] copy(long from, long to) {
            if (from < keepFrom) {
                return null;
            }
            return Arrays.copyOfRange(buf, (int) (from - base), (int) (to - base));
        }

        /** Bytes before this body offset are no longer needed (dropped when the buffer next fills up). */
        void discardBefore(long offset) {
            keepFrom = Math.max(keepFrom, offset);
        }

        private void compact() {
            int drop = (int) (keepFrom - base);
            if (drop > 0) {
                System.arraycopy(buf, drop, buf, 0, len - drop);
                len -= drop;
                base = keepFrom;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
