package dev.voicemail.integrations;

import static dev.voicemail.facts.Channel.CALL;
import static dev.voicemail.facts.Channel.EMAIL;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

/**
 * Salesforce Task records as its REST query API returns them ({@code {"totalSize", "done", "records":
 * [{"attributes": {"type": "Task", ...}, "Id", "TaskSubtype", ...}]}}). A Call task is read by its
 * CallType when the mapping knows it (Internal, Inbound), else by its CallDisposition (free text, each
 * org its own values); any other task by its TaskSubtype. Its time is CreatedDate (a date-time with an
 * offset); without one, ActivityDate (a date only), read as the start of that day in the prospect's zone.
 */
final class SalesforceFormat implements CrmFormat {

    static final String SUBTYPE = "TaskSubtype";
    static final String CALL_TYPE = "Call.CallType";
    static final String DISPOSITION = "Call.CallDisposition";

    private static final String EXAMPLE = "{\"records\": [...]} as Salesforce's query API returns Task records "
            + "(totalSize and done may come along)";

    private static final Map<String, Map<String, MappingTarget>> DEFAULTS = defaultValues();
    /** Dispositions are each org's own texts: the common ones are defaults, none is required. */
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            SUBTYPE, DEFAULTS.get(SUBTYPE).keySet(), CALL_TYPE, DEFAULTS.get(CALL_TYPE).keySet());

    private static Map<String, Map<String, MappingTarget>> defaultValues() {
        Map<String, Map<String, MappingTarget>> d = new LinkedHashMap<>();
        Map<String, MappingTarget> subtype = new LinkedHashMap<>();
        subtype.put("Email", MappingTarget.of("Email", EMAIL, Outcome.SENT, Direction.OUTBOUND));
        subtype.put("ListEmail", MappingTarget.of("List email", EMAIL, Outcome.SENT, Direction.OUTBOUND));
        subtype.put("Task", MappingTarget.skipped("A to-do, not a touch"));
        subtype.put("Cadence", MappingTarget.skipped("A cadence step, not a touch"));
        subtype.put("LinkedIn", MappingTarget.skipped("LinkedIn: no channel of this service"));
        d.put(SUBTYPE, subtype);
        Map<String, MappingTarget> callType = new LinkedHashMap<>();
        callType.put("Internal", MappingTarget.skipped("An internal call, not with the prospect"));
        callType.put("Inbound", MappingTarget.of("The prospect called", CALL, Outcome.CONNECTED, Direction.INBOUND));
        d.put(CALL_TYPE, callType);
        Map<String, MappingTarget> disposition = new LinkedHashMap<>();
        disposition.put("Left Voicemail", MappingTarget.of("Left Voicemail", CALL, Outcome.VOICEMAIL_LEFT));
        disposition.put("Left Message", MappingTarget.of("Left Message", CALL, Outcome.VOICEMAIL_LEFT));
        disposition.put("No Answer", MappingTarget.of("No Answer", CALL, Outcome.NO_ANSWER));
        disposition.put("Busy", MappingTarget.of("Busy", CALL, Outcome.NO_ANSWER));
        disposition.put("Connected", MappingTarget.of("Connected", CALL, Outcome.CONNECTED));
        disposition.put("Not Interested", MappingTarget.of("Not Interested", CALL, Outcome.CONNECTED));
        disposition.put("Gatekeeper", MappingTarget.of("Gatekeeper", CALL, Outcome.GATEKEEPER));
        disposition.put("Wrong Number", MappingTarget.of("Wrong Number", CALL, Outcome.BAD_NUMBER));
        disposition.put("Do Not Call", MappingTarget.of("Do Not Call", CALL, Outcome.OPTED_OUT));
        d.put(DISPOSITION, disposition);
        return Mappings.frozen(d);
    }

    @Override
    public Map<String, Map<String, MappingTarget>> defaults() {
        return DEFAULTS;
    }

    @Override
    public Map<String, Set<String>> required() {
        return REQUIRED;
    }

    @Override
    public List<CrmRecord> read(JsonNode history, Supplier<ZoneId> zone, int maxRecords) {
        RecordFields.shape(history, List.of("records"), List.of("totalSize", "done", "nextRecordsUrl"), EXAMPLE);
        if (history == null || history.isNull()) {
            return List.of();
        }
        List<JsonNode> records = RecordFields.records(history, "records", "history.records", maxRecords);
        List<CrmRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(record(records.get(i), "history.records[" + i + "]", zone));
        }
        return out;
    }

    private static CrmRecord record(JsonNode r, String path, Supplier<ZoneId> zone) {
        String id = RecordFields.id(r, "Id", path);
        JsonNode attributes = r.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw new ApiException(400, "invalid_field", RecordFields.who(id, path) + "attributes must be an object",
                        path + ".attributes");
            }
            String type = RecordFields.text(attributes, "type", id, path + ".attributes");
            if (type != null && !type.equals("Task")) {
                throw ApiException.badRequest(path + ".attributes.type", RecordFields.who(id, path) + "a " + InputFields.abbreviate(type)
                        + " record; only Task records are read (query them with SELECT ... FROM Task)");
            }
        }
        Instant at;
        String timeField;
        String created = RecordFields.text(r, "CreatedDate", id, path);
        if (created != null) {
            at = RecordFields.dateTime(created, "CreatedDate", id, path);
            timeField = path + ".CreatedDate";
        } else {
            String day = RecordFields.text(r, "ActivityDate", id, path);
            if (day == null) {
                throw ApiException.badRequest(path + ".CreatedDate", RecordFields.who(id, path)
                        + "CreatedDate (or at least ActivityDate) is required");
            }
            at = RecordFields.date(day, zone.get(), "ActivityDate", id, path);
            timeField = path + ".ActivityDate";
        }
        RecordFields.integer(r, "CallDurationInSeconds", id, path);
        String subtype = RecordFields.requiredText(r, "TaskSubtype", id, path);
        List<CrmRecord.Lookup> lookups = new ArrayList<>(2);
        Direction direction = null;
        if (subtype.equals("Call")) {
            String callType = RecordFields.text(r, "CallType", id, path);
            if (callType != null) {
                direction = switch (callType) {
                    case "Inbound" -> Direction.INBOUND;
                    case "Outbound" -> Direction.OUTBOUND;
                    case "Internal" -> null;
                    default -> throw ApiException.badRequest(path + ".CallType", RecordFields.who(id, path) + "CallType '"
                            + InputFields.abbreviate(callType) + "' is not one of Inbound, Outbound, Internal");
                };
                lookups.add(new CrmRecord.Lookup(CALL_TYPE, path + ".CallType", callType, true));
            }
            String disposition = RecordFields.text(r, "CallDisposition", id, path);
            if (disposition != null) {
                lookups.add(new CrmRecord.Lookup(DISPOSITION, path + ".CallDisposition", disposition.strip(), false));
            } else if (callType == null || !callType.equals("Internal")) {
                // an Inbound call may be read by its CallType alone, when the mapping knows it
                lookups.add(new CrmRecord.Lookup(DISPOSITION, path + ".CallDisposition", null, false));
            }
        } else {
            lookups.add(new CrmRecord.Lookup(SUBTYPE, path + ".TaskSubtype", subtype, false));
        }
        return new CrmRecord(id, path, at, timeField, direction, lookups);
    }
}
