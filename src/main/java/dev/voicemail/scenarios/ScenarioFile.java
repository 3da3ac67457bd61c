package dev.voicemail.scenarios;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code rules/tests/**}{@code /*.yaml} file: defaults for its cases, and the cases.
 *
 * @param policy the policy every case uses unless it names another
 * @param client the client every case uses unless it overrides a part
 */
public record ScenarioFile(String policy, ClientSpec client, List<Case> cases) {

    /** The client a case runs for; each field may be left out. */
    public record ClientSpec(String name, String timezone, Map<String, Object> parameters,
                             List<String> valuePropositions) {
    }

    /**
     * @param request the decision request as a CRM sends it, without clientId
     * @param expect  fields the answer must hold: {@code action}, {@code reasons} (rule names, in
     *                firing order, others may come between), or any other answer field (a subset match)
     */
    public record Case(String name, String policy, Map<String, Object> parameters, ClientSpec client,
                       JsonNode request, JsonNode expect) {
    }
}
