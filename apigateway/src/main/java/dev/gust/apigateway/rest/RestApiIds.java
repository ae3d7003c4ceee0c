package dev.gust.apigateway.rest;

import java.security.SecureRandom;
import java.util.Set;

/**
 * API Gateway's identifiers: ten lower-case letters and digits for APIs and root resources, six for resources and
 * deployments. Thread-safe.
 */
final class RestApiIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RestApiIds() {
    }

    /** A new id of {@code length} characters that {@code taken} does not hold. */
    static String fresh(int length, Set<String> taken) {
        while (true) {
            StringBuilder id = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            if (!taken.contains(id.toString())) {
                return id.toString();
            }
        }
    }
}
