package dev.voicemail.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.Spelling;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.LimitsConfig;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Rep;

/** Checks a decision request field by field; the first problem found is answered as a 400 naming its field. */
@ApplicationScoped
public class RequestReader {

    /** Digits and the usual separators, an optional leading +, an optional extension: what a rep reads aloud. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ().-]{5,30}(( x| ext\\.? )[0-9]{1,6})?");
    private static final Map<String, Channel> CHANNELS = Arrays.stream(Channel.values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));
    private static final Map<String, Outcome> OUTCOMES = Arrays.stream(Outcome.values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private final int maxAttempts;

    @Inject
    public RequestReader(LimitsConfig limits) {
        this(limits.maxAttempts());
    }

    /** A reader outside the service (scenario files, benchmarks), with its own bound. */
    public RequestReader(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public DecisionInput read(DecisionRequest r) {
        if (r == null) {
            throw ApiException.badRequest(null, "the body must be a decision request: {\"clientId\", \"prospect\", \"call\", \"attempts\"}");
        }
        if (r.clientId() == null) {
            throw ApiException.badRequest("clientId", "clientId is required");
        }
        if (!InputFields.CLIENT_ID.matcher(r.clientId()).matches()) {
            throw ApiException.badRequest("clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
        if (r.prospect() == null) {
            throw ApiException.badRequest("prospect", "prospect is required: {\"id\": \"...\"}");
        }
        String prospectId = r.prospect().id();
        if (prospectId == null || prospectId.isBlank() || prospectId.length() > 128) {
            throw ApiException.badRequest("prospect.id", "prospect.id is required, 1 to 128 characters");
        }
        ZoneId zone = null;
        if (r.prospect().timezone() != null) {
            zone = InputFields.zone("prospect.timezone", r.prospect().timezone());
        }
        Instant callAt = Instant.now();
        int remaining = 0;
        Rep rep = DecisionInput.NO_REP;
        if (r.call() != null) {
            if (r.call().rep() != null) {
                rep = rep(r.call().rep());
            }
            if (r.call().at() != null) {
                callAt = timestamp("call.at", r.call().at());
            }
            if (r.call().remainingAttemptsToday() != null) {
                remaining = r.call().remainingAttemptsToday();
                if (remaining < 0 || remaining > 1000) {
                    throw ApiException.badRequest("call.remainingAttemptsToday", "must be from 0 to 1000");
                }
            }
        }
        List<DecisionInput.Touch> touches = new ArrayList<>();
        if (r.attempts() != null) {
            if (r.attempts().size() > maxAttempts) {
                throw new ApiException(413, "limit_exceeded", "at most " + maxAttempts + " attempts per request", "attempts");
            }
            for (int i = 0; i < r.attempts().size(); i++) {
                touches.add(attempt(i, r.attempts().get(i), callAt));
            }
            touches.sort(Comparator.comparing(DecisionInput.Touch::at));
        }
        return new DecisionInput(r.clientId(), prospectId, zone, callAt, remaining, List.copyOf(touches), rep);
    }

    /** Both fields optional; what is given is read aloud in a voicemail, so it must look like a name and a number. */
    private static Rep rep(DecisionRequest.RepJson rep) {
        String name = rep.name();
        if (name != null && (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest("call.rep.name", "a rep's name is 1 to 100 characters, without control characters");
        }
        String phone = rep.phone();
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("call.rep.phone", "'" + InputFields.abbreviate(phone)
                    + "' is not a phone number: digits, spaces and + ( ) - . only, 6 to 32 characters, e.g. +1 312-555-0142");
        }
        return new Rep(name == null ? null : name.strip(), phone);
    }

    private static DecisionInput.Touch attempt(int index, DecisionRequest.AttemptJson a, Instant callAt) {
        // Field paths are built only for an error: a request has up to a thousand attempts.
        if (a == null) {
            throw ApiException.badRequest(path(index, ""), "an attempt must be an object");
        }
        if (a.at() == null) {
            throw ApiException.badRequest(path(index, ".at"), "at is required");
        }
        Instant at = Timestamps.fast(a.at());
        at = at == null ? timestamp(path(index, ".at"), a.at()) : inRange(path(index, ".at"), a.at(), at);
        Channel channel = a.channel() != null ? CHANNELS.get(a.channel()) : null;
        if (channel == null) {
            channel = constant(path(index, ".channel"), a.channel(), Channel.class);
        }
        Outcome outcome = a.outcome() != null ? OUTCOMES.get(a.outcome()) : null;
        if (outcome == null) {
            outcome = constant(path(index, ".outcome"), a.outcome(), Outcome.class);
        }
        if (!outcome.validOn(channel)) {
            Channel on = channel;
            throw ApiException.badRequest(path(index, ".outcome"), outcome + " is not an outcome of " + article(channel) + " "
                    + channel + " attempt; " + article(channel) + " " + channel + "'s outcomes are "
                    + Arrays.stream(Outcome.values()).filter(o -> o.validOn(on)).map(Enum::name).collect(Collectors.joining(", ")));
        }
        Direction direction = a.direction() == null ? Direction.OUTBOUND : constant(path(index, ".direction"), a.direction(), Direction.class);
        boolean plannedVisit = channel == Channel.VISIT && outcome == Outcome.PLANNED;
        if (at.isAfter(callAt) && !plannedVisit) {
            throw ApiException.badRequest(path(index, ".at"), "the attempt is later than call.at; only a planned VISIT may be in the future");
        }
        return new DecisionInput.Touch(at, channel, outcome, direction, Boolean.TRUE.equals(a.decisionMaker()));
    }

    /** "an EMAIL", "a CALL": as the words are read aloud. */
    private static String article(Channel channel) {
        return "AEIOU".indexOf(channel.name().charAt(0)) >= 0 ? "an" : "a";
    }

    private static String path(int index, String field) {
        return "attempts[" + index + "]" + field;
    }

    private static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
        if (value == null) {
            throw ApiException.badRequest(field, field.substring(field.lastIndexOf('.') + 1) + " is required; one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "unknown value '" + InputFields.abbreviate(value) + "'"
                    + Spelling.didYouMean(value, Arrays.asList(type.getEnumConstants())) + "; one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Far-off years are refused: time-zone arithmetic on them would fail, and no call is made then. */
    private static Instant inRange(String field, String value, Instant t) {
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw ApiException.badRequest(field, "'" + InputFields.abbreviate(value) + "' is out of range: years 1900 to 2999");
        }
        return t;
    }

    static Instant timestamp(String field, String value) {
        try {
            return inRange(field, value, Timestamps.parse(value));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "'" + InputFields.abbreviate(value)
                    + "' is not an ISO-8601 timestamp with an offset; send e.g. 2026-11-23T10:35:00-06:00");
        }
    }
}
