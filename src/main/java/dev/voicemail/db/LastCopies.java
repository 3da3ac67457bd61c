package dev.voicemail.db;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * This replica's copies of rows the request path reads (clients, keys), so that a decision costs no
 * database round trip. A copy is fresh for {@code freshFor}; after that it is read again, but it is
 * kept: while the database is unavailable the last copy read is served however old it is (counted
 * in {@code voicemail_database_last_copy_total{kind}}). That is why the copies live in Caffeine
 * caches bounded by size, not in ones that expire entries: an expired entry would be gone exactly
 * when the outage needs it. A miss (no such row) is remembered too, as an empty copy, in a cache of
 * its own: probing many made-up ids then evicts only other misses, never the copy of a real row.
 *
 * @param <K> the row's key
 * @param <V> the row
 */
public final class LastCopies<K, V> {

    /** A row as last read from the database; {@code value} is null when there was none. */
    public record Copy<V>(V value, long readAt) {

        public Optional<V> found() {
            return Optional.ofNullable(value);
        }
    }

    private final Database db;
    private final String kind;
    private final long freshNanos;
    private final Cache<K, Copy<V>> copies;
    private final Cache<K, Copy<V>> misses;
    /** This replica's writes of these rows so far ({@link #remember}, {@link #forget}): see {@link #read}. */
    private final AtomicLong writes = new AtomicLong();

    /**
     * @param kind the {@code kind} tag of the last-copy metric: {@code client} or {@code key}
     * @param maxSize the most rows kept, and the most misses
     */
    public LastCopies(Database db, String kind, Duration freshFor, long maxSize) {
        this.db = db;
        this.kind = kind;
        this.freshNanos = freshFor.toNanos();
        this.copies = Caffeine.newBuilder().maximumSize(maxSize).build();
        this.misses = Caffeine.newBuilder().maximumSize(maxSize).build();
    }

    /**
     * The copy, if it is fresh, or any copy while the database is known to be away (counted as a
     * last copy served); empty when the database must be read. Never blocks.
     */
    public Optional<Copy<V>> usable(K key) {
        Copy<V> copy = last(key);
        if (copy == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - copy.readAt() > freshNanos) {
            if (!db.isDown()) {
                return Optional.empty();
            }
            db.servedLastCopy(kind);
        }
        return Optional.of(copy);
    }

    /**
     * Reads the row through {@code reader} and keeps the copy; if the database is unavailable, the
     * last copy read (counted), or the {@link DatabaseUnavailableException} when there is none. Blocking.
     */
    public Optional<V> read(K key, Function<K, Optional<V>> reader) {
        long writesBefore = writes.get();
        Optional<V> value;
        try {
            value = reader.apply(key);
        } catch (DatabaseUnavailableException unavailable) {
            Copy<V> last = last(key);
            if (last == null) {
                throw unavailable;
            }
            db.servedLastCopy(kind);
            return last.found();
        }
        keep(key, value.orElse(null));
        if (writes.get() != writesBefore) {
            // a write of this replica landed while the row was read (a key revoked, say): the row read may be
            // older than it, and kept it would be served until it is stale. Not kept; the next use reads again.
            // Checked after keeping, so that a write counted later also invalidates later, after this copy.
            invalidate(key);
        }
        return value;
    }

    /** Keeps what this replica just wrote (null: there is none), fresh from now. */
    public void remember(K key, V value) {
        writes.incrementAndGet();
        keep(key, value);
    }

    private void keep(K key, V value) {
        Copy<V> copy = new Copy<>(value, System.nanoTime());
        if (value == null) {
            misses.put(key, copy);
            copies.invalidate(key);
        } else {
            copies.put(key, copy);
            misses.invalidate(key);
        }
    }

    /** The newest copy of either kind (a concurrent change may briefly leave both), or null. */
    private Copy<V> last(K key) {
        Copy<V> found = copies.getIfPresent(key);
        Copy<V> missing = misses.getIfPresent(key);
        if (found == null || missing == null) {
            return found != null ? found : missing;
        }
        return found.readAt() - missing.readAt() >= 0 ? found : missing;
    }

    /** Forgets the copy at once, so that the next use reads the database (e.g. a revoked key). */
    public void forget(K key) {
        writes.incrementAndGet();
        invalidate(key);
    }

    private void invalidate(K key) {
        copies.invalidate(key);
        misses.invalidate(key);
    }

    /** How many copies of rows are held, and how many misses (evictions run in the background: settled first). */
    long[] sizes() {
        copies.cleanUp();
        misses.cleanUp();
        return new long[] {copies.estimatedSize(), misses.estimatedSize()};
    }
}
