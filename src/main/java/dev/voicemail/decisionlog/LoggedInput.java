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
 * The form in which the decision log keeps a validated request: Smile (Jackson's binary JSON), each
 * attempt an array {@code [epochSecond, nano, channel, outcome, direction, decisionMaker]}, times as
 * numbers and repeated names as back-references. Reading it back gives the same {@link DecisionInput}
 * without parsing text or times: a 500-attempt history is about a sixth of its JSON's size, and
 * replaying it (impact, replay) costs a fraction of reading that JSON again (bench/NOTES.md). What a
 * reader shows is still the request body, made from this input ({@link DecisionLogRepository#request}).
 */
final class LoggedInput {

    /** The version of this form, first in every value; a reader refuses one it does not know. */
    static final int FORMAT = 1;

    private static final SmileFactory SMILE = SmileFactory.builder()
            .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
            .build();

    private LoggedInput() {
    }

    static byte[] write(DecisionInput in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + 16 * in.attempts().size());
        try (JsonGenerator g = SMILE.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT);
            g.writeStringField("clientId", in.clientId());
            g.writeStringField("prospectId", in.prospectId());
            if (in.prospectZone() != null) {
                g.writeStringField("zone", in.prospectZone().getId());
            }
            g.writeFieldName("callAt");
            instant(g, in.callAt());
            g.writeNumberField("remaining", in.remainingAttemptsToday());
            if (in.rep().name() != null) {
                g.writeStringField("repName", in.rep().name());
            }
            if (in.rep().phone() != null) {
                g.writeStringField("repPhone", in.rep().phone());
            }
            g.writeArrayFieldStart("attempts");
            for (DecisionInput.Touch t : in.attempts()) {
                g.writeStartArray();
                g.writeNumber(t.at().getEpochSecond());
                g.writeNumber(t.at().getNano());
                g.writeString(t.channel().name());
                g.writeString(t.outcome().name());
                g.writeString(t.direction().name());
                g.writeBoolean(t.decisionMaker());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a logged request", e);
        }
        return out.toByteArray();
    }

    private static void instant(JsonGenerator g, Instant at) throws IOException {
        g.writeStartArray();
        g.writeNumber(at.getEpochSecond());
        g.writeNumber(at.getNano());
        g.writeEndArray();
    }

    static DecisionInput read(byte[] bytes) {
        try (JsonParser p = SMILE.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the request");
            String clientId = null, prospectId = null, repName = null, repPhone = null;
            ZoneId zone = null;
            Instant callAt = null;
            Integer remaining = null, format = null;
            List<DecisionInput.Touch> attempts = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "v" -> format = p.getIntValue();
                    case "clientId" -> clientId = p.getText();
                    case "prospectId" -> prospectId = p.getText();
                    case "zone" -> zone = ZoneId.of(p.getText());
                    case "callAt" -> callAt = instant(p, value);
                    case "remaining" -> remaining = p.getIntValue();
                    case "repName" -> repName = p.getText();
                    case "repPhone" -> repPhone = p.getText();
                    case "attempts" -> attempts = attempts(p, value);
                    default -> throw new IllegalStateException("a logged request has an unknown field '" + name + "'");
                }
            }
            if (format == null || format != FORMAT) {
                throw new IllegalStateException("a logged request is of form " + format + ", not " + FORMAT);
            }
            if (clientId == null || prospectId == null || callAt == null || remaining == null || attempts == null) {
                throw new IllegalStateException("a logged request lacks a field");
            }
            return new DecisionInput(clientId, prospectId, zone, callAt, remaining, attempts, new Rep(repName, repPhone));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a logged request is unreadable: " + e.getMessage(), e);
        }
    }

    private static List<DecisionInput.Touch> attempts(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY, "attempts");
        List<DecisionInput.Touch> attempts = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "an attempt's time");
            long seconds = p.getLongValue();
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "an attempt's time");
            Instant at = Instant.ofEpochSecond(seconds, p.getIntValue());
            expect(p.nextToken(), JsonToken.VALUE_STRING, "an attempt's channel");
            Channel channel = Channel.valueOf(p.getText());
            expect(p.nextToken(), JsonToken.VALUE_STRING, "an attempt's outcome");
            Outcome outcome = Outcome.valueOf(p.getText());
            expect(p.nextToken(), JsonToken.VALUE_STRING, "an attempt's direction");
            Direction direction = Direction.valueOf(p.getText());
            boolean decisionMaker = p.nextToken() == JsonToken.VALUE_TRUE;
            expect(p.nextToken(), JsonToken.END_ARRAY, "an attempt's end");
            attempts.add(new DecisionInput.Touch(at, channel, outcome, direction, decisionMaker));
        }
        expect(t, JsonToken.END_ARRAY, "attempts' end");
        return List.copyOf(attempts);
    }

    private static Instant instant(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY, "a time");
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a time");
        long seconds = p.getLongValue();
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a time");
        Instant at = Instant.ofEpochSecond(seconds, p.getIntValue());
        expect(p.nextToken(), JsonToken.END_ARRAY, "a time's end");
        return at;
    }

    private static void expect(JsonToken found, JsonToken wanted, String what) {
        if (found != wanted) {
            throw new IllegalStateException(what + ": " + wanted + " expected, " + found + " found");
        }
    }
}
