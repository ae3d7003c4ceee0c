package dev.gust.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 signing keys of one secret, region and service, derived once per day and cached.
 *
 * <p>Deriving a key is a chain of four HMACs ({@code kDate = HMAC("AWS4" + secret, date)}, then region, service
 * and {@code aws4_request}); the hot path only clones an HMAC already keyed with the day's key. Two days are
 * kept, because around midnight UTC requests signed on either side of it arrive together.
 *
 * <p>Thread-safe without locks: entries are immutable and their prototype {@link Mac}s are only ever cloned,
 * never updated. Two threads that miss at once both derive the key and one result wins, which is harmless.
 */
final class SigningKeys {

    private static final String HMAC = "HmacSHA256";

    private final byte[] secretKey;
    private final String region;
    private final String service;
    private volatile Entry latest;
    private volatile Entry previous;

    SigningKeys(String secretAccessKey, String region, String service) {
        this.secretKey = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
    }

    /** A fresh HMAC-SHA256, not yet updated, keyed with the signing key of {@code date} ({@code yyyyMMdd}). */
    Mac macFor(String date) {
        Entry entry = latest;
        if (entry == null || !entry.date.equals(date)) {
            Entry older = previous;
            if (older != null && older.date.equals(date)) {
                entry = older;
            } else {
                entry = new Entry(date, derive(date));
                previous = latest;
                latest = entry;
            }
        }
        return entry.newMac();
    }

    /** The signing key of {@code date}: exposed for tests against AWS's published derivation example. */
    byte[] derive(String date) {
        byte[] key = hmac(secretKey, date);
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

    /** One day's signing key and an HMAC keyed with it that serves only as a prototype for clones. */
    private static final class Entry {

        private final String date;
        private final byte[] key;
        private final Mac prototype;

        Entry(String date, byte[] key) {
            this.date = date;
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
