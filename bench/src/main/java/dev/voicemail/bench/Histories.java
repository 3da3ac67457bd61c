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
 * Generated attempt histories, the same for the in-process and the HTTP benchmarks, in three kinds
 * ({@link Kind}): mixed ones (mostly calls, now and then a conversation, some e-mails, texts and visits,
 * a few inbound), cold ones (calls only, none answered, a few voicemails) and exhausted ones (a cold
 * sequence past its break-up voicemail). Spread over the weeks before the call, oldest first. Seeded,
 * so every run decides the same inputs.
 *
 * <p>As a program it writes request bodies for bench/run.sh:
 * {@code Histories decision <clientId> <attempts> <file> [kind]} and
 * {@code Histories batch <clientId> <attempts> <count> <file> [kind]} (kind: mixed, the default, cold, exhausted).
 */
public final class Histories {

    public static final ZoneId ZONE = ZoneId.of("America/Chicago");
    /** The call being decided: a Monday afternoon in the prospect's zone. */
    public static final Instant CALL_AT = ZonedDateTime.of(2026, 11, 23, 15, 30, 0, 0, ZONE).toInstant();

    private Histories() {
    }

    /**
     * What a history holds. The cold prospect is the one a cadence exists for, and the slowest for it:
     * no conversation ever restarts the sequence, so every rule about it sees the whole history.
     */
    public enum Kind {
        /** Calls (12% connect), e-mails, texts, visits, some inbound: a sequence restarts often. */
        MIXED,
        /** Outbound calls only, none answered; a voicemail after every few calls, at most three in all: a sequence under way. */
        COLD,
        /**
         * A cold sequence past its break-up: five voicemails (the shipped cadence's maxVoicemails) two
         * days apart or more, each after two unanswered calls, then unanswered calls to the end.
         */
        EXHAUSTED;

        public static Kind of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One mixed history of {@code attempts} touches ending before {@link #CALL_AT}, oldest first. */
    public static List<DecisionInput.Touch> history(int attempts, long seed) {
        return history(Kind.MIXED, attempts, seed);
    }

    /** One history of a kind, {@code attempts} touches ending before {@link #CALL_AT}, oldest first. */
    public static List<DecisionInput.Touch> history(Kind kind, int attempts, long seed) {
        return switch (kind) {
            case MIXED -> mixed(attempts, seed);
            case COLD -> cold(attempts, seed);
            case EXHAUSTED -> exhausted(attempts, seed);
        };
    }

    /** Denser histories for long ones: 5 touches span about two weeks, 500 about three months. */
    private static long meanGapMinutes(int attempts) {
        return Math.max(90, Math.min(3 * 24 * 60, 90L * 24 * 60 / Math.max(1, attempts)));
    }

    private static List<DecisionInput.Touch> cold(int attempts, long seed) {
        Random r = new Random(seed);
        long meanGap = meanGapMinutes(attempts);
        List<DecisionInput.Touch> touches = new ArrayList<>(attempts);
        Instant at = CALL_AT.minus(Duration.ofMinutes(20 + r.nextInt(240)));
        int voicemails = 0;
        for (int i = 0; i < attempts; i++) {
            // newest first here: a voicemail every third call or so, at most three (mid-sequence under the shipped cadence), none the very last
            boolean voicemail = voicemails < 3 && i % 3 == 2 && r.nextInt(100) < 60;
            voicemails += voicemail ? 1 : 0;
            touches.add(new DecisionInput.Touch(at, Channel.CALL,
                    voicemail ? Outcome.VOICEMAIL_LEFT : r.nextInt(100) < 80 ? Outcome.NO_ANSWER : Outcome.GATEKEEPER,
                    Direction.OUTBOUND, false));
            at = at.minus(Duration.ofMinutes(1 + (long) (r.nextDouble() * 2 * meanGap)));
        }
        java.util.Collections.reverse(touches);
        return List.copyOf(touches);
    }

    private static List<DecisionInput.Touch> exhausted(int attempts, long seed) {
        Random r = new Random(seed);
        // The sequence: (no answer, no answer, voicemail) five times, voicemails three days apart, as
        // far as the attempts allow (5 attempts: the five voicemails alone); then unanswered calls up
        // to the call, within the shipped 180 days before the sequence is recycled.
        int sequenceCalls = attempts >= 15 ? 15 : attempts;
        int perVoicemail = sequenceCalls / 5;
        Instant start = CALL_AT.minus(Duration.ofDays(attempts >= 15 ? 60 : 20));
        List<DecisionInput.Touch> touches = new ArrayList<>(attempts);
        for (int v = 0; v < 5; v++) {
            Instant day = start.plus(Duration.ofDays(3L * v));
            for (int c = 0; c < perVoicemail; c++) {
                boolean voicemail = c == perVoicemail - 1;
                touches.add(new DecisionInput.Touch(day.plus(Duration.ofMinutes(60L * c + r.nextInt(30))), Channel.CALL,
                        voicemail ? Outcome.VOICEMAIL_LEFT : Outcome.NO_ANSWER, Direction.OUTBOUND, false));
            }
        }
        int rest = attempts - touches.size();
        Instant after = start.plus(Duration.ofDays(15));
        long span = Duration.between(after, CALL_AT).toMinutes() - 30;
        for (int i = 0; i < rest; i++) {
            Instant at = after.plus(Duration.ofMinutes(span * i / Math.max(1, rest) + r.nextInt(20)));
            touches.add(new DecisionInput.Touch(at, Channel.CALL,
                    r.nextInt(100) < 80 ? Outcome.NO_ANSWER : Outcome.GATEKEEPER, Direction.OUTBOUND, false));
        }
        return List.copyOf(touches);
    }

    private static List<DecisionInput.Touch> mixed(int attempts, long seed) {
        Random r = new Random(seed);
        long meanGapMinutes = meanGapMinutes(attempts);
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

    /** A validated mixed input, as {@code RequestReader} would produce it from {@link #json}. */
    public static DecisionInput input(String clientId, int attempts, long seed) {
        return input(Kind.MIXED, clientId, attempts, seed);
    }

    /** A validated input of a kind, as {@code RequestReader} would produce it from {@link #json}. */
    public static DecisionInput input(Kind kind, String clientId, int attempts, long seed) {
        // a cold prospect's call is the day's last attempt, so that no same-day guard ends the decision early
        int remaining = kind == Kind.MIXED ? (int) (seed % 3) : 0;
        return new DecisionInput(clientId, "prospect-" + seed, ZONE, CALL_AT, remaining, history(kind, attempts, seed));
    }

    /** The API body of {@code POST /v1/decisions} for a mixed input. */
    public static String json(String clientId, int attempts, long seed) {
        return json(Kind.MIXED, clientId, attempts, seed);
    }

    /** The API body of {@code POST /v1/decisions} for the same input. */
    public static String json(Kind kind, String clientId, int attempts, long seed) {
        DecisionInput in = input(kind, clientId, attempts, seed);
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
        if ((args.length == 4 || args.length == 5) && args[0].equals("decision")) {
            Kind kind = args.length == 5 ? Kind.of(args[4]) : Kind.MIXED;
            Files.writeString(Path.of(args[3]), json(kind, args[1], Integer.parseInt(args[2]), 1), StandardCharsets.UTF_8);
        } else if ((args.length == 5 || args.length == 6) && args[0].equals("batch")) {
            Kind kind = args.length == 6 ? Kind.of(args[5]) : Kind.MIXED;
            int count = Integer.parseInt(args[3]);
            try (Writer w = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8)) {
                w.write("{\"requests\":[");
                for (int i = 0; i < count; i++) {
                    w.write(i == 0 ? "" : ",");
                    w.write(json(kind, args[1], Integer.parseInt(args[2]), i + 1));
                }
                w.write("]}");
            }
        } else {
            PrintStream err = System.err;
            err.println("usage: Histories decision <clientId> <attempts> <file> [kind] | batch <clientId> <attempts> <count> <file> [kind]");
            System.exit(2);
        }
    }

}
