package dev.voicemail.integrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.facts.Direction;

/**
 * CRM records read through an agency's mapping: the attempts of a native decision request, and what
 * each record was read as. A value the mapping does not know is a 422 naming the record, the value and
 * the mapping section to extend, unless the mapping says to skip such records.
 *
 * @param touches the record behind each attempt, in attempt order (to name it in a later error)
 */
record Translation(List<DecisionRequest.AttemptJson> attempts, List<ReadAs> readAs, List<CrmRecord> touches) {

    /** A record read as one touch, with the mapping entry that decided. */
    record Touch(CrmRecord record, MappingTarget target, Direction direction, CrmRecord.Lookup from) {
    }

    static Translation of(Crm crm, MappingInput mapping, Map<String, Map<String, MappingTarget>> index, List<CrmRecord> records) {
        List<DecisionRequest.AttemptJson> attempts = new ArrayList<>(records.size());
        List<ReadAs> readAs = new ArrayList<>(records.size());
        List<CrmRecord> touches = new ArrayList<>(records.size());
        for (CrmRecord r : records) {
            Object read = read(crm, mapping, index, r);
            if (read instanceof ReadAs skipped) {
                readAs.add(skipped);
                continue;
            }
            Touch t = (Touch) read;
            MappingTarget target = t.target();
            boolean dm = Boolean.TRUE.equals(target.decisionMaker());
            attempts.add(new DecisionRequest.AttemptJson(r.at().toString(), target.channel().name(), target.outcome().name(),
                    t.direction().name(), dm));
            touches.add(r);
            readAs.add(new ReadAs(r.id(), r.path(), from(t.from()), r.at(), target.channel(), target.outcome(), t.direction(),
                    dm, null));
        }
        return new Translation(attempts, readAs, touches);
    }

    /** The record as a {@link Touch}, or as a skipped {@link ReadAs}. */
    static Object read(Crm crm, MappingInput mapping, Map<String, Map<String, MappingTarget>> index, CrmRecord r) {
        for (CrmRecord.Lookup lookup : r.lookups()) {
            if (lookup.value() == null) {
                if (lookup.ifMapped()) {
                    continue;
                }
                String name = lookup.field().substring(lookup.field().lastIndexOf('.') + 1);
                throw ApiException.badRequest(lookup.field(), RecordFields.who(r.id(), r.path()) + name + " is required");
            }
            MappingTarget target = index.getOrDefault(lookup.section(), Map.of()).get(lookup.value().toLowerCase(Locale.ROOT));
            if (target == null && lookup.ifMapped()) {
                continue;
            }
            if (target == null) {
                if (mapping.unknownValues() == UnknownValues.SKIP) {
                    return new ReadAs(r.id(), r.path(), null, null, null, null, null, null, lookup.section() + " '"
                            + InputFields.abbreviate(lookup.value()) + "' is not in the mapping (unknownValues: SKIP)");
                }
                String mappingPath = "/v1/integrations/" + crm.pathName() + "/mapping";
                throw new ApiException(422, "unmapped_value", RecordFields.who(r.id(), r.path()) + "'"
                        + InputFields.abbreviate(lookup.value()) + "' is not in the " + crm.pathName() + " mapping; add it to "
                        + "values." + lookup.section() + " with PUT " + mappingPath + " (or set unknownValues to SKIP there)",
                        lookup.field(), Map.of("recordId", r.id(), "value", lookup.value(), "mapping", mappingPath,
                        "section", lookup.section()));
            }
            if (target.skips()) {
                return new ReadAs(r.id(), r.path(), from(lookup), null, null, null, null, null, from(lookup)
                        + " is mapped to skip" + (target.label() == null ? "" : ": " + target.label()));
            }
            Direction direction = target.direction() != null ? target.direction()
                    : r.direction() != null ? r.direction() : Direction.OUTBOUND;
            return new Touch(r, target, direction, lookup);
        }
        throw ApiException.badRequest(r.path(), RecordFields.who(r.id(), r.path()) + "says nothing the mapping reads");
    }

    private static String from(CrmRecord.Lookup lookup) {
        return lookup.section() + "=" + InputFields.abbreviate(lookup.value());
    }
}
