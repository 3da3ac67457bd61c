package dev.voicemail.decision;

import java.util.List;

import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/decisions}, as sent. Enum values and timestamps stay strings here so
 * that {@link RequestReader} can name the exact field and the accepted values when one is wrong; the
 * OpenAPI document describes them as what they must be (enums, date-times).
 */
@Schema(description = "A call that reached a prospect's voicemail, with the prospect's earlier touches. Unknown fields are refused.")
public record DecisionRequest(
        @Schema(required = true, description = "The client whose policy decides: 1 to 64 of [A-Za-z0-9._-].",
                pattern = "^[A-Za-z0-9._-]{1,64}$", examples = "acme-scales") String clientId,
        @Schema(required = true) ProspectJson prospect,
        CallJson call,
        @Schema(description = "Earlier touches, in any order; at most 1,000.", maxItems = 1000) List<AttemptJson> attempts) {

    @Schema(name = "Prospect", description = "Who is being called.")
    public record ProspectJson(
            @Schema(required = true, description = "The CRM's id of the prospect, 1 to 128 characters.",
                    minLength = 1, maxLength = 128, examples = "p-123") String id,
            @Schema(description = "An IANA time zone; calendar days are counted in it. Default: the client's, else UTC.",
                    examples = "America/Chicago") String timezone) {
    }

    @Schema(name = "Call", description = "The call being placed now.")
    public record CallJson(
            @Schema(type = SchemaType.STRING, format = "date-time",
                    description = "When the call is placed: ISO-8601 with an offset. Default: now.",
                    examples = "2026-11-23T10:35:00-06:00") String at,
            @Schema(minimum = "0", maximum = "1000", defaultValue = "0",
                    description = "Calls the rep will still make to this prospect today; 0: this is the day's last attempt.")
            Integer remainingAttemptsToday,
            RepJson rep) {
    }

    /** The rep placing the call, for the wording of the message: {@code {"name", "phone"}}. */
    @Schema(name = "Rep", description = "The rep placing the call, read aloud in a standard message.")
    public record RepJson(
            @Schema(minLength = 1, maxLength = 100, examples = "Dana Reyes") String name,
            @Schema(description = "6 to 32 of digits, spaces and + ( ) - ., optionally followed by ' x123' or ' ext. 123'.",
                    examples = "+1 312-555-0142") String phone) {
    }

    @Schema(name = "Attempt", description = "An earlier touch. An attempt later than call.at is refused, except a planned VISIT.")
    public record AttemptJson(
            @Schema(required = true, type = SchemaType.STRING, format = "date-time",
                    description = "ISO-8601 with an offset.", examples = "2026-11-16T09:00:00-06:00") String at,
            @Schema(required = true, implementation = Channel.class) String channel,
            @Schema(required = true, implementation = Outcome.class,
                    description = "What came of it; valid per channel: CALL: NO_ANSWER, VOICEMAIL_LEFT, VOICEMAIL_SKIPPED, "
                            + "GATEKEEPER, CONNECTED, BAD_NUMBER; EMAIL: SENT, REPLIED, BOUNCED; TEXT: SENT, REPLIED; "
                            + "VISIT: PLANNED, DONE; every channel: OPTED_OUT.") String outcome,
            @Schema(implementation = Direction.class, defaultValue = "OUTBOUND") String direction,
            @Schema(defaultValue = "false", description = "Whether a decision maker took part.") Boolean decisionMaker) {
    }
}
