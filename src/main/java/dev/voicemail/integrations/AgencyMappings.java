package dev.voicemail.integrations;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** The mapping in force for an agency and a CRM: what it stored, else the CRM's defaults (version 0). */
@ApplicationScoped
public class AgencyMappings {

    private final MappingRepository repository;

    public AgencyMappings(MappingRepository repository) {
        this.repository = repository;
    }

    /** A mapping in force, with its values indexed for lookups. */
    record Current(Crm crm, MappingInput mapping, long version, Instant updatedAt,
                   Map<String, Map<String, MappingTarget>> index) {

        CrmMapping answer() {
            return new CrmMapping(crm.pathName(), version, mapping.unknownValues(), mapping.values(), updatedAt);
        }
    }

    Current current(String agency, Crm crm) {
        return repository.find(agency, crm)
                .map(s -> new Current(crm, s.mapping(), s.version(), s.updatedAt(), Mappings.index(s.mapping().values())))
                .orElseGet(() -> defaults(crm));
    }

    static Current defaults(Crm crm) {
        MappingInput mapping = new MappingInput(UnknownValues.REFUSE, crm.format().defaults());
        return new Current(crm, mapping, 0, null, Mappings.index(mapping.values()));
    }
}
