package dev.voicemail.integrations;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.Spelling;

/** The CRMs whose own records the service reads; the path segment of /v1/integrations/{crm}. */
public enum Crm {
    HUBSPOT("hubspot", new HubSpotFormat()),
    SALESFORCE("salesforce", new SalesforceFormat()),
    CLOSE("close", new CloseFormat());

    public static final List<String> NAMES = Arrays.stream(values()).map(Crm::pathName).toList();

    private final String pathName;
    private final CrmFormat format;

    Crm(String pathName, CrmFormat format) {
        this.pathName = pathName;
        this.format = format;
    }

    public String pathName() {
        return pathName;
    }

    CrmFormat format() {
        return format;
    }

    /** The CRM a path names; any other name is a 404 that lists the known ones. */
    public static Crm of(String name) {
        for (Crm crm : values()) {
            if (crm.pathName.equals(name)) {
                return crm;
            }
        }
        String shown = name == null ? "" : InputFields.shown(name);
        throw new ApiException(404, "not_found", "no integration for '" + shown + "'"
                + Spelling.didYouMean(name == null ? "" : name.toLowerCase(Locale.ROOT), NAMES)
                + "; known CRMs: " + String.join(", ", NAMES), "crm", Map.of("knownCrms", NAMES));
    }
}
