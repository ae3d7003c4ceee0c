package dev.gust.iam;

import java.security.SecureRandom;

/**
 * Makes IAM's unique ids: a four-letter prefix that names the kind ({@code AIDA} a user, {@code AROA} a role,
 * {@code ANPA} a managed policy, {@code AKIA} an access key) and random upper-case base32 characters, as AWS's look.
 * Thread-safe.
 */
final class IamIds {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecureRandom random = new SecureRandom();

    String user() {
        return "AIDA" + random(17);
    }

    String role() {
        return "AROA" + random(17);
    }

    String policy() {
        return "ANPA" + random(17);
    }

    String accessKey() {
        return "AKIA" + random(16);
    }

    private String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return s.toString();
    }
}
