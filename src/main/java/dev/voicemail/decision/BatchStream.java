package dev.voicemail.decision;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A batch body {@code {"requests": [...]}} read as {@code POST /v1/decisions/batch} reads it, for other
 * batch endpoints (the CRM integrations): each item's JSON is handed to {@code decide} as soon as it is
 * read, on every core, and the results come back in request order. An item refused before its own parse
 * (not an object, too large) is its {@link BatchError}; malformed JSON or too many items fail the batch.
 */
public final class BatchStream {

    private static final int HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private BatchStream() {
    }

    /** @param decide an item's JSON bytes to its result (a decision, or a {@link BatchError}) */
    public static List<Object> map(ObjectMapper json, InputStream body, int max, Function<byte[], Object> decide)
            throws JsonProcessingException {
        try (BatchItems items = new BatchItems(json, body, max)) {
            return OrderedFanOut.map(items::next, item -> item.refused() != null ? item.refused() : decide.apply(item.json()),
                    Infrastructure.getDefaultWorkerPool(), HELPERS, HELPERS * 16);
        } catch (JsonProcessingException e) {
            throw e; // malformed JSON or a parser limit: ErrorMappers answers it
        } catch (IOException e) {
            throw new ApiException(400, "unreadable_body", "the body could not be read: " + e.getMessage(), null);
        }
    }
}
