package dev.gust.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts functions' environment variables at rest with the data dir's key ({@value #KEY_FILE}: 256 random bits,
 * mode {@code 0600}, created at the first start), AES-256-GCM from the JDK. A sealed value is
 * {@code base64(nonce || ciphertext || tag)} with a fresh 96-bit nonce each time.
 *
 * <p>It protects a copied {@code gust.db} (a backup, a shared file) that travels without the key; it does not protect
 * against anyone who can read the data dir, root on the host included (see docs/design/security.md). Thread-safe.
 */
final class EnvironmentSeal {

    /** Where the key lives, relative to the data dir. */
    static final String KEY_FILE = "keys/environment.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Binds a sealed value to its purpose: a ciphertext of another kind never opens as an environment. */
    private static final byte[] PURPOSE = "gust function environment v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private EnvironmentSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The seal of {@code dataDir}, whose key is read, or created private if the data dir has none. */
    static EnvironmentSeal of(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new StoreException("The environment key " + KEY_FILE + " in the data dir is not " + KEY_BYTES
                        + " bytes long; restore it from a backup of the data dir", null);
            }
            return new EnvironmentSeal(key);
        } catch (IOException e) {
            throw new StoreException("Cannot read or create the environment key " + KEY_FILE, e);
        }
    }

    /** Writes a new random key to {@code file} (0600) atomically; a key another store created first wins. */
    private static void create(Path file) throws IOException {
        PrivateDataDir.createFolder(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Path temp = Files.createTempFile(file.getParent(), "environment", ".tmp", PrivateDataDir.attribute(
                PrivateDataDir.FILE));
        try {
            Files.write(temp, key);
            FileTrees.fsync(temp);
            try {
                Files.createLink(file, temp); // fails if the key exists: never replaces one
            } catch (FileAlreadyExistsException created) {
                return;
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            FileTrees.fsync(file.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code plaintext} sealed. */
    String seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(PURPOSE);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of {@code sealed}.
     *
     * @throws StoreException when it was sealed with another key or altered
     */
    String open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(PURPOSE);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("A function's environment variables cannot be decrypted: the data dir's "
                    + KEY_FILE + " is not the key they were encrypted with; restore it from a backup", e);
        }
    }
}
