package dev.voicemail.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.Spelling;

/**
 * Checks reported outcomes field by field: the first problem is a 400 naming its field
 * ({@code kind}, or {@code outcomes[3].kind} in a list). Also for other packages that turn their
 * own records into outcomes (the CRM mappings), so that every way in checks the same.
 */
@ApplicationScoped
public class OutcomeReader {

    /** Outcomes per request; more is a 413. */
    public static final int MAX_OUTCOMES = 500;

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final List<OutcomeKind> KINDS = Arrays.asList(OutcomeKind.values());

    private final Duration skew;
    private final Clock clock;

    @Inject
    public OutcomeReader(OutcomesConfig config) {
        this(config.clockSkew(), Clock.systemUTC());
    }

    OutcomeReader(Duration skew, Clock clock) {
        this.skew = skew;
        this.clock = clock;
    }

    /** The body's outcomes, checked; nothing is recorded unless all are good. */
    List<OutcomeRecorder.Report> read(OutcomeReport body) {
        if (body == null) {
            throw ApiException.badRequest(null, "the body must be one outcome {\"clientId\", \"prospectId\", \"kind\","
                    + " \"eventId\", \"occurredAt\"} or {\"outcomes\": [...]}");
        }
        if (body.outcomes() == null) {
            return List.of(read("", new ReportedOutcome(body.clientId(), body.prospectId(), body.kind(), body.eventId(),
                    body.occurredAt())));
        }
        if (body.single()) {
            throw ApiException.badRequest("outcomes", "send either one outcome's fields or \"outcomes\", not both");
        }
        if (body.outcomes().isEmpty()) {
            throw ApiException.badRequest("outcomes", "outcomes holds 1 to " + MAX_OUTCOMES + " outcomes");
        }
        if (body.outcomes().size() > MAX_OUTCOMES) {
            throw new ApiException(413, "limit_exceeded", "at most " + MAX_OUTCOMES + " outcomes per request", "outcomes");
        }
        List<OutcomeRecorder.Report> reports = new java.util.ArrayList<>(body.outcomes().size());
        for (int i = 0; i < body.outcomes().size(); i++) {
            ReportedOutcome o = body.outcomes().get(i);
            if (o == null) {
                throw ApiException.badRequest("outcomes[" + i + "]", "an outcome must be an object");
            }
            reports.add(read("outcomes[" + i + "].", o));
        }
        return reports;
    }

    /**
     * One outcome, checked.
     *
     * @param prefix what goes before each field's name in an error ({@code ""}, {@code "outcomes[2]."})
     */
    public OutcomeRecorder.Report read(String prefix, ReportedOutcome o) {
        String clientId = required(prefix, "clientId", o.clientId());
        if (!InputFields.CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest(prefix + "clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
        String prospectId = required(prefix, "prospectId", o.prospectId());
        if (prospectId.isBlank() || prospectId.length() > 128) {
            throw ApiException.badRequest(prefix + "prospectId", "a prospect id is 1 to 128 characters");
        }
        OutcomeKind kind = kind(prefix + "kind", required(prefix, "kind", o.kind()));
        String eventId = required(prefix, "eventId", o.eventId());
        if (eventId.isBlank() || eventId.length() > 128 || eventId.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(prefix + "eventId", "an event id is 1 to 128 characters, without control characters");
        }
        Instant at = time(prefix + "occurredAt", required(prefix, "occurredAt", o.occurredAt()));
        return new OutcomeRecorder.Report(clientId, prospectId, kind, eventId, at);
    }

    private static String required(String prefix, String name, String value) {
        if (value == null) {
            throw ApiException.badRequest(prefix + name, name + " is required");
        }
        return value;
    }

    private static OutcomeKind kind(String field, String value) {
        for (OutcomeKind k : KINDS) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        throw ApiException.badRequest(field, "unknown kind '" + InputFields.abbreviate(value) + "'" + Spelling.didYouMean(value, KINDS)
                + "; one of " + KINDS);
    }

    private Instant time(String field, String value) {
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "'" + InputFields.abbreviate(value)
                    + "' is not an ISO-8601 timestamp with an offset; send e.g. 2026-11-20T10:00:00Z");
        }
        if (at.isBefore(EARLIEST)) {
            throw ApiException.badRequest(field, "'" + InputFields.abbreviate(value) + "' is out of range: from 1900 on");
        }
        if (at.isAfter(clock.instant().plus(skew))) {
            throw ApiException.badRequest(field, "'" + InputFields.abbreviate(value) + "' is in the future: report an outcome once it happened");
        }
        return at;
    }
}
