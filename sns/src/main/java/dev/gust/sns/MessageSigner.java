package dev.gust.sns;

import dev.gust.store.PrivateDataDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs SNS messages as AWS does ({@code SignatureVersion} 1: SHA1withRSA over the canonical string, base64; 2:
 * SHA256withRSA), with an
 * RSA key kept in the data dir ({@code keys/sns-signing.p12}, made once with the JDK's {@code keytool}); its
 * self-signed certificate is served at the {@code SigningCertURL}, so a subscriber can verify what it receives.
 * Thread-safe; the key is loaded (or made) in the background, and the first signature waits for it.
 */
final class MessageSigner {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSigner.class);
    private static final char[] PASSWORD = "gust-sns-signing".toCharArray();
    private static final String ALIAS = "sns";

    private record Keys(PrivateKey key, String pem, String fileName) {
    }

    private final CompletableFuture<Keys> keys;

    private MessageSigner(CompletableFuture<Keys> keys) {
        this.keys = keys;
    }

    /** The signer with the key in {@code dataDir}, made there if it is missing. */
    static MessageSigner open(Path dataDir) {
        CompletableFuture<Keys> keys = new CompletableFuture<>();
        Thread.ofVirtual().name("sns-signing-key").start(() -> {
            try {
                keys.complete(load(dataDir.resolve("keys").resolve("sns-signing.p12")));
            } catch (Exception e) {
                LOG.warn("SNS messages go out unsigned: {}", e.getMessage());
                keys.completeExceptionally(e);
            }
        });
        return new MessageSigner(keys);
    }

    /**
     * The base64 signature of {@code canonical}: SHA1withRSA for {@code SignatureVersion} 1, SHA256withRSA for 2; or
     * {@code EXAMPLE} when there is no key.
     */
    String sign(String canonical, String version) {
        try {
            Signature signature = Signature.getInstance("2".equals(version) ? "SHA256withRSA" : "SHA1withRSA");
            signature.initSign(keys.join().key());
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            return "EXAMPLE";
        }
    }

    /** The certificate's file name, {@code SimpleNotificationService-HASH.pem}, or empty when there is no key. */
    String certificateFile() {
        try {
            return keys.join().fileName();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The certificate in PEM. */
    String certificatePem() {
        return keys.join().pem();
    }

    /**
     * AWS's canonical string of a message (SignatureVersion 1): the name and value of each signed field, one per
     * line, in a fixed order; {@code Subject} only when there is one.
     */
    static String canonical(Notification n, String subscribeUrl) {
        StringBuilder s = new StringBuilder();
        field(s, "Message", n.message());
        field(s, "MessageId", n.messageId());
        if (n.confirmation()) {
            field(s, "SubscribeURL", subscribeUrl);
            field(s, "Timestamp", Envelopes.timestamp(n.timestamp()));
            field(s, "Token", n.token());
        } else {
            if (n.subject() != null) {
                field(s, "Subject", n.subject());
            }
            field(s, "Timestamp", Envelopes.timestamp(n.timestamp()));
        }
        field(s, "TopicArn", n.topicArn());
        field(s, "Type", n.type());
        return s.toString();
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(name).append('\n').append(value).append('\n');
    }

    private static Keys load(Path file) throws IOException, GeneralSecurityException, InterruptedException {
        if (!Files.exists(file)) {
            create(file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) store.getKey(ALIAS, PASSWORD);
        Certificate certificate = store.getCertificate(ALIAS);
        byte[] der = certificate.getEncoded();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(der));
        return new Keys(key, pem, "SimpleNotificationService-" + hash + ".pem");
    }

    /** Makes the key pair with {@code keytool} in a temporary file, then renames it into place. */
    private static void create(Path file) throws IOException, InterruptedException {
        PrivateDataDir.createFolder(file.getParent());
        Path staged = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(staged);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=sns.amazonaws.com", "-validity",
                "3650", "-storetype", "PKCS12", "-keystore", staged.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD), "-noprompt").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not make the SNS signing key: " + output.strip());
        }
        Files.setPosixFilePermissions(staged, PrivateDataDir.FILE);
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
