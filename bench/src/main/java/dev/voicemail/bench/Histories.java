package dev.voicemail.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.voicemail.facts.Channel;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

/**
 * Realistic generated attempt histories, the same for the in-process and the HTTP benchmarks: mostly
 * calls (no answer, gatekeepers, voicemails, now and then a conversation), some e-mails, texts and
 * visits, a few inbound; spread over the weeks before the call, oldest first. Seeded, so every run
 * decides the same inputs.
 *
 * <p>As a program it writes request bodies for bench/run.sh:
 * {@code Histories decision <clientId> <attempts> <file>} and
 * {@code Histories batch <clientId> <attempts> <count> <file>}.
 */
public final class Histories {

    public static final ZoneId ZONE = ZoneId.of("America/Chicago");
    /** The call being decided: a Monday afternoon in the prospect's zone. */
    public static final Instant CALL_AT = ZonedDateTime.of(2026, 11, 23, 15, 30, 0, 0, ZONE).toInstant();

    private Histories() {
    }

    /** One history of {@code attempts} touches ending before {@link #CALL_AT}, oldest first. */
    public static List<DecisionInput.Touch> history(int attempts, long seed) {
        Random r = new Random(seed);
        // Denser histories for long ones: 5 touches span about two weeks, 500 about three months.
        long meanGapMinutes = Math.max(90, Math.min(3 * 24 * 60, 90L * 24 * 60 / Math.max(1, attempts)));
        List<DecisionInput.Touch> touches = new ArrayList<>(attempts);
        Instant at = CALL_AT.minus(Duration.ofMinutes(20 + r.nextInt(240)));
        for (int i = 0; i < attempts; i++) {
            touches.add(touch(r, at));
            at = at.minus(Duration.ofMinutes(1 + (long) (r.nextDouble() * 2 * meanGapMinutes)));
        }
        java.util.Collections.reverse(touches); // oldest first, as RequestReader delivers them
        return List.copyOf(touches);
    }

    private static DecisionInput.Touch touch(Random r, Instant at) {
        int p = r.nextInt(100);
        Channel channel;
        Outcome outcome;
        if (p < 72) {
            channel = Channel.CALL;
            int o = r.nextInt(100);
            outcome = o < 42 ? Outcome.NO_ANSWER
                    : o < 62 ? Outcome.VOICEMAIL_LEFT
                    : o < 70 ? Outcome.VOICEMAIL_SKIPPED
                    : o < 86 ? Outcome.GATEKEEPER
                    : o < 98 ? Outcome.CONNECTED
                    : Outcome.BAD_NUMBER;
        } else if (p < 88) {
            channel = Channel.EMAIL;
            int o = r.nextInt(100);
            outcome = o < 85 ? Outcome.SENT : o < 95 ? Outcome.REPLIED : Outcome.BOUNCED;
        } else if (p < 97) {
            channel = Channel.TEXT;
            outcome = r.nextInt(100) < 85 ? Outcome.SENT : Outcome.REPLIED;
        } else {
            channel = Channel.VISIT;
            outcome = Outcome.DONE;
        }
        boolean inbound = (outcome == Outcome.CONNECTED || outcome == Outcome.REPLIED) && r.nextInt(100) < 30;
        boolean decisionMaker = outcome == Outcome.CONNECTED && r.nextBoolean();
        return new DecisionInput.Touch(at, channel, outcome, inbound ? Direction.INBOUND : Direction.OUTBOUND,
                decisionMaker);
    }

    /** A validated input, as {@code RequestReader} would produce it from {@link #json}. */
    public static DecisionInput input(String clientId, int attempts, long seed) {
        return new DecisionInput(clientId, "prospect-" + seed, ZONE, CALL_AT, (int) (seed % 3), history(attempts, seed));
    }

    /** The API body of {@code POST /v1/decisions} for the same input. */
    public static String json(String clientId, int attempts, long seed) {
        DecisionInput in = input(clientId, attempts, seed);
        StringBuilder b = new StringBuilder(128 + attempts * 110);
        b.append("{\"clientId\":\"").append(clientId).append("\",\"prospect\":{\"id\":\"").append(in.prospectId())
                .append("\",\"timezone\":\"").append(ZONE.getId()).append("\"},\"call\":{\"at\":\"")
                .append(offset(in.callAt())).append("\",\"remainingAttemptsToday\":").append(in.remainingAttemptsToday())
                .append("},\"attempts\":[");
        for (int i = 0; i < in.attempts().size(); i++) {
            DecisionInput.Touch t = in.attempts().get(i);
            b.append(i == 0 ? "" : ",").append("{\"at\":\"").append(offset(t.at())).append("\",\"channel\":\"")
                    .append(t.channel()).append("\",\"outcome\":\"").append(t.outcome()).append("\",\"direction\":\"")
                    .append(t.direction()).append("\",\"decisionMaker\":").append(t.decisionMaker()).append('}');
        }
        return b.append("]}").toString();
    }

    private static String offset(Instant at) {
        return at.atZone(ZONE).toOffsetDateTime().toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("decision")) {
            Files.writeString(Path.of(args[3]), json(args[1], Integer.parseInt(args[2]), 1), StandardCharsets.UTF_8);
        } else if (args.length == 5 && args[0].equals("batch")) {
            int count = Integer.parseInt(args[3]);
            try (Writer w = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8)) {
                w.write("{\"requests\":[");
                for (int i = 0; i < count; i++) {
                    w.write(i == 0 ? "" : ",");
                    w.write(json(args[1], Integer.parseInt(args[2]), i + 1));
                }
                w.write("]}");
            }
        } else {
            PrintStream err = System.err;
            err.println("usage: Histories decision <clientId> <attempts> <file> | batch <clientId> <attempts> <count> <file>");
            System.exit(2);
        }
    }

}
