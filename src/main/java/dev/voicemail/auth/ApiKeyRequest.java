package dev.voicemail.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token to check as an API key. Its text must never be logged. */
public class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String token;

    public ApiKeyRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[***]";
    }
}
