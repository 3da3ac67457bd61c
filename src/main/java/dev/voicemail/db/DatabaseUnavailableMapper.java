package dev.voicemail.db;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.voicemail.api.ApiError;

/** 503 with Retry-After for database trouble: the caller should try again, nothing is wrong with its request. */
public class DatabaseUnavailableMapper {

    /** Seconds; about the time the service needs to notice the database is back (a probe every 500 ms). */
    static final String RETRY_AFTER = "2";

    @ServerExceptionMapper
    public Response unavailable(DatabaseUnavailableException e) {
        if (e instanceof NotCheckpointedException) {
            return response(new ApiError("database_unavailable", "the database could not confirm that the write is in its"
                    + " file; send the same request again shortly", null));
        }
        return response();
    }

    public static Response response() {
        return response(error());
    }

    private static Response response(ApiError error) {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", RETRY_AFTER)
                .entity(error).build();
    }

    public static ApiError error() {
        return new ApiError("database_unavailable", "the database is not answering in time; try again shortly", null);
    }
}
