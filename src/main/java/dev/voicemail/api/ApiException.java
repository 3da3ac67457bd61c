package dev.voicemail.api;

/** A request the service refuses, with the HTTP status and the error body to answer. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final transient Object details;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    public ApiException(int status, String code, String message, String field, Object details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = details;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Extra JSON for the body (e.g. the known policies), or null. */
    public Object details() {
        return details;
    }

    public ApiError body() {
        return new ApiError(code, getMessage(), field);
    }
}
