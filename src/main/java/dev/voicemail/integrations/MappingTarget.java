package dev.voicemail.integrations;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

/**
 * What one CRM value is read as: a touch of this service's vocabulary, or {@code skip} (the record is
 * no touch of the prospect, e.g. an internal call or a cancelled meeting).
 *
 * @param direction null: the record's own direction field says (calls), else OUTBOUND
 */
@Schema(name = "MappingTarget", description = "What a CRM value is read as: channel and outcome (and optionally direction and "
        + "decisionMaker), or skip: true for a record that is no touch of the prospect.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MappingTarget(
        @Schema(description = "What the value means in the CRM, for people.", maxLength = 200, examples = "Left voicemail") String label,
        @Schema(implementation = Channel.class) Channel channel,
        @Schema(implementation = Outcome.class) Outcome outcome,
        @Schema(implementation = Direction.class, description = "Omitted: the record's own direction (calls), else OUTBOUND.")
        Direction direction,
        @Schema(defaultValue = "false", description = "Whether a decision maker took part.") Boolean decisionMaker,
        @Schema(defaultValue = "false", description = "true: the record is not a touch; it is left out and reported as skipped.")
        Boolean skip) {

    static MappingTarget of(String label, Channel channel, Outcome outcome) {
        return new MappingTarget(label, channel, outcome, null, null, null);
    }

    static MappingTarget of(String label, Channel channel, Outcome outcome, Direction direction) {
        return new MappingTarget(label, channel, outcome, direction, null, null);
    }

    static MappingTarget skipped(String label) {
        return new MappingTarget(label, null, null, null, null, true);
    }

    boolean skips() {
        return Boolean.TRUE.equals(skip);
    }
}
