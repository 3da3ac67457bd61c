package dev.voicemail.outcomes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.voicemail.clients.ClientDirectory;

/**
 * Records reported outcomes for an agency: each is attributed to the prospect's latest decision
 * (by call time) before it within the window, or to none, and stored once per CRM event id. The
 * entry point for every package that reports outcomes (the HTTP API, the CRM mappings).
 */
@ApplicationScoped
public class OutcomeRecorder {

    /** A reported outcome that passed {@link OutcomeReader}. */
    public record Report(String clientId, String prospectId, OutcomeKind kind, String eventId, Instant occurredAt) {
    }

    public enum Status {
        /** Stored now. */
        RECORDED,
        /** The same event was stored before (this report or an earlier one): counted once. */
        DUPLICATE,
        /** No such client in the agency: nothing stored. */
        UNKNOWN_CLIENT
    }

    /**
     * What became of one report.
     *
     * @param decisionId the decision it is attributed to (for a duplicate: the one it was attributed to when first stored); null when none
     */
    public record Result(String eventId, Status status, UUID decisionId) {
    }

    private final OutcomeRepository repository;
    private final ClientDirectory clients;
    private final OutcomesConfig config;

    public OutcomeRecorder(OutcomeRepository repository, ClientDirectory clients, OutcomesConfig config) {
        this.repository = repository;
        this.clients = clients;
        this.config = config;
    }

    /**
     * Records each report in its own transaction, in order, and answers one result per report. Blocking
     * (the database): call it off the event loop. A database failure is thrown (503 over HTTP); the
     * reports stored before it stay stored, and sending them all again is safe.
     */
    public List<Result> record(String agency, List<Report> reports) {
        // the clients first (from this replica's copies, mostly), so that no connection is held while they are read
        Map<String, Boolean> known = new HashMap<>();
        for (Report r : reports) {
            known.computeIfAbsent(r.clientId(), id -> clients.find(agency, id).isPresent());
        }
        List<Result> results = new ArrayList<>(reports.size());
        try (Connection c = repository.db().connection()) {
            for (Report r : reports) {
                results.add(known.get(r.clientId()) ? record(c, agency, r) : new Result(r.eventId(), Status.UNKNOWN_CLIENT, null));
            }
            return results;
        } catch (SQLException e) {
            throw repository.db().failure("cannot record the outcomes", e);
        }
    }

    private Result record(Connection c, String agency, Report r) throws SQLException {
        Optional<Optional<UUID>> before = OutcomeRepository.existing(c, agency, r.clientId(), OutcomeRepository.REPORTED, r.eventId());
        if (before.isPresent()) {
            return new Result(r.eventId(), Status.DUPLICATE, before.get().orElse(null));
        }
        OutcomeRepository.Decision decision = OutcomeRepository.latestBefore(c, agency, r.clientId(), r.prospectId(),
                r.occurredAt(), config.window()).orElse(null);
        if (OutcomeRepository.insert(c, agency, r.clientId(), r.prospectId(), r.kind(), OutcomeRepository.REPORTED, r.eventId(),
                r.occurredAt(), decision, Instant.now())) {
            return new Result(r.eventId(), Status.RECORDED, decision == null ? null : decision.id());
        }
        // stored meanwhile by a concurrent report of the same event (another request, another replica)
        return new Result(r.eventId(), Status.DUPLICATE,
                OutcomeRepository.existing(c, agency, r.clientId(), OutcomeRepository.REPORTED, r.eventId())
                        .flatMap(d -> d).orElse(null));
    }
}
