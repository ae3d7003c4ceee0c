package dev.gust.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The key pair that API requests must be signed with: given by the user, or generated on first start and kept
 * in {@code <data-dir>/credentials} with mode 0600.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret key
 * @param generated whether this pair was read from or written to the data dir
 */
record ServerCredentials(String accessKeyId, String secretAccessKey, boolean generated) {

    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Uses the given pair if both are set, otherwise the stored pair, generating and storing one if needed. */
    static ServerCredentials resolve(String accessKeyId, String secretAccessKey, Path dataDir) throws IOException {
        if (accessKeyId != null && secretAccessKey != null) {
            return new ServerCredentials(accessKeyId, secretAccessKey, false);
        }
        Path file = dataDir.resolve("credentials");
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
            return new ServerCredentials(stored.getProperty("aws_access_key_id"),
                    stored.getProperty("aws_secret_access_key"), true);
        }
        SecureRandom random = new SecureRandom();
        ServerCredentials created = new ServerCredentials("AKGU" + randomString(random, UPPER_DIGITS, 16),
                randomString(random, SECRET_CHARS, 40), true);
        Path temp = dataDir.resolve("credentials.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            writer.write("# Gust API credentials, generated on first start. Keep this file private.\n");
            writer.write("aws_access_key_id=" + created.accessKeyId + "\n");
            writer.write("aws_secret_access_key=" + created.secretAccessKey + "\n");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return created;
    }

    private static String randomString(SecureRandom random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
