package dev.voicemail.console;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.OperatorAgency;
import dev.voicemail.auth.Roles;
import dev.voicemail.authoring.RulesResource;
import dev.voicemail.decisionlog.ImpactResource;

/**
 * The Rules page: the loaded version and files, the last load's errors with file and line (as the
 * caller's agency may see them), and, for the operator's authors, a DRL box that validates without
 * loading ({@code POST /v1/rules/validate}) and shows the candidate's impact on the decision log
 * ({@code POST /v1/rules/impact}); both through the API's own resources, so with the API's checks.
 */
@Path(ConsolePaths.RULES)
@RolesAllowed({Roles.ADMIN, Roles.AUTHOR})
@Produces(MediaType.TEXT_HTML)
public class RulesPage {

    /** Validation waits behind a queue; a page does not wait longer than this. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final RulesResource rules;
    private final ImpactResource impact;
    private final OperatorAgency operator;
    private final SecurityIdentity identity;
    private final ConsolePages pages;
    private final Template page;
    private final Template result;

    public RulesPage(RulesResource rules, ImpactResource impact, OperatorAgency operator, SecurityIdentity identity,
                     ConsolePages pages, @Location("console/rules.html") Template page,
                     @Location("console/rules-result.html") Template result) {
        this.rules = rules;
        this.impact = impact;
        this.operator = operator;
        this.identity = identity;
        this.pages = pages;
        this.page = page;
        this.result = result;
    }

    @GET
    public String status() {
        Caller caller = Caller.of(identity);
        return page.data("me", ConsoleView.of(caller)).data("page", "rules").data("status", rules.status())
                .data("mayChange", operator.mayChangeRules(caller))
                .data("path", "policies/candidate.drl").data("drl", "").render();
    }

    /** Compiles the DRL with the loaded rules, as {@code POST /v1/rules/validate}; loads nothing. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.AUTHOR)
    public Response validate(@RestForm String path, @RestForm String drl) {
        try {
            RulesResource.Validation v = rules.validate(new RulesResource.ValidateRequest(files(path, drl)))
                    .await().atMost(WAIT);
            return fragment(v, null, null, null);
        } catch (ApiException e) {
            return fragment(null, null, null, e.getMessage());
        }
    }

    /** What the candidate would change in the logged decisions, as {@code POST /v1/rules/impact}. */
    @POST
    @Path("/impact")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.AUTHOR)
    public Response impact(@RestForm String path, @RestForm String drl, @RestForm String limit) throws InterruptedException {
        try {
            Integer n = limit == null || limit.isBlank() ? null : Integer.valueOf(limit.strip());
            Object body = impact.impact(new ImpactResource.ImpactRequest(files(path, drl), null, null, null, null, n))
                    .getEntity();
            if (body instanceof ImpactResource.Impact i) {
                return fragment(null, i, null, null);
            }
            // the replay was stopped: the API answers with why
            return fragment(null, null, (RulesResource.Rejected) body, null);
        } catch (NumberFormatException e) {
            return fragment(null, null, null, "limit must be a whole number");
        } catch (ApiException e) {
            return fragment(null, null, null, e.getMessage());
        }
    }

    private static Map<String, String> files(String path, String drl) {
        return Map.of(path == null ? "" : path.strip(), drl == null ? "" : drl);
    }

    private Response fragment(RulesResource.Validation validation, ImpactResource.Impact impactResult,
                              RulesResource.Rejected rejected, String error) {
        return Response.ok(result.data("validation", validation).data("impact", impactResult).data("rejected", rejected)
                .data("error", error).render(), MediaType.TEXT_HTML_TYPE).build();
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
