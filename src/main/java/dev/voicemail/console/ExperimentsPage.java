package dev.voicemail.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientResource;
import dev.voicemail.experiments.Arm;
import dev.voicemail.experiments.Experiment;
import dev.voicemail.experiments.ExperimentReport;
import dev.voicemail.experiments.ExperimentResource;
import dev.voicemail.experiments.Metric;

/**
 * The Experiments page: pick a client, see its experiments, and an experiment's arms, progress toward
 * the planned sample, report and chart; start and stop it. Everything goes through the API's own
 * {@link ExperimentResource} (role admin, the caller's own agency), so the checks are the API's.
 */
@Path(ConsolePaths.EXPERIMENTS)
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ExperimentsPage {

    /** An arm as set up, with its share of the split and its progress toward the planned sample. */
    public record ArmView(String name, String policy, String parameters, int weight, String share, long prospects,
                          long planned, int percent) {

        /** The progress bar's value: at most the planned sample. */
        public long shown() {
            return Math.min(prospects, planned);
        }
    }

    /** One arm's figures on one metric, formatted for the table. */
    public record MetricRow(String arm, String metric, boolean primary, long prospects, long armProspects, String rate,
                            String interval, String difference, String differenceInterval) {
    }

    private final ExperimentResource experiments;
    private final ClientResource clients;
    private final SecurityIdentity identity;
    private final ConsolePages pages;
    private final Template list;
    private final Template detail;

    public ExperimentsPage(ExperimentResource experiments, ClientResource clients, SecurityIdentity identity, ConsolePages pages,
                           @Location("console/experiments.html") Template list,
                           @Location("console/experiment.html") Template detail) {
        this.experiments = experiments;
        this.clients = clients;
        this.identity = identity;
        this.pages = pages;
        this.list = list;
        this.detail = detail;
    }

    @GET
    public Response list(@RestQuery String clientId) {
        String chosen = clientId == null ? "" : clientId.strip();
        List<Client> all = new ArrayList<>();
        for (int page = 0; page < 20; page++) { // the picker lists up to 10,000 clients; ?clientId= reaches any
            List<Client> items = clients.list(Integer.toString(page), "500").items();
            all.addAll(items);
            if (items.size() < 500) {
                break;
            }
        }
        List<Experiment> found = null;
        if (!chosen.isEmpty()) {
            try {
                clients.get(chosen);
                found = experiments.list(chosen, "0", "500").items();
            } catch (ApiException e) {
                return pages.notFound(me(), "No client '" + chosen + "' in your agency.");
            }
        }
        String html = list.data("me", me()).data("page", "experiments").data("clients", all).data("clientId", chosen)
                .data("experiments", found).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE).build();
    }

    @GET
    @Path("/detail")
    public Response detail(@RestQuery String clientId, @RestQuery String id, @RestQuery String done) {
        String notice = "started".equals(done) ? "Started: the client's decisions are now made in the arms."
                : "stopped".equals(done) ? "Stopped: the client's decisions use its own policy again." : null;
        return show(200, text(clientId), text(id), notice, null);
    }

    /** As {@code POST /v1/clients/{clientId}/experiments/{id}/start}. */
    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@RestForm String clientId, @RestForm String id) {
        return change(text(clientId), text(id), true);
    }

    /** As {@code POST /v1/clients/{clientId}/experiments/{id}/stop}. */
    @POST
    @Path("/stop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response stop(@RestForm String clientId, @RestForm String id) {
        return change(text(clientId), text(id), false);
    }

    private Response change(String clientId, String id, boolean start) {
        try {
            experiments.get(clientId, id);
        } catch (ApiException e) {
            return missing(clientId, id);
        }
        try {
            if (start) {
                experiments.start(clientId, id);
            } else {
                experiments.stop(clientId, id);
            }
        } catch (ApiException e) {
            return show(e.status(), clientId, id, null, (start ? "Not started: " : "Not stopped: ") + e.getMessage());
        }
        return Response.seeOther(URI.create(ConsolePaths.EXPERIMENT + "?clientId=" + encode(clientId) + "&id=" + encode(id)
                + "&done=" + (start ? "started" : "stopped"))).build();
    }

    private Response show(int status, String clientId, String id, String notice, String error) {
        Experiment e;
        ExperimentReport report;
        try {
            e = (Experiment) experiments.get(clientId, id).getEntity();
            report = experiments.report(clientId, id);
        } catch (ApiException x) {
            return missing(clientId, id);
        }
        String metric = e.primaryMetric().json();
        String html = detail.data("me", me()).data("page", "experiments").data("e", e).data("r", report)
                .data("arms", arms(e, report)).data("rows", rows(report, metric)).data("metric", metric)
                .data("chart", ExperimentChart.of(report, metric)).data("notice", notice).data("error", error)
                .data("status", e.status().name()).data("mayChange", me().has(Roles.ADMIN)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private Response missing(String clientId, String id) {
        return pages.notFound(me(), "No experiment '" + id + "' of client '" + clientId + "' in your agency.");
    }

    private static List<ArmView> arms(Experiment e, ExperimentReport report) {
        List<ArmView> views = new ArrayList<>();
        int total = e.totalWeight();
        for (Arm arm : e.arms()) {
            long prospects = report.arms().stream().filter(a -> a.name().equals(arm.name()))
                    .mapToLong(ExperimentReport.ArmReport::prospects).findFirst().orElse(0);
            String parameters = arm.parameters() == null || arm.parameters().isEmpty() ? "—"
                    : arm.parameters().entrySet().stream().map(p -> p.getKey() + " = " + p.getValue())
                            .collect(Collectors.joining(", "));
            int percent = (int) Math.min(100, prospects * 100 / Math.max(1, e.plannedProspectsPerArm()));
            views.add(new ArmView(arm.name(), arm.policy(), parameters, arm.weight(),
                    String.format(Locale.ROOT, "%d of %d (%.0f%%)", arm.weight(), total, 100.0 * arm.weight() / total),
                    prospects, e.plannedProspectsPerArm(), percent));
        }
        return views;
    }

    private static List<MetricRow> rows(ExperimentReport report, String primary) {
        List<MetricRow> rows = new ArrayList<>();
        for (ExperimentReport.ArmReport arm : report.arms()) {
            for (Metric metric : Metric.values()) {
                ExperimentReport.MetricResult m = arm.metrics().get(metric.json());
                if (m == null) {
                    continue;
                }
                ExperimentReport.Difference d = m.differenceFromFirst();
                rows.add(new MetricRow(arm.name(), metric.json(), metric.json().equals(primary), m.prospects(), arm.prospects(),
                        ExperimentChart.percent(m.rate()),
                        ExperimentChart.percent(m.interval().low()) + " to " + ExperimentChart.percent(m.interval().high()),
                        d == null ? "baseline" : points(d.estimate()),
                        d == null ? "—" : points(d.low()) + " to " + points(d.high())));
            }
        }
        return rows;
    }

    /** A difference of shares in percentage points, signed (0.0347 → +3.5 pp). */
    private static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f pp", difference * 100);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ConsoleView me() {
        return ConsoleView.of(Caller.of(identity));
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e) {
        return pages.signIn();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return pages.forbidden(identity);
    }
}
