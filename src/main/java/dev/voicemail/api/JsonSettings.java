package dev.voicemail.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict reading: a CRM that sends "3" for a count, 1.5 for an integer or a misspelt field name gets
 * a 400 naming the field, rather than a decision made on a value it did not mean. Reading limits
 * refuse deep nesting, long strings and huge numbers while parsing, before they cost memory.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /** Deeper than any request we define (about 4 levels) needs, shallow enough to stop stack-eating input. */
    public static final int MAX_DEPTH = 32;
    /** Longer than any string field we accept (value propositions: 1,000). */
    public static final int MAX_STRING = 100_000;
    public static final int MAX_NUMBER_DIGITS = 50;
    /**
     * Tokens in one document (a body, or one batch item): a request with the most attempts (1,000) has about
     * 13,000, a CRM history of 1,000 records about 100 each. Counts such as "at most 1,000 attempts" are checked
     * once the list exists; without this, 60 MB of "{}," became 15 million attempts first (an OutOfMemoryError
     * in the 160 MB heap). The batch scanner reads a whole batch and goes without it ({@link #withoutTokenLimit}).
     */
    public static final long MAX_TOKENS = 200_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING)
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .maxNameLength(1_000)
                .maxTokenCount(MAX_TOKENS)
                .build());
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // {"a":1,"a":2} is ambiguous
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /**
     * The mapper's parser factory with every reading limit but the token count: for a parser that reads a whole
     * batch, whose items are each parsed again on their own (where the limit holds).
     */
    public static com.fasterxml.jackson.core.JsonFactory withoutTokenLimit(ObjectMapper mapper) {
        com.fasterxml.jackson.core.JsonFactory f = mapper.getFactory().copy();
        f.setStreamReadConstraints(f.streamReadConstraints().rebuild().maxTokenCount(0).build());
        return f;
    }
}
