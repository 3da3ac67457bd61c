package dev.voicemail.integrations;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/** One CRM's records: how they are read, and the standard values its mapping starts from. */
interface CrmFormat {

    /** Section → CRM value → what it is read as: the mapping an agency has before changing it. */
    Map<String, Map<String, MappingTarget>> defaults();

    /** Section → values every mapping of this CRM must map (the CRM's own standard values). */
    Map<String, Set<String>> required();

    /**
     * The records of a request's {@code history}, in request order, checked field by field; a bad
     * record is a 400 naming it and the field.
     *
     * @param zone the prospect's zone, for a date without a time (asked only when one is met)
     */
    List<CrmRecord> read(JsonNode history, Supplier<ZoneId> zone, int maxRecords);
}
