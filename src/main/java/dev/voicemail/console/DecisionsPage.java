package dev.voicemail.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.decisionlog.DecisionLogResource;
import dev.voicemail.decisionlog.LoggedDecision;

/**
 * The Decisions page: the agency's decision log with its filters, one decision's request and answer,
 * and a replay under today's rules; through the API's own {@link DecisionLogResource} (roles crm and
 * admin, each agency its own entries).
 */
@Path(ConsolePaths.DECISIONS)
@RolesAllowed({Roles.CRM, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class DecisionsPage {

    public record Filters(String clientId, String prospectId, String from, String to, String action) {

        /** The page after {@code cursor} under the same filters, each value URL-encoded (an id may hold & or #). */
        String pageAfter(String cursor) {
            StringBuilder href = new StringBuilder("/console/decisions?cursor=").append(encode(cursor));
            String[][] all = {{"clientId", clientId}, {"prospectId", prospectId}, {"from", from}, {"to", to}, {"action", action}};
            for (String[] f : all) {
                if (f[1] != null && !f[1].isEmpty()) {
                    href.append('&').append(f[0]).append('=').append(encode(f[1]));
                }
            }
            return href.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private final DecisionLogResource log;
    private final SecurityIdentity identity;
    private final ConsolePages pages;
    private final ObjectMapper json;
    private final Template list;
    private final Template detail;

    public DecisionsPage(DecisionLogResource log, SecurityIdentity identity, ConsolePages pages, ObjectMapper json,
                         @Location("console/decisions.html") Template list,
                         @Location("console/decision.html") Template detail) {
        this.log = log;
        this.identity = identity;
        this.pages = pages;
        this.json = json;
        this.list = list;
        this.detail = detail;
    }

    @GET
    public Response list(@RestQuery String clientId, @RestQuery String prospectId, @RestQuery String from,
                         @RestQuery String to, @RestQuery String action, @RestQuery String cursor) {
        Filters filters = new Filters(blank(clientId), blank(prospectId), blank(from), blank(to), blank(action));
        LoggedDecision.Page page = null;
        String error = null;
        int status = 200;
        try {
            page = log.list(nullIfBlank(clientId), nullIfBlank(prospectId), nullIfBlank(from), nullIfBlank(to),
                    nullIfBlank(action), "50", nullIfBlank(cursor));
        } catch (ApiException e) {
            status = e.status();
            error = e.getMessage();
        }
        String html = list.data("me", me()).data("page", "decisions").data("f", filters).data("log", page)
                .data("error", error).data("older", page == null || page.next() == null ? null : filters.pageAfter(page.next()))
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    @GET
    @Path("/detail")
    public Response detail(@RestQuery String id) {
        try {
            return show(log.get(id == null ? "" : id), null);
        } catch (ApiException e) {
            return pages.notFound(me(), "No decision '" + (id == null ? "" : id) + "' in your agency's log.");
        }
    }

    /** Decides the logged request again, as {@code POST /v1/decisions/{id}/replay}. */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@RestForm String id) {
        LoggedDecision entry;
        try {
            entry = log.get(id == null ? "" : id);
        } catch (ApiException e) {
            return pages.notFound(me(), "No decision '" + (id == null ? "" : id) + "' in your agency's log.");
        }
        try {
            return show(entry, log.replay(id));
        } catch (ApiException e) {
            return pages.page(e.status(), me(), "Replay not possible", e.getMessage());
        }
    }

    private Response show(LoggedDecision entry, DecisionLogResource.Replay replay) {
        String html = detail.data("me", me()).data("page", "decisions").data("d", entry)
                .data("request", pretty(entry.request())).data("answer", pretty(entry.answer()))
                .data("replay", replay).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE).build();
    }

    private String pretty(JsonNode node) {
        try {
            return node == null ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    private static String nullIfBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
