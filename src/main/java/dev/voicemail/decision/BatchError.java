package dev.voicemail.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One batch item that could not be decided, with the status a single request would have got. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchError(int status, String error, String message, String field) {
}
