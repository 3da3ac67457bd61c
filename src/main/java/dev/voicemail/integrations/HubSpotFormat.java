package dev.voicemail.integrations;

import static dev.voicemail.facts.Channel.CALL;
import static dev.voicemail.facts.Channel.EMAIL;
import static dev.voicemail.facts.Channel.VISIT;

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
 * HubSpot engagements as its CRM v3 objects API returns them ({@code GET /crm/v3/objects/calls},
 * {@code .../emails}, {@code .../meetings}: each result {@code {"id", "properties": {...}}}), grouped
 * by object type in {@code history}. A call is read by its disposition (a GUID), else its status.
 */
final class HubSpotFormat implements CrmFormat {

    static final String DISPOSITION = "calls.hs_call_disposition";
    static final String CALL_STATUS = "calls.hs_call_status";
    static final String EMAIL_DIRECTION = "emails.hs_email_direction";
    static final String EMAIL_STATUS = "emails.hs_email_status";
    static final String MEETING_OUTCOME = "meetings.hs_meeting_outcome";

    private static final String EXAMPLE = "{\"calls\": [...], \"emails\": [...], \"meetings\": [...]}, each record as HubSpot's "
            + "CRM API returns it: {\"id\": \"...\", \"properties\": {...}}";

    private static final Map<String, Map<String, MappingTarget>> DEFAULTS = defaultValues();

    private static Map<String, Map<String, MappingTarget>> defaultValues() {
        Map<String, Map<String, MappingTarget>> d = new LinkedHashMap<>();
        Map<String, MappingTarget> dispositions = new LinkedHashMap<>();
        dispositions.put("9d9162e7-6cf3-4944-bf63-4dff82258764", MappingTarget.of("Busy", CALL, Outcome.NO_ANSWER));
        dispositions.put("f240bbac-87c9-4f6e-bf70-924b57d47db7", MappingTarget.of("Connected", CALL, Outcome.CONNECTED));
        dispositions.put("a4c4c377-d246-4b32-a13b-75a56a4cd0ff", MappingTarget.of("Left live message", CALL, Outcome.GATEKEEPER));
        dispositions.put("b2cf5968-551e-4856-9783-52b3da59a7d0", MappingTarget.of("Left voicemail", CALL, Outcome.VOICEMAIL_LEFT));
        dispositions.put("73a0d17f-1163-4015-bdd5-ec830791da20", MappingTarget.of("No answer", CALL, Outcome.NO_ANSWER));
        dispositions.put("17b47fee-58de-441e-a44c-c6300d46f273", MappingTarget.of("Wrong number", CALL, Outcome.BAD_NUMBER));
        d.put(DISPOSITION, dispositions);
        Map<String, MappingTarget> status = new LinkedHashMap<>();
        status.put("COMPLETED", MappingTarget.of("Completed (read only when the call has no disposition)", CALL, Outcome.CONNECTED));
        status.put("BUSY", MappingTarget.of("Busy", CALL, Outcome.NO_ANSWER));
        status.put("NO_ANSWER", MappingTarget.of("No answer", CALL, Outcome.NO_ANSWER));
        status.put("MISSED", MappingTarget.of("Missed (an inbound call nobody took)", CALL, Outcome.NO_ANSWER));
        status.put("FAILED", MappingTarget.skipped("Failed: the call did not go through"));
        status.put("CANCELED", MappingTarget.skipped("Canceled before it rang"));
        for (String unfinished : List.of("QUEUED", "CONNECTING", "RINGING", "IN_PROGRESS", "CALLING_CRM_USER")) {
            status.put(unfinished, MappingTarget.skipped("Not finished yet"));
        }
        d.put(CALL_STATUS, status);
        Map<String, MappingTarget> emailDirection = new LinkedHashMap<>();
        emailDirection.put("EMAIL", MappingTarget.of("Sent by a rep", EMAIL, Outcome.SENT, Direction.OUTBOUND));
        emailDirection.put("INCOMING_EMAIL", MappingTarget.of("Received from the contact", EMAIL, Outcome.REPLIED, Direction.INBOUND));
        emailDirection.put("FORWARDED_EMAIL", MappingTarget.of("Forwarded by a rep", EMAIL, Outcome.SENT, Direction.OUTBOUND));
        d.put(EMAIL_DIRECTION, emailDirection);
        Map<String, MappingTarget> emailStatus = new LinkedHashMap<>();
        emailStatus.put("BOUNCED", MappingTarget.of("Bounced", EMAIL, Outcome.BOUNCED, Direction.OUTBOUND));
        emailStatus.put("FAILED", MappingTarget.skipped("Failed: never sent"));
        d.put(EMAIL_STATUS, emailStatus);
        Map<String, MappingTarget> meeting = new LinkedHashMap<>();
        meeting.put("SCHEDULED", MappingTarget.of("Scheduled", VISIT, Outcome.PLANNED));
        meeting.put("RESCHEDULED", MappingTarget.of("Rescheduled", VISIT, Outcome.PLANNED));
        meeting.put("COMPLETED", MappingTarget.of("Completed", VISIT, Outcome.DONE));
        meeting.put("NO_SHOW", MappingTarget.skipped("No show"));
        meeting.put("CANCELED", MappingTarget.skipped("Canceled"));
        d.put(MEETING_OUTCOME, meeting);
        return Mappings.frozen(d);
    }

    private static final Map<String, Set<String>> REQUIRED = Mappings.keysOf(DEFAULTS);

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
        RecordFields.shape(history, List.of("calls", "emails", "meetings"), List.of(), EXAMPLE);
        if (history == null || history.isNull()) {
            return List.of();
        }
        List<CrmRecord> out = new ArrayList<>();
        int room = maxRecords;
        for (String type : List.of("calls", "emails", "meetings")) {
            List<JsonNode> records = RecordFields.records(history, type, "history." + type, room);
            room -= records.size();
            for (int i = 0; i < records.size(); i++) {
                out.add(record(type, records.get(i), "history." + type + "[" + i + "]"));
            }
        }
        return out;
    }

    private static CrmRecord record(String type, JsonNode record, String path) {
        String id = RecordFields.id(record, "id", path);
        JsonNode p = RecordFields.object(record, "properties", id, path);
        String props = path + ".properties";
        List<CrmRecord.Lookup> lookups = new ArrayList<>(2);
        String timeName = type.equals("meetings") ? "hs_meeting_start_time" : "hs_timestamp";
        Instant at = RecordFields.isoOrEpochMillis(RecordFields.requiredText(p, timeName, id, props), timeName, id, props);
        Direction direction = null;
        switch (type) {
            case "calls" -> {
                String d = RecordFields.text(p, "hs_call_direction", id, props);
                if (d != null) {
                    direction = switch (d) {
                        case "INBOUND" -> Direction.INBOUND;
                        case "OUTBOUND" -> Direction.OUTBOUND;
                        default -> throw ApiException.badRequest(props + ".hs_call_direction", RecordFields.who(id, path)
                                + "hs_call_direction '" + InputFields.abbreviate(d) + "' is not one of INBOUND, OUTBOUND");
                    };
                }
                lookup(lookups, DISPOSITION, p, "hs_call_disposition", id, props, false);
                lookup(lookups, CALL_STATUS, p, "hs_call_status", id, props, false);
                needOne(lookups, id, path, props + ".hs_call_disposition", "a call needs hs_call_disposition or hs_call_status");
            }
            case "emails" -> {
                lookup(lookups, EMAIL_STATUS, p, "hs_email_status", id, props, true);
                lookup(lookups, EMAIL_DIRECTION, p, "hs_email_direction", id, props, false);
                needOne(lookups, id, path, props + ".hs_email_direction", "an email needs hs_email_direction");
            }
            default -> {
                lookup(lookups, MEETING_OUTCOME, p, "hs_meeting_outcome", id, props, false);
                needOne(lookups, id, path, props + ".hs_meeting_outcome", "a meeting needs hs_meeting_outcome");
            }
        }
        return new CrmRecord(id, path, at, props + "." + timeName, direction, lookups);
    }

    private static void lookup(List<CrmRecord.Lookup> lookups, String section, JsonNode p, String name, String id,
                               String props, boolean ifMapped) {
        String value = RecordFields.text(p, name, id, props);
        if (value != null) {
            lookups.add(new CrmRecord.Lookup(section, props + "." + name, value, ifMapped));
        }
    }

    /** At least one value that must be mapped: else the record says nothing of what happened. */
    static void needOne(List<CrmRecord.Lookup> lookups, String id, String path, String field, String message) {
        if (lookups.stream().noneMatch(l -> !l.ifMapped())) {
            throw ApiException.badRequest(field, RecordFields.who(id, path) + message);
        }
    }
}
