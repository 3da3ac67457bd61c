package dev.voicemail.decisionlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;

import dev.voicemail.decision.DecisionInput;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Rep;

/**
 * The form in which the decision log keeps a validated request: Smile (Jackson's binary JSON) for the
 * few fields of the call, and the attempts packed in one binary value, six unsigned varints per attempt
 * {@code [seconds since the previous attempt (the first: since the epoch; zigzag, as it may be
 * negative), nano, channel, outcome, direction, decisionMaker (0/1)]}, where channel, outcome and
 * direction index the value's own tables of the names used ({@code channels}, {@code outcomes},
 * {@code directions}): no text or time is parsed to read it back, and the names kept make the form
 * independent of the enums' order. Impact's replay reads a 500-attempt history from it in a few
 * microseconds, where the first form (format 1, the same six numbers as Smile integer tokens, still
 * read) took a quarter of a replay worker's time (bench/NOTES.md, sessions 23 and 24). What a reader
 * shows is still the request body, made from the input this gives back ({@link DecisionLogRepository#request}).
 */
final class LoggedInput {

    /** The version of this form, first in every value; a reader refuses one it does not know. */
    static final int FORMAT = 2;
    /** The first form, logged by the service before format 2: attempts as a flat Smile array of integers. */
    private static final int FORMAT_1 = 1;
    /**
     * How the form is kept in the log's text column {@code request}: this prefix, then the Smile bytes
     * in base64. A text column, not a new binary one, because adding a column makes H2 copy the whole
     * table in one transaction, which ran the service out of its 160 MB heap on a 700 MB log at the
     * upgrade (bench/NOTES.md, session 22). JSON, the form of rows logged before, starts with '{'.
     */
    static final String TEXT_PREFIX = "smile2:";
    /** The prefix of format 1's rows, which stay in the log until retention removes them. */
    private static final String TEXT_PREFIX_1 = "smile1:";
    private static final int PREFIX_LENGTH = TEXT_PREFIX.length();

    /** The input as the log's {@code request} text. */
    static String text(DecisionInput in) {
        return TEXT_PREFIX + java.util.Base64.getEncoder().encodeToString(write(in));
    }

    /** True when a logged {@code request} is in this form (else it is the JSON of an older row). */
    static boolean isText(String request) {
        return request != null && (request.startsWith(TEXT_PREFIX) || request.startsWith(TEXT_PREFIX_1));
    }

    /** The input of a logged {@code request} in this form. */
    static DecisionInput fromText(String request) {
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(request.substring(PREFIX_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a logged request is unreadable: " + e.getMessage(), e);
        }
        return read(bytes);
    }

    // raw binary: the packed attempts as they are, not re-encoded in 7-bit groups
    private static final SmileFactory SMILE = SmileFactory.builder()
            .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build();
    private static final Channel[] CHANNELS = Channel.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final Direction[] DIRECTIONS = Direction.values();

    private LoggedInput() {
    }

    static byte[] write(DecisionInput in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 8 * in.attempts().size());
        // each name's index in its table, by the enum's ordinal (-1: not used)
        int[] channel = unused(CHANNELS.length), outcome = unused(OUTCOMES.length), direction = unused(DIRECTIONS.length);
        List<String> channels = new ArrayList<>(), outcomes = new ArrayList<>(), directions = new ArrayList<>();
        for (DecisionInput.Touch t : in.attempts()) {
            index(channel, channels, t.channel());
            index(outcome, outcomes, t.outcome());
            index(direction, directions, t.direction());
        }
        try (JsonGenerator g = SMILE.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT);
            g.writeStringField("clientId", in.clientId());
            g.writeStringField("prospectId", in.prospectId());
            if (in.prospectZone() != null) {
                g.writeStringField("zone", in.prospectZone().getId());
            }
            g.writeArrayFieldStart("callAt");
            g.writeNumber(in.callAt().getEpochSecond());
            g.writeNumber(in.callAt().getNano());
            g.writeEndArray();
            g.writeNumberField("remaining", in.remainingAttemptsToday());
            if (in.rep().name() != null) {
                g.writeStringField("repName", in.rep().name());
            }
            if (in.rep().phone() != null) {
                g.writeStringField("repPhone", in.rep().phone());
            }
            names(g, "channels", channels);
            names(g, "outcomes", outcomes);
            names(g, "directions", directions);
            Packed packed = new Packed(6 * in.attempts().size());
            long previous = 0;
            for (DecisionInput.Touch t : in.attempts()) {
                long seconds = t.at().getEpochSecond();
                packed.zigzag(seconds - previous);
                previous = seconds;
                packed.varint(t.at().getNano());
                packed.varint(channel[t.channel().ordinal()]);
                packed.varint(outcome[t.outcome().ordinal()]);
                packed.varint(direction[t.direction().ordinal()]);
                packed.varint(t.decisionMaker() ? 1 : 0);
            }
            g.writeFieldName("attempts");
            g.writeBinary(packed.bytes, 0, packed.length);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a logged request", e);
        }
        return out.toByteArray();
    }

    private static int[] unused(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        return a;
    }

    private static void index(int[] byOrdinal, List<String> names, Enum<?> value) {
        if (byOrdinal[value.ordinal()] < 0) {
            byOrdinal[value.ordinal()] = names.size();
            names.add(value.name());
        }
    }

    private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
    }

    static DecisionInput read(byte[] bytes) {
        try (JsonParser p = SMILE.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the request");
            String clientId = null, prospectId = null, repName = null, repPhone = null;
            ZoneId zone = null;
            Instant callAt = null;
            Integer remaining = null, format = null;
            boolean packed = false;
            Channel[] channels = null;
            Outcome[] outcomes = null;
            Direction[] directions = null;
            List<DecisionInput.Touch> attempts = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "v" -> format = p.getIntValue();
                    case "clientId" -> clientId = p.getText();
                    case "prospectId" -> prospectId = p.getText();
                    case "zone" -> zone = ZoneId.of(p.getText());
                    case "callAt" -> {
                        expect(value, JsonToken.START_ARRAY, "callAt");
                        long seconds = nextLong(p, "callAt");
                        callAt = Instant.ofEpochSecond(seconds, nextInt(p, "callAt"));
                        expect(p.nextToken(), JsonToken.END_ARRAY, "callAt's end");
                    }
                    case "remaining" -> remaining = p.getIntValue();
                    case "repName" -> repName = p.getText();
                    case "repPhone" -> repPhone = p.getText();
                    case "channels" -> channels = names(p, value, Channel::valueOf, Channel[]::new);
                    case "outcomes" -> outcomes = names(p, value, Outcome::valueOf, Outcome[]::new);
                    case "directions" -> directions = names(p, value, Direction::valueOf, Direction[]::new);
                    case "attempts" -> {
                        if (channels == null || outcomes == null || directions == null) {
                            throw new IllegalStateException("attempts before their tables of names");
                        }
                        packed = value == JsonToken.VALUE_EMBEDDED_OBJECT;
                        attempts = packed ? packed(p.getBinaryValue(), channels, outcomes, directions)
                                : attempts(p, value, channels, outcomes, directions);
                    }
                    default -> throw new IllegalStateException("unknown field '" + name + "'");
                }
            }
            if (format == null || (format != FORMAT && format != FORMAT_1)) {
                throw new IllegalStateException("form " + format + ", not " + FORMAT + " or " + FORMAT_1);
            }
            if (attempts != null && packed != (format == FORMAT)) {
                throw new IllegalStateException("attempts " + (packed ? "packed" : "as an array") + " in form " + format);
            }
            if (clientId == null || prospectId == null || callAt == null || remaining == null || attempts == null) {
                throw new IllegalStateException("a field is missing");
            }
            return new DecisionInput(clientId, prospectId, zone, callAt, remaining, attempts, new Rep(repName, repPhone));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a logged request is unreadable: " + e.getMessage(), e);
        }
    }

    private static <E> E[] names(JsonParser p, JsonToken start, java.util.function.Function<String, E> valueOf,
                                 java.util.function.IntFunction<E[]> array) throws IOException {
        expect(start, JsonToken.START_ARRAY, "a table of names");
        List<E> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(valueOf.apply(p.getText()));
        }
        expect(t, JsonToken.END_ARRAY, "a table's end");
        return values.toArray(array.apply(0));
    }

    private static List<DecisionInput.Touch> attempts(JsonParser p, JsonToken start, Channel[] channels, Outcome[] outcomes,
                                                      Direction[] directions) throws IOException {
        expect(start, JsonToken.START_ARRAY, "attempts");
        List<DecisionInput.Touch> attempts = new ArrayList<>();
        long seconds = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
            seconds = Math.addExact(seconds, p.getLongValue());
            Instant at = Instant.ofEpochSecond(seconds, nextInt(p, "an attempt's nano"));
            Channel channel = channels[nextInt(p, "an attempt's channel")];
            Outcome outcome = outcomes[nextInt(p, "an attempt's outcome")];
            Direction direction = directions[nextInt(p, "an attempt's direction")];
            attempts.add(touch(at, channel, outcome, direction, nextInt(p, "an attempt's decisionMaker")));
        }
        expect(t, JsonToken.END_ARRAY, "attempts' end");
        return List.copyOf(attempts);
    }

    private static List<DecisionInput.Touch> packed(byte[] bytes, Channel[] channels, Outcome[] outcomes, Direction[] directions) {
        Packed in = new Packed(bytes);
        List<DecisionInput.Touch> attempts = new ArrayList<>(bytes.length / 6); // an attempt takes six bytes or more
        long seconds = 0;
        while (in.position < bytes.length) {
            seconds = Math.addExact(seconds, in.readZigzag());
            int nano = in.readVarint();
            if (nano >= 1_000_000_000) {
                throw new IllegalStateException("an attempt's nano is " + nano);
            }
            Instant at = Instant.ofEpochSecond(seconds, nano);
            Channel channel = channels[in.readVarint()];
            Outcome outcome = outcomes[in.readVarint()];
            Direction direction = directions[in.readVarint()];
            attempts.add(touch(at, channel, outcome, direction, in.readVarint()));
        }
        return List.copyOf(attempts);
    }

    /** An attempt of either form, with its decisionMaker as written: 0 or 1, anything else refused. */
    private static DecisionInput.Touch touch(Instant at, Channel channel, Outcome outcome, Direction direction, int decisionMaker) {
        if (decisionMaker != 0 && decisionMaker != 1) {
            throw new IllegalStateException("an attempt's decisionMaker is " + decisionMaker);
        }
        return new DecisionInput.Touch(at, channel, outcome, direction, decisionMaker == 1);
    }

    /**
     * Unsigned LEB128 varints (7 bits a byte, low first, the high bit set on every byte but the last),
     * as Protocol Buffers write them; signed values zigzag-mapped first, so that small negatives are short.
     */
    static final class Packed {
        byte[] bytes;
        int length;
        int position;

        Packed(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        Packed(byte[] bytes) {
            this.bytes = bytes;
            this.length = bytes.length;
        }

        void zigzag(long value) {
            varlong((value << 1) ^ (value >> 63));
        }

        void varint(int value) {
            varlong(value & 0xFFFF_FFFFL);
        }

        private void varlong(long value) {
            if (length + 10 > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            while ((value & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[length++] = (byte) value;
        }

        long readZigzag() {
            long v = readVarlong(10);
            return (v >>> 1) ^ -(v & 1);
        }

        /** A varint of at most 31 bits: every int this form writes is an index, a nano or 0/1. */
        int readVarint() {
            long v = readVarlong(5);
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("a number past an int: " + v);
            }
            return (int) v;
        }

        private long readVarlong(int maxBytes) {
            long value = 0;
            for (int i = 0; i < maxBytes; i++) {
                if (position >= length) {
                    throw new IllegalStateException("the attempts end inside a number");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << (7 * i);
                if (b >= 0) {
                    if (i == 9 && (b & 0x7F) > 1) {
                        throw new IllegalStateException("a number past a long");
                    }
                    return value;
                }
            }
            throw new IllegalStateException("a number longer than " + maxBytes + " bytes");
        }
    }

    private static int nextInt(JsonParser p, String what) throws IOException {
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, what);
        return p.getIntValue();
    }

    private static long nextLong(JsonParser p, String what) throws IOException {
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, what);
        return p.getLongValue();
    }

    private static void expect(JsonToken found, JsonToken wanted, String what) {
        if (found != wanted) {
            throw new IllegalStateException(what + ": " + wanted + " expected, " + found + " found");
        }
    }
}
