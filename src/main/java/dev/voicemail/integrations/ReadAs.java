package dev.voicemail.integrations;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

/**
 * What one CRM record was read as: a touch (at, channel, outcome, direction, decisionMaker) or
 * {@code skipped} with why.
 *
 * @param from the mapping entry that decided, e.g. {@code calls.hs_call_disposition=b2cf5968-...}
 */
@Schema(description = "What one CRM record was read as: a touch, or skipped (with why).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadAs(
        @Schema(required = true, description = "The CRM's id of the record.", examples = "81920374651") String recordId,
        @Schema(required = true, description = "Where the record is in the request.", examples = "history.calls[0]") String record,
        @Schema(description = "The mapping section and value that decided.",
                examples = "calls.hs_call_disposition=b2cf5968-551e-4856-9783-52b3da59a7d0") String from,
        @Schema(description = "When it happened, as read (absent when skipped).") Instant at,
        @Schema(implementation = Channel.class) Channel channel,
        @Schema(implementation = Outcome.class) Outcome outcome,
        @Schema(implementation = Direction.class) Direction direction,
        Boolean decisionMaker,
        @Schema(description = "Why the record is not part of the history (only for a skipped record).",
                examples = "calls.hs_call_status=FAILED is mapped to skip: Failed: the call did not go through") String skipped) {
}
