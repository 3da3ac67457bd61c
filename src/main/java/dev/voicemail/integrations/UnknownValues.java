package dev.voicemail.integrations;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a decision does with a CRM value its mapping does not know. */
@Schema(description = "REFUSE: a record with a value the mapping does not know is a 422 naming it (default). "
        + "SKIP: the record is left out of the history and reported as skipped in readAs.")
public enum UnknownValues {
    REFUSE, SKIP
}
