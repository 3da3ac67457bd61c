package dev.voicemail.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer.
 *
 * @param error   stable machine-readable code
 * @param message for a person
 * @param field   path of the offending field (e.g. {@code attempts[2].at}), when one is at fault
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {
}
