package dev.voicemail.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

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
import dev.voicemail.authoring.PoliciesResource;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientChange;
import dev.voicemail.clients.ClientInput;
import dev.voicemail.clients.ClientResource;

/**
 * The Clients page: search and list the agency's clients, create and edit one (its policy chosen from
 * the loaded ones, a parameter form made from what the policy declares, value propositions edited in
 * place), its audit history, and a 412 explained. Every read and change goes through the API's own
 * {@link ClientResource} and {@link PoliciesResource}, so the checks are the API's.
 */
@Path(ConsolePaths.CLIENTS)
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ClientsPage {

    /** One parameter field of the form: what the policy declares, and the value shown. */
    public record Field(PoliciesResource.Parameter spec, String value, String inputId) {
    }

    /** The form as shown: the client (or what was typed), and a message. */
    public record Form(boolean isNew, String id, String name, String timezone, String policy, long version,
                      List<String> valuePropositions, Map<String, String> parameters) {
    }

    private final ClientResource clients;
    private final PoliciesResource policies;
    private final SecurityIdentity identity;
    private final ConsolePages pages;
    private final Template list;
    private final Template edit;
    private final Template parameterFields;

    public ClientsPage(ClientResource clients, PoliciesResource policies, SecurityIdentity identity, ConsolePages pages,
                       @Location("console/clients.html") Template list, @Location("console/client.html") Template edit,
                       @Location("console/parameters.html") Template parameterFields) {
        this.clients = clients;
        this.policies = policies;
        this.identity = identity;
        this.pages = pages;
        this.list = list;
        this.edit = edit;
        this.parameterFields = parameterFields;
    }

    @GET
    public String list(@RestQuery String q) {
        String query = q == null ? "" : q.strip();
        String needle = query.toLowerCase(Locale.ROOT);
        List<Client> found = new ArrayList<>();
        int page = 0;
        while (true) {
            List<Client> items = clients.list(Integer.toString(page), "500").items();
            for (Client c : items) {
                if (needle.isEmpty() || c.id().toLowerCase(Locale.ROOT).contains(needle)
                        || c.name().toLowerCase(Locale.ROOT).contains(needle)
                        || c.policy().toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add(c);
                }
            }
            if (items.size() < 500 || found.size() >= 1000) {
                break;
            }
            page++;
        }
        return list.data("me", me()).data("page", "clients").data("q", query).data("clients", found).render();
    }

    @GET
    @Path("/edit")
    public Response edit(@RestQuery String id, @RestQuery String saved) {
        if (id == null || id.isBlank()) {
            List<PoliciesResource.Policy> all = policies.list();
            String first = all.isEmpty() ? "" : all.get(0).name();
            return page(200, new Form(true, "", "", "", first, 0, List.of(), Map.of()), null, null);
        }
        Client c;
        try {
            c = (Client) clients.get(id).getEntity();
        } catch (ApiException e) {
            return pages.notFound(me(), e.getMessage());
        }
        Map<String, String> params = new LinkedHashMap<>();
        c.parameters().forEach((k, v) -> params.put(k, v == null ? "" : v.toString()));
        Form form = new Form(false, c.id(), c.name(), c.timezone() == null ? "" : c.timezone(), c.policy(), c.version(),
                c.valuePropositions(), params);
        return page(200, form, saved != null ? "Saved: version " + c.version() + "." : null, null);
    }

    /** The parameter fields of a policy (htmx swaps them in when the policy changes). */
    @GET
    @Path("/parameters")
    public String parameters(@RestQuery String policy) {
        return parameterFields.data("fields", fields(policy, Map.of())).data("policy", policy(policy).orElse(null)).render();
    }

    @POST
    @Path("/save")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form) {
        boolean isNew = "true".equals(form.getFirst("new"));
        String id = text(form, "id");
        String policy = text(form, "policy");
        long version = parseVersion(form.getFirst("version"));
        List<String> propositions = new ArrayList<>();
        for (String p : form.getOrDefault("valueProposition", List.of())) {
            if (p != null && !p.isBlank()) {
                propositions.add(p.strip());
            }
        }
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("p.") && !v.isEmpty() && v.get(0) != null && !v.get(0).isBlank()) {
                typed.put(k.substring(2), v.get(0).strip());
            }
        });
        Form shown = new Form(isNew, id, text(form, "name"), text(form, "timezone"), policy, version, propositions, typed);
        try {
            Map<String, Object> parameters = ParameterValues.read(policy(policy).orElse(null), typed);
            if (isNew && exists(id)) {
                return page(409, shown, null, "A client '" + id + "' already exists in your agency. Open it from the"
                        + " list to edit it, or choose another id.");
            }
            String timezone = shown.timezone().isEmpty() ? null : shown.timezone();
            clients.put(id, isNew ? null : "\"" + version + "\"",
                    new ClientInput(shown.name(), policy, timezone, parameters, propositions));
        } catch (ApiException e) {
            if (e.status() == 412) {
                return page(412, shown, null, "Not saved: someone changed this client after you opened it (you edited"
                        + " version " + version + "). Open it again to see their change, then make yours again.");
            }
            return page(e.status(), shown, null, "Not saved: " + e.getMessage()
                    + (e.field() == null ? "" : " (field: " + e.field() + ")"));
        }
        return Response.seeOther(URI.create(ConsolePaths.CLIENT_EDIT + "?id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&saved=1")).build();
    }

    private boolean exists(String id) {
        try {
            clients.get(id);
            return true;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private Response page(int status, Form form, String notice, String error) {
        List<ClientChange> history = List.of();
        if (!form.isNew()) {
            try {
                history = clients.history(form.id(), "0", "100").items();
            } catch (ApiException e) {
                // a client deleted meanwhile: the form still shows what was typed
            }
        }
        String html = edit.data("me", me()).data("page", "clients").data("form", form)
                .data("policies", policies.list())
                .data("policy", policy(form.policy()).orElse(null))
                .data("fields", fields(form.policy(), form.parameters()))
                .data("history", history).data("notice", notice).data("error", error).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private List<Field> fields(String policy, Map<String, String> values) {
        return policy(policy).map(p -> p.parameters().stream()
                .map(s -> new Field(s, values.getOrDefault(s.name(), ""), "p-" + s.name())).toList()).orElse(List.of());
    }

    private Optional<PoliciesResource.Policy> policy(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(policies.get(name));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static String text(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.strip();
    }

    private static long parseVersion(String v) {
        try {
            return v == null ? 0 : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
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
