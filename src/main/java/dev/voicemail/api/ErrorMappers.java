package dev.voicemail.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure into a JSON error body; nothing a caller sends may end in a 500. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Object body = e.body();
        if (e.details() != null) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("error", e.code());
            map.put("message", e.getMessage());
            if (e.field() != null) {
                map.put("field", e.field());
            }
            map.put("details", e.details());
            body = map;
        }
        return json(e.status(), body);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        return json(status(e), describe(e));
    }

    /** More specific than Quarkus's own mapper for it, which answers without a body. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(400, describe(e));
    }

    /** 413 for input past a size limit (string length, nesting depth, number length), else 400. */
    public static int status(JsonProcessingException e) {
        return constraint(e) != null ? 413 : 400;
    }

    /** The parser limit that was hit, also when Jackson wrapped it with the path of the field being read. */
    private static StreamConstraintsException constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                return c;
            }
        }
        return null;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, jakarta.ws.rs.core.Request request,
            org.jboss.resteasy.reactive.server.spi.ServerRequestContext context) {
        int status = e.getResponse().getStatus();
        // the path as the router matched it (%2F still encoded), not UriInfo's decoded one
        java.util.Set<String> declared = status == 404 || status == 405
                ? AllowedMethods.methods(AllowedMethods.routedPath(context)) : java.util.Set.of();
        if (status == 404 && e instanceof jakarta.ws.rs.NotFoundException && e.getCause() == null
                && !declared.isEmpty() && !declared.contains(request.getMethod())) {
            status = 405; // the router found no operation on a path that takes other methods
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(status(json), describe(json));
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        // the methods a 405's path takes: as the resources declare, else as the exception says
        String allowed = !declared.isEmpty() ? String.join(", ", declared) : e.getResponse().getHeaderString("Allow");
        boolean sayAllowed = status == 405 && allowed != null && !allowed.isBlank();
        String message = switch (status) {
            case 415 -> "send the body as application/json ('Content-Type: application/json')";
            case 404 -> "no such resource";
            case 406 -> "this endpoint answers application/json; send 'Accept: application/json' (or no Accept header)";
            case 405 -> sayAllowed ? AllowedMethods.notTaken(request.getMethod(), allowed) : "this method is not allowed here";
            default -> e.getMessage();
        };
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message, null));
        if (sayAllowed) {
            answer.header("Allow", allowed); // RFC 9110: a 405 says which methods the resource takes
        }
        return answer.build();
    }

    /** No key, or a wrong or revoked one. The text says nothing about which, and never repeats the key. */
    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(io.quarkus.security.AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorizedCall(io.quarkus.security.UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return json(403, new ApiError("forbidden", "this key's roles do not allow this call", null));
    }

    private static Response unauthorized() {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new ApiError("unauthorized", "send a valid API key as 'Authorization: Bearer <key>'", null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof JsonProcessingException json) {
                return json(status(json), describe(json));
            }
            cause = cause.getCause();
        }
        LOG.error("Unexpected failure", e);
        return json(500, new ApiError("internal_error", "the service failed; the error is logged", null));
    }

    /** A Jackson failure as an error naming the field at fault. */
    public static ApiError describe(JsonProcessingException e) {
        StreamConstraintsException limit = constraint(e);
        if (limit != null) {
            return new ApiError("limit_exceeded", firstLine(limit.getOriginalMessage()),
                    e instanceof JsonMappingException m ? path(m.getPath()) : null);
        }
        if (e instanceof StreamReadException) {
            return new ApiError("malformed_json", "the body is not valid JSON: " + firstLine(e.getOriginalMessage()), null);
        }
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : null;
        if (e instanceof UnrecognizedPropertyException u) {
            return new ApiError("unknown_field", JsonProblems.unknownField(u), field);
        }
        if (e instanceof InvalidFormatException f) {
            return new ApiError("invalid_field", JsonProblems.invalidFormat(f, field), field);
        }
        if (e instanceof MismatchedInputException m && field != null) {
            return new ApiError("invalid_field", JsonProblems.mismatched(m, field), field);
        }
        if (e instanceof MismatchedInputException) {
            // the body as a whole is of the wrong kind (an array, a string); Jackson's text names Java types
            return new ApiError("invalid_field", "the body must be one JSON object of the documented shape (see /q/openapi)", null);
        }
        if (e instanceof DatabindException) {
            return new ApiError("invalid_field", "the body must be one JSON object of the documented shape (see /q/openapi): "
                    + firstLine(e.getOriginalMessage()), field);
        }
        return new ApiError("malformed_json", firstLine(e.getOriginalMessage()), field);
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
