package dev.voicemail.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;

import dev.voicemail.decision.DecisionInput;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Rep;

/**
 * The logged form gives back exactly the input it was made from, whatever the input (the replay's
 * exactness rests on it), and refuses what it did not write.
 */
class LoggedInputTest {

    private static final String[] ZONES = {null, "Europe/Paris", "America/Argentina/Buenos_Aires", "+05:30", "Z", "UTC", "Asia/Kathmandu"};
    private static final String[] TEXTS = {"p", "p&prospectId=p#2 ü", "客户-42", "\u0000\uD83D\uDE00", " ", "x".repeat(128)};

    @Test
    void everyInputReadsBackAsItWasWritten() {
        Random r = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            DecisionInput in = input(r, i == 0 ? 1_000 : r.nextInt(i % 10 == 0 ? 600 : 25));
            assertEquals(in, LoggedInput.read(LoggedInput.write(in)), "input " + i);
            String text = LoggedInput.text(in);
            assertTrue(text.startsWith("smile2:") && LoggedInput.isText(text) && text.chars().allMatch(ch -> ch < 128),
                    "ASCII, marked: " + text);
            assertEquals(in, LoggedInput.fromText(text), "input " + i + " as the log's text");
            assertEquals(in, LoggedInput.read(format1(in)), "input " + i + " in the first form");
        }
    }

    /** A row the service logged in the first form (format 1, before December 6, 2026) still reads as the input it was. */
    @Test
    void aRowOfTheFirstFormReadsAsItWasWritten() throws Exception {
        DecisionInput in = new DecisionInput("acme-eu", "p-1 ü", ZoneId.of("America/Chicago"),
                Instant.parse("2026-11-23T16:35:00.123456789Z"), 2,
                List.of(new DecisionInput.Touch(Instant.parse("1969-12-31T23:59:59.5Z"), Channel.EMAIL, Outcome.REPLIED, Direction.INBOUND, true),
                        new DecisionInput.Touch(Instant.parse("2026-11-20T15:00:00Z"), Channel.CALL, Outcome.VOICEMAIL_LEFT, Direction.OUTBOUND, false),
                        new DecisionInput.Touch(Instant.parse("2026-11-20T15:00:00Z"), Channel.CALL, Outcome.NO_ANSWER, Direction.OUTBOUND, false)),
                new Rep("Ann", "+1 312-555-0142"));
        // written by the service's format-1 writer (commit 719c384), kept byte for byte
        String logged = "smile1:OikKAfqAdsKHY2xpZW50SWRGYWNtZS1ldYlwcm9zcGVjdElkhHAtMSDDvIN6b25lTkFtZXJpY2EvQ2hpY2Fnb4VjYWxsQXT4JBpg"
                + "RlmoJAFrPGiq+YhyZW1haW5pbmfEhnJlcE5hbWVCQW5uh3JlcFBob25lTisxIDMxMi01NTUtMDE0ModjaGFubmVsc/hERU1BSUxDQ0FMTPmHb3V0Y29tZXP4"
                + "RlJFUExJRURNVk9JQ0VNQUlMX0xFRlRITk9fQU5TV0VS+YlkaXJlY3Rpb25z+EZJTkJPVU5ER09VVEJPVU5E+YdhdHRlbXB0c/jBJAc5ViiAwMDAwiQaYAYD"
                + "osDCwsLAwMDCxMLA+fs=";
        assertTrue(LoggedInput.isText(logged));
        assertEquals(in, LoggedInput.fromText(logged));
        assertEquals(in, LoggedInput.read(format1(in)), "this test's writer of the first form agrees with the service's");
    }

    @Test
    void aLongHistoryTakesAFractionOfItsJson() throws Exception {
        DecisionInput in = input(new Random(1), 500);
        int packed = LoggedInput.write(in).length;
        int json = new ObjectMapper().writeValueAsString(DecisionLogRepository.request(in)).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(packed * 8 < json, "packed " + packed + " bytes against JSON " + json);
    }

    @Test
    void whatItDidNotWriteIsRefused() throws Exception {
        byte[] good = LoggedInput.write(input(new Random(3), 3));
        ObjectMapper smile = new ObjectMapper(new SmileFactory());
        List<byte[]> bad = new ArrayList<>(List.of(new byte[0], "{\"clientId\":\"c\"}".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(good, good.length / 2),
                smile.writeValueAsBytes(java.util.Map.of("v", 2, "clientId", "c")),
                // a name no enum has; an index past its table; a decisionMaker that is not 0 or 1; attempts before the tables
                logged(List.of("FAX"), List.of(0, 0, 0, 0, 0, 0)),
                logged(List.of("CALL"), List.of(0, 0, 1, 0, 0, 0)),
                logged(List.of("CALL"), List.of(0, 0, 0, 0, 0, 2)),
                smile.writeValueAsBytes(new java.util.LinkedHashMap<>(java.util.Map.of("v", 1, "clientId", "c", "prospectId", "p",
                        "callAt", List.of(0, 0), "remaining", 0, "attempts", List.of()))),
                smile.writeValueAsBytes(java.util.Map.of("v", 1, "clientId", "c", "extra", 1))));
        assertEquals(1, LoggedInput.read(logged(List.of("CALL"), List.of(0, 0, 0, 0, 0, 1))).attempts().size(),
                "the cases below differ from a readable value only where they say");
        for (byte[] b : bad) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LoggedInput.read(b));
            assertTrue(e.getMessage().startsWith("a logged request is unreadable"), e.getMessage());
        }
        // the packed form: the same six numbers per attempt as varints
        assertEquals(2, LoggedInput.read(packed(2, varints(0, 0, 0, 0, 0, 1, 3, 5, 0, 0, 0, 0))).attempts().size(),
                "the packed cases below differ from a readable value only where they say");
        // each case with a part of the message that names what is wrong
        java.util.Map<byte[], String> badPacked = new java.util.LinkedHashMap<>();
        badPacked.put(packed(2, new byte[] {0, 0, 0, 0, 0, (byte) 0x80}), "the attempts end inside a number");
        badPacked.put(packed(2, new byte[] {0, 0, 0, 0, 0}), "the attempts end inside a number");
        badPacked.put(packed(2, varints(0, 0, 1, 0, 0, 0)), "Index 1 out of bounds");
        badPacked.put(packed(2, varints(0, 0, 0, 0, 0, 2)), "decisionMaker is 2");
        badPacked.put(packed(2, varints(0, 1_000_000_000, 0, 0, 0, 0)), "nano is 1000000000");
        badPacked.put(packed(2, concat(new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, varints(0, 0, 0, 0))),
                "a number past an int: 4294967295");
        badPacked.put(packed(2, concat(new byte[] {0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0},
                varints(0, 0, 0, 0))), "a number longer than 5 bytes");
        // ten bytes whose last carries more than the one bit a long has left: without the check, the number would read as 0
        badPacked.put(packed(2, concat(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 2}, varints(0, 0, 0, 0, 0))), "a number past a long");
        badPacked.put(packed(2, concat(zigzag(1), varints(0, 0, 0, 0, 0), zigzag(Long.MAX_VALUE), varints(0, 0, 0, 0, 0))),
                "long overflow");
        badPacked.put(packed(2, concat(zigzag(Long.MAX_VALUE / 2), varints(0, 0, 0, 0, 0))), "Instant exceeds");
        badPacked.put(packed(1, varints(0, 0, 0, 0, 0, 0)), "attempts packed in form 1");
        badPacked.put(withFormat(2, logged(List.of("CALL"), List.of(0, 0, 0, 0, 0, 1))), "attempts as an array in form 2");
        badPacked.forEach((b, why) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LoggedInput.read(b), why);
            assertTrue(e.getMessage().startsWith("a logged request is unreadable") && e.getMessage().contains(why), e.getMessage());
        });
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class, () -> LoggedInput.fromText("smile1:%%%"));
        assertTrue(notBase64.getMessage().startsWith("a logged request is unreadable"), notBase64.getMessage());
        assertTrue(!LoggedInput.isText("{\"clientId\": \"smile1:\"}") && !LoggedInput.isText(null), "JSON is never taken for it");
    }

    /** A value of the first form with the given channels table and attempts (outcomes SENT, directions OUTBOUND). */
    private static byte[] logged(List<String> channels, List<Integer> attempts) throws Exception {
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("v", 1);
        v.put("clientId", "c");
        v.put("prospectId", "p");
        v.put("callAt", List.of(0, 0));
        v.put("remaining", 0);
        v.put("channels", channels);
        v.put("outcomes", List.of("SENT"));
        v.put("directions", List.of("OUTBOUND"));
        v.put("attempts", attempts);
        byte[] b = new ObjectMapper(new SmileFactory()).writeValueAsBytes(v);
        return b;
    }

    /** A value of the given format with one-name tables (CALL, SENT, OUTBOUND) and the attempts as a binary value. */
    private static byte[] packed(int format, byte[] attempts) throws Exception {
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("v", format);
        v.put("clientId", "c");
        v.put("prospectId", "p");
        v.put("callAt", List.of(0, 0));
        v.put("remaining", 0);
        v.put("channels", List.of("CALL"));
        v.put("outcomes", List.of("SENT"));
        v.put("directions", List.of("OUTBOUND"));
        v.put("attempts", attempts);
        return new ObjectMapper(new SmileFactory()).writeValueAsBytes(v);
    }

    private static byte[] withFormat(int format, byte[] value) throws Exception {
        ObjectMapper smile = new ObjectMapper(new SmileFactory());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> v = smile.readValue(value, java.util.LinkedHashMap.class);
        v.put("v", format);
        return smile.writeValueAsBytes(v);
    }

    private static byte[] varints(int... values) {
        LoggedInput.Packed p = new LoggedInput.Packed(0);
        for (int v : values) {
            p.varint(v);
        }
        return Arrays.copyOf(p.bytes, p.length);
    }

    private static byte[] zigzag(long value) {
        LoggedInput.Packed p = new LoggedInput.Packed(0);
        p.zigzag(value);
        return Arrays.copyOf(p.bytes, p.length);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The first form, as the service wrote it before format 2: the same fields, with the attempts one flat
     * array of six integers each (seconds since the previous, nano, channel, outcome, direction, decisionMaker).
     */
    static byte[] format1(DecisionInput in) {
        List<String> channels = new ArrayList<>(), outcomes = new ArrayList<>(), directions = new ArrayList<>();
        List<Long> attempts = new ArrayList<>();
        long previous = 0;
        for (DecisionInput.Touch t : in.attempts()) {
            long seconds = t.at().getEpochSecond();
            attempts.addAll(List.of(seconds - previous, (long) t.at().getNano(), (long) indexOf(channels, t.channel()),
                    (long) indexOf(outcomes, t.outcome()), (long) indexOf(directions, t.direction()), t.decisionMaker() ? 1L : 0L));
            previous = seconds;
        }
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("v", 1);
        v.put("clientId", in.clientId());
        v.put("prospectId", in.prospectId());
        if (in.prospectZone() != null) {
            v.put("zone", in.prospectZone().getId());
        }
        v.put("callAt", List.of(in.callAt().getEpochSecond(), in.callAt().getNano()));
        v.put("remaining", in.remainingAttemptsToday());
        if (in.rep().name() != null) {
            v.put("repName", in.rep().name());
        }
        if (in.rep().phone() != null) {
            v.put("repPhone", in.rep().phone());
        }
        v.put("channels", channels);
        v.put("outcomes", outcomes);
        v.put("directions", directions);
        v.put("attempts", attempts);
        try {
            return new ObjectMapper(new SmileFactory()).writeValueAsBytes(v);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(List<String> names, Enum<?> value) {
        int i = names.indexOf(value.name());
        if (i < 0) {
            names.add(value.name());
            return names.size() - 1;
        }
        return i;
    }

    private static DecisionInput input(Random r, int attempts) {
        List<DecisionInput.Touch> touches = new ArrayList<>(attempts);
        Instant at = Instant.ofEpochSecond(r.nextLong(-62_135_596_800L, 253_402_300_000L - 86_400L * 400), r.nextInt(1_000_000_000));
        for (int k = 0; k < attempts; k++) {
            at = at.plusSeconds(r.nextInt(86_400)).plusNanos(r.nextInt(3) == 0 ? r.nextInt(1_000_000_000) : 0);
            touches.add(new DecisionInput.Touch(at, pick(r, Channel.values()), pick(r, Outcome.values()),
                    pick(r, Direction.values()), r.nextBoolean()));
        }
        String zone = pick(r, ZONES);
        Rep rep = new Rep(r.nextBoolean() ? null : pick(r, TEXTS), r.nextBoolean() ? null : "+1 312-555-0142");
        return new DecisionInput(pick(r, TEXTS), pick(r, TEXTS), zone == null ? null : ZoneId.of(zone),
                at.plusSeconds(r.nextInt(3_600)), r.nextInt(10), List.copyOf(touches), rep);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }
}
