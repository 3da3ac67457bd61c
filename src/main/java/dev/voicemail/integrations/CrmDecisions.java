package dev.voicemail.integrations;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.LimitsConfig;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.decision.RequestReader;

/**
 * Decides a call from the CRM's own records: reads them through the agency's mapping into a native
 * decision request, then decides it exactly as {@code POST /v1/decisions} does (the same reader, the
 * same service), so the answer is the native one for the translated history.
 */
@ApplicationScoped
public class CrmDecisions {

    private static final Pattern ATTEMPT_FIELD = Pattern.compile("attempts\\[(\\d+)](.*)");

    private final RequestReader reader;
    private final DecisionService service;
    private final ClientDirectory clients;
    private final int maxRecords;
    private final ObjectMapper json;

    public CrmDecisions(RequestReader reader, DecisionService service, ClientDirectory clients, LimitsConfig limits,
                        ObjectMapper json) {
        this.json = json;
        this.reader = reader;
        this.service = service;
        this.clients = clients;
        this.maxRecords = limits.maxAttempts();
    }

    /** A request read through the mapping: the native input and what each record was read as. */
    record Translated(DecisionInput input, Translation translation) {
    }

    CrmDecision decide(String agency, Crm crm, AgencyMappings.Current mapping, CrmDecisionRequest r) {
        Translated t = translate(agency, crm, mapping, r);
        Client client = clients.find(agency, t.input().clientId())
                .orElseThrow(() -> ApiException.notFound("no client '" + t.input().clientId() + "'"));
        return new CrmDecision(service.decide(client, t.input()), t.translation().readAs());
    }

    /** The records of a request, read through the mapping, without deciding (also what outcomes are read from). */
    List<CrmRecord> records(String agency, Crm crm, CrmDecisionRequest r) {
        if (r == null) {
            throw ApiException.badRequest(null, "the body must be a request: {\"clientId\", \"prospect\", \"call\", \"history\"}");
        }
        return crm.format().read(json.valueToTree(r.history()), zone(agency, r), maxRecords);
    }

    Translated translate(String agency, Crm crm, AgencyMappings.Current mapping, CrmDecisionRequest r) {
        Translation translation = Translation.of(crm, mapping.mapping(), mapping.index(), records(agency, crm, r));
        DecisionRequest request = new DecisionRequest(r.clientId(), r.prospect(), r.call(), translation.attempts());
        try {
            return new Translated(reader.read(request), translation);
        } catch (ApiException e) {
            throw onRecord(e, translation);
        }
    }

    /** An attempt the native reader refused, said of the CRM record it was read from. */
    private static ApiException onRecord(ApiException e, Translation translation) {
        Matcher m = e.field() == null ? null : ATTEMPT_FIELD.matcher(e.field());
        if (m == null || !m.matches()) {
            return e;
        }
        CrmRecord record = translation.touches().get(Integer.parseInt(m.group(1)));
        String field = m.group(2).equals(".at") ? record.timeField() : record.path();
        return new ApiException(e.status(), e.code(), RecordFields.who(record.id(), record.path()) + e.getMessage(), field,
                e.details());
    }

    /** The zone a date-only CRM field is read in: the prospect's, else the client's, else UTC (as days are counted). */
    private Supplier<ZoneId> zone(String agency, CrmDecisionRequest r) {
        return () -> {
            if (r.prospect() != null && r.prospect().timezone() != null) {
                return InputFields.zone("prospect.timezone", r.prospect().timezone());
            }
            if (r.clientId() != null && InputFields.CLIENT_ID.matcher(r.clientId()).matches()) {
                ZoneId zone = clients.find(agency, r.clientId()).map(Client::zone).orElse(null);
                if (zone != null) {
                    return zone;
                }
            }
            return ZoneOffset.UTC;
        };
    }
}
