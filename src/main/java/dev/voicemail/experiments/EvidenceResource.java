package dev.voicemail.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.db.Database;
import dev.voicemail.facts.Action;

import io.quarkus.security.identity.SecurityIdentity;

/** The observational report over a whole client: voicemail left against not left (role admin). */
@Tag(name = "Experiments")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/clients/{clientId}/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    static final String CAUTION = "Observational: the policy chose who got a voicemail, so the groups differ in more than the"
            + " voicemail (e.g. prospects already spoken to). A difference here is a lead for an experiment, not proof.";

    private final Database db;
    private final ClientDirectory clients;
    private final SecurityIdentity identity;

    public EvidenceResource(Database db, ClientDirectory clients, SecurityIdentity identity) {
        this.db = db;
        this.clients = clients;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getClientEvidence", summary = "Voicemail left against not left (observational)",
            description = "Over the client's logged decisions (optionally from/to), the decisions that left a voicemail against those "
                    + "that did not: per metric the decisions with an attributed outcome, the rate with its 95% Wilson interval, and "
                    + "(in voicemail-left) the difference with its 95% Newcombe interval. Not randomised: run an experiment to know.")
    @APIResponse(responseCode = "200", description = "The observational report.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceReport.class)))
    @APIResponse(responseCode = "400", description = "from or to is not an ISO-8601 instant, or from is after to.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public EvidenceReport evidence(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                                   @Parameter(description = "Decisions from this instant on (ISO-8601).", example = "2026-11-01T00:00:00Z")
                                   @QueryParam("from") String from,
                                   @Parameter(description = "Decisions before this instant (ISO-8601).", example = "2026-12-01T00:00:00Z")
                                   @QueryParam("to") String to) {
        String agency = Caller.of(identity).agency();
        if (clientId == null || !InputFields.CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("from", "from is after to");
        }
        if (clients.find(agency, clientId).isEmpty()) {
            throw ApiException.notFound("no client '" + clientId + "'");
        }
        long[] decisions = new long[2]; // [left, not left]
        Map<Metric, long[]> withOutcome = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            withOutcome.put(m, new long[2]);
        }
        String range = (start == null ? "" : " AND d.decided_at >= ?") + (end == null ? "" : " AND d.decided_at < ?");
        try (Connection c = db.lazyConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT d.action, COUNT(*)"
                    + " FROM decision_log d WHERE d.agency = ? AND d.client_id = ?" + range + " GROUP BY d.action")) {
                bind(s, agency, clientId, start, end, 0);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        decisions[group(rs.getString(1))] += rs.getLong(2);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT d.action, o.kind,"
                    + " COUNT(DISTINCT d.id) FROM outcome o JOIN decision_log d ON d.id = o.decision_id AND d.decided_at = o.decided_at"
                    + " WHERE o.agency = ? AND o.client_id = ? AND d.agency = ? AND d.client_id = ?" + range + " GROUP BY d.action, o.kind")) {
                s.setString(1, agency);
                s.setString(2, clientId);
                bind(s, agency, clientId, start, end, 2);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Metric m = Metric.parse(rs.getString(2));
                        if (m != null) {
                            withOutcome.get(m)[group(rs.getString(1))] += rs.getLong(3);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the evidence of client " + clientId, e);
        }
        double z = Proportions.z(ExperimentReports.CONFIDENCE);
        Map<String, ExperimentReport.MetricResult> left = new LinkedHashMap<>();
        Map<String, ExperimentReport.MetricResult> notLeft = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            long[] x = withOutcome.get(m);
            Proportions.Interval d = Proportions.newcombe(x[0], decisions[0], x[1], decisions[1], z);
            left.put(m.json(), result(x[0], decisions[0], z, new ExperimentReport.Difference(d.estimate(), d.low(), d.high())));
            notLeft.put(m.json(), result(x[1], decisions[1], z, null));
        }
        return new EvidenceReport(clientId, "observational", CAUTION, start, end, List.of(
                new EvidenceReport.Group("voicemail-left", decisions[0], left),
                new EvidenceReport.Group("no-voicemail", decisions[1], notLeft)));
    }

    /** 0: a voicemail was left; 1: not. */
    private static int group(String action) {
        return Action.LEAVE_VOICEMAIL.name().equals(action) ? 0 : 1;
    }

    private static ExperimentReport.MetricResult result(long x, long n, double z, ExperimentReport.Difference diff) {
        Proportions.Interval i = Proportions.wilson(x, n, z);
        return new ExperimentReport.MetricResult(x, i.estimate(), new ExperimentReport.Range(i.low(), i.high()), diff);
    }

    private static void bind(PreparedStatement s, String agency, String clientId, Instant start, Instant end, int offset)
            throws SQLException {
        int i = offset;
        s.setString(++i, agency);
        s.setString(++i, clientId);
        if (start != null) {
            s.setObject(++i, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        }
        if (end != null) {
            s.setObject(++i, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " is not an ISO-8601 instant with an offset (e.g. 2026-11-01T00:00:00Z)");
        }
        return InputFields.inUtc(field, value, time);
    }
}
