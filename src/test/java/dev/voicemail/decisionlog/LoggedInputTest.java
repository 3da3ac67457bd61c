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
            assertTrue(LoggedInput.isText(text) && text.chars().allMatch(ch -> ch < 128), "ASCII, marked: " + text);
            assertEquals(in, LoggedInput.fromText(text), "input " + i + " as the log's text");
        }
    }

    @Test
    void aLongHistoryTakesAFractionOfItsJson() throws Exception {
        DecisionInput in = input(new Random(1), 500);
        int smile = LoggedInput.write(in).length;
        int json = new ObjectMapper().writeValueAsString(DecisionLogRepository.request(in)).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(smile * 6 < json, "Smile " + smile + " bytes against JSON " + json);
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
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class, () -> LoggedInput.fromText("smile1:%%%"));
        assertTrue(notBase64.getMessage().startsWith("a logged request is unreadable"), notBase64.getMessage());
        assertTrue(!LoggedInput.isText("{\"clientId\": \"smile1:\"}") && !LoggedInput.isText(null), "JSON is never taken for it");
    }

    /** A value of this form with the given channels table and attempts (outcomes SENT, directions OUTBOUND). */
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
