package dev.gust.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 signing keys of every secret, day, region and service seen lately, derived once and cached.
 *
 * <p>Deriving a key is a chain of four HMACs ({@code kDate = HMAC("AWS4" + secret, date)}, then region, service
 * and {@code aws4_request}); the hot path only finds the key and clones an HMAC already keyed with it. The key
 * used last is checked first, without a look-up or an allocation. The cache is bounded: temporary credentials
 * bring a new secret per session, so when it holds {@code capacity} keys it is emptied and refills with the keys
 * in use (a few derivations, microseconds each).
 *
 * <p>Thread-safe without locks: entries are immutable and their prototype {@link Mac}s are only ever cloned,
 * never updated. Two threads that miss at once both derive the key and one result wins, which is harmless.
 */
final class SigningKeys {

    /** Enough for the server's key pair and a few thousand live sessions, each over two days and a few services. */
    static final int DEFAULT_CAPACITY = 4_096;
    private static final String HMAC = "HmacSHA256";

    private final ConcurrentHashMap<Scope, Entry> keys = new ConcurrentHashMap<>();
    private final int capacity;
    /** The key used last: most requests are signed with the same key as the one before, and skip the map. */
    private volatile Entry last;

    SigningKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * A fresh HMAC-SHA256, not yet updated, keyed with the signing key of {@code secretAccessKey} for
     * {@code date} ({@code yyyyMMdd}), {@code region} and {@code service}.
     */
    Mac macFor(String secretAccessKey, String date, String region, String service) {
        Entry entry = last;
        if (entry != null && entry.scope.is(secretAccessKey, date, region, service)) {
            return entry.newMac();
        }
        Scope scope = new Scope(secretAccessKey, date, region, service);
        entry = keys.get(scope);
        if (entry == null) {
            if (keys.size() >= capacity) {
                keys.clear();
            }
            entry = new Entry(scope, derive(secretAccessKey, date, region, service));
            keys.put(scope, entry);
        }
        last = entry;
        return entry.newMac();
    }

    /** How many keys are cached now. */
    int size() {
        return keys.size();
    }

    /** The signing key: exposed for tests against AWS's published derivation example. */
    static byte[] derive(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, CredentialScope.TERMINATOR);
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = newMac(key);
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has " + HMAC, e);
        }
    }

    /** What a signing key is derived from; {@link #toString()} never shows the secret. */
    private record Scope(String secretAccessKey, String date, String region, String service) {

        boolean is(String otherSecret, String otherDate, String otherRegion, String otherService) {
            return secretAccessKey.equals(otherSecret) && date.equals(otherDate) && region.equals(otherRegion)
                    && service.equals(otherService);
        }

        @Override
        public String toString() {
            return "Scope[" + date + '/' + region + '/' + service + "]";
        }
    }

    /** One signing key and an HMAC keyed with it that serves only as a prototype for clones. */
    private static final class Entry {

        private final Scope scope;
        private final byte[] key;
        private final Mac prototype;

        Entry(Scope scope, byte[] key) {
            this.scope = scope;
            this.key = key;
            this.prototype = SigningKeys.newMac(key);
        }

        Mac newMac() {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                return SigningKeys.newMac(key);
            }
        }
    }
}
