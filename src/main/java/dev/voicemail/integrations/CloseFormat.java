package dev.voicemail.integrations;

import static dev.voicemail.facts.Channel.CALL;
import static dev.voicemail.facts.Channel.EMAIL;
import static dev.voicemail.facts.Channel.TEXT;
import static dev.voicemail.facts.Channel.VISIT;

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
 * Close activities as its API returns them ({@code GET /api/v1/activity/?lead_id=...}: {@code {"data":
 * [...], "has_more"}}, each with {@code id}, {@code _type}, {@code date_created}). A Call is read by its
 * disposition, an Email or SMS by its direction, a Meeting by its status (its time is starts_at); any
 * other activity by its {@code _type}.
 */
final class CloseFormat implements CrmFormat {

    static final String DISPOSITION = "Call.disposition";
    static final String EMAIL_DIRECTION = "Email.direction";
    static final String SMS_DIRECTION = "SMS.direction";
    static final String MEETING_STATUS = "Meeting.status";
    static final String TYPE = "_type";

    private static final String EXAMPLE = "{\"data\": [...]} as Close's activity API returns it (has_more may come along)";

    private static final Map<String, Map<String, MappingTarget>> DEFAULTS = defaultValues();
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            DISPOSITION, DEFAULTS.get(DISPOSITION).keySet(), EMAIL_DIRECTION, DEFAULTS.get(EMAIL_DIRECTION).keySet(),
            SMS_DIRECTION, DEFAULTS.get(SMS_DIRECTION).keySet(), MEETING_STATUS, DEFAULTS.get(MEETING_STATUS).keySet());

    private static Map<String, Map<String, MappingTarget>> defaultValues() {
        Map<String, Map<String, MappingTarget>> d = new LinkedHashMap<>();
        Map<String, MappingTarget> disposition = new LinkedHashMap<>();
        disposition.put("answered", MappingTarget.of("Answered", CALL, Outcome.CONNECTED));
        disposition.put("no-answer", MappingTarget.of("No answer", CALL, Outcome.NO_ANSWER));
        disposition.put("vm-answer", MappingTarget.of("Reached voicemail, none left", CALL, Outcome.VOICEMAIL_SKIPPED));
        disposition.put("vm-left", MappingTarget.of("Voicemail left", CALL, Outcome.VOICEMAIL_LEFT));
        disposition.put("busy", MappingTarget.of("Busy", CALL, Outcome.NO_ANSWER));
        disposition.put("blocked", MappingTarget.of("Blocked", CALL, Outcome.BAD_NUMBER));
        disposition.put("error", MappingTarget.skipped("The call failed to go through"));
        disposition.put("abandoned", MappingTarget.of("Abandoned", CALL, Outcome.NO_ANSWER));
        d.put(DISPOSITION, disposition);
        Map<String, MappingTarget> email = new LinkedHashMap<>();
        email.put("outgoing", MappingTarget.of("Sent", EMAIL, Outcome.SENT, Direction.OUTBOUND));
        email.put("incoming", MappingTarget.of("Received", EMAIL, Outcome.REPLIED, Direction.INBOUND));
        d.put(EMAIL_DIRECTION, email);
        Map<String, MappingTarget> sms = new LinkedHashMap<>();
        sms.put("outbound", MappingTarget.of("Sent", TEXT, Outcome.SENT, Direction.OUTBOUND));
        sms.put("inbound", MappingTarget.of("Received", TEXT, Outcome.REPLIED, Direction.INBOUND));
        d.put(SMS_DIRECTION, sms);
        Map<String, MappingTarget> meeting = new LinkedHashMap<>();
        meeting.put("upcoming", MappingTarget.of("Upcoming", VISIT, Outcome.PLANNED));
        meeting.put("completed", MappingTarget.of("Completed", VISIT, Outcome.DONE));
        meeting.put("canceled", MappingTarget.skipped("Canceled"));
        meeting.put("declined-by-lead", MappingTarget.skipped("Declined by the lead"));
        meeting.put("declined-by-org", MappingTarget.skipped("Declined by us"));
        d.put(MEETING_STATUS, meeting);
        Map<String, MappingTarget> type = new LinkedHashMap<>();
        for (String other : List.of("Note", "Created", "LeadStatusChange", "OpportunityStatusChange", "TaskCompleted",
                "EmailThread", "CustomActivity")) {
            type.put(other, MappingTarget.skipped("Not a touch of the prospect"));
        }
        d.put(TYPE, type);
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
        RecordFields.shape(history, List.of("data"), List.of("has_more", "cursor"), EXAMPLE);
        if (history == null || history.isNull()) {
            return List.of();
        }
        List<JsonNode> records = RecordFields.records(history, "data", "history.data", maxRecords);
        List<CrmRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(record(records.get(i), "history.data[" + i + "]"));
        }
        return out;
    }

    private static CrmRecord record(JsonNode r, String path) {
        String id = RecordFields.id(r, "id", path);
        String type = RecordFields.requiredText(r, "_type", id, path);
        String timeName = type.equals("Meeting") ? "starts_at" : "date_created";
        var at = RecordFields.dateTime(RecordFields.requiredText(r, timeName, id, path), timeName, id, path);
        List<CrmRecord.Lookup> lookups = new ArrayList<>(1);
        Direction direction = null;
        switch (type) {
            case "Call" -> {
                String d = RecordFields.text(r, "direction", id, path);
                if (d != null) {
                    direction = switch (d) {
                        case "inbound" -> Direction.INBOUND;
                        case "outbound" -> Direction.OUTBOUND;
                        default -> throw ApiException.badRequest(path + ".direction", RecordFields.who(id, path)
                                + "direction '" + InputFields.abbreviate(d) + "' is not one of inbound, outbound");
                    };
                }
                lookups.add(new CrmRecord.Lookup(DISPOSITION, path + ".disposition", RecordFields.text(r, "disposition", id, path), false));
            }
            case "Email" -> lookups.add(new CrmRecord.Lookup(EMAIL_DIRECTION, path + ".direction",
                    RecordFields.text(r, "direction", id, path), false));
            case "SMS" -> lookups.add(new CrmRecord.Lookup(SMS_DIRECTION, path + ".direction",
                    RecordFields.text(r, "direction", id, path), false));
            case "Meeting" -> lookups.add(new CrmRecord.Lookup(MEETING_STATUS, path + ".status",
                    RecordFields.text(r, "status", id, path), false));
            default -> lookups.add(new CrmRecord.Lookup(TYPE, path + "._type", type, false));
        }
        return new CrmRecord(id, path, at, path + "." + timeName, direction, lookups);
    }
}
