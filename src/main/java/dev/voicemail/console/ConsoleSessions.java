package dev.voicemail.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The console's sessions, held by this replica in memory: a random id (the cookie) stands for the API
 * key the person signed in with, which never leaves the server. Every request checks that key again
 * exactly as a bearer call would (so a revoked key ends its sessions). Bounded in number, and each ends
 * after {@link ConsoleConfig#sessionIdle()} unused or {@link ConsoleConfig#sessionMaxAge()} after sign-in.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "vm_console";

    private record Session(String key, long endsAtNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Session> sessions;

    public ConsoleSessions(ConsoleConfig config) {
        long idle = config.sessionIdle().toNanos();
        this.sessions = Caffeine.newBuilder()
                .maximumSize(config.maxSessions())
                .expireAfter(new Expiry<String, Session>() {
                    @Override
                    public long expireAfterCreate(String id, Session s, long now) {
                        return Math.min(idle, s.endsAtNanos() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String id, Session s, long now, long left) {
                        return left;
                    }

                    @Override
                    public long expireAfterRead(String id, Session s, long now, long left) {
                        return Math.max(0, Math.min(idle, s.endsAtNanos() - now));
                    }
                })
                .build();
        this.maxAge = config.sessionMaxAge();
    }

    private final Duration maxAge;

    /** Starts a session for a key already checked; answers the new session's id. */
    public String start(String key) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, new Session(key, System.nanoTime() + maxAge.toNanos()));
        return sessionId;
    }

    /** The key a live session stands for. */
    Optional<String> key(String sessionId) {
        if (sessionId == null || sessionId.length() != 43) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.getIfPresent(sessionId)).map(Session::key);
    }

    public void end(String sessionId) {
        if (sessionId != null) {
            sessions.invalidate(sessionId);
        }
    }

    /** How long the cookie may live: the session's longest life. */
    public Duration maxAge() {
        return maxAge;
    }
}
