package dev.gust.sts;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and verifies temporary credentials without storing them. A session token is a versioned, self-contained
 * blob that carries its session ({@link Session}: access key id, role, session name, role id, grant, expiry) and
 * ends with an HMAC-SHA256 of everything before it; the secret access key is an HMAC of the access key id. Both
 * keys are derived from the server's secret, so every session survives a restart, and a new server secret
 * invalidates every session at once. Verifying a token costs two HMACs of a few hundred bytes (see
 * {@code SessionTokenBenchmark}), so nothing is cached. Thread-safe.
 *
 * <p>Token layout (version 1), URL-safe base64 without padding: {@code 0x01}, then {@link DataOutputStream#writeUTF}
 * strings access key id, role ARN, session name, role id, grant name, then the expiry in epoch seconds as a long,
 * then the 32-byte MAC.
 */
public final class SessionTokens {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final String HMAC = "HmacSHA256";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String INVALID = "The security token included in the request is invalid.";
    private static final String EXPIRED = "The security token included in the request is expired";

    private final Mac tokenMac;
    private final Mac secretMac;
    private final Mac roleIdMac;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param serverSecret the server's secret access key, from which the signing keys are derived
     * @param clock decides when a session expires
     */
    public SessionTokens(String serverSecret, InstantSource clock) {
        Objects.requireNonNull(serverSecret, "serverSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] master = hmac(mac(serverSecret.getBytes(StandardCharsets.UTF_8)), "gust/sts/master-key/v1");
        this.tokenMac = mac(hmac(mac(master), "session-token"));
        this.secretMac = mac(hmac(mac(master), "secret-access-key"));
        this.roleIdMac = mac(hmac(mac(master), "role-id"));
    }

    /**
     * Opens a session of {@code role} that expires {@code duration} from now (to the second), with a role id derived
     * from the role's ARN: for roles IAM does not know (functions' execution roles).
     */
    public IssuedSession issue(RoleArn role, String sessionName, OperationKind grant, Duration duration) {
        return issue(role, roleId(role), sessionName, grant, duration);
    }

    /** Opens a session of {@code role}, whose unique id is {@code roleId}, that expires {@code duration} from now. */
    public IssuedSession issue(RoleArn role, String roleId, String sessionName, OperationKind grant, Duration duration) {
        byte[] id = new byte[10];
        random.nextBytes(id);
        String accessKeyId = "ASIA" + base32(id, 16);
        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(duration);
        Session session = new Session(accessKeyId, role, sessionName, roleId, grant, expiration);
        return new IssuedSession(session, new SessionCredentials(accessKeyId, secretAccessKey(accessKeyId),
                encode(session), expiration));
    }

    /**
     * The session a request's {@code sessionToken} proves for {@code accessKeyId}.
     *
     * @throws EdgeException {@link AuthFailure#UNRECOGNIZED_CLIENT} for a missing, malformed or forged token, or one
     *     minted for another access key id; {@link AuthFailure#EXPIRED_TOKEN} for a genuine one past its expiry
     */
    public Session verify(String accessKeyId, String sessionToken) {
        Session session = decode(sessionToken);
        if (session == null || !session.accessKeyId().equals(accessKeyId)) {
            throw EdgeException.auth(AuthFailure.UNRECOGNIZED_CLIENT, INVALID);
        }
        if (!clock.instant().isBefore(session.expiration())) {
            throw EdgeException.auth(AuthFailure.EXPIRED_TOKEN, EXPIRED);
        }
        return session;
    }

    /** The secret half of the key pair whose access key id is {@code accessKeyId}. */
    public String secretAccessKey(String accessKeyId) {
        return Base64.getEncoder().encodeToString(hmac(clone(secretMac), accessKeyId)).substring(0, 40);
    }

    /** The role's unique id, {@code AROA} and 17 characters, the same for an ARN on every call and every restart. */
    String roleId(RoleArn role) {
        return "AROA" + base32(hmac(clone(roleIdMac), role.arn()), 17);
    }

    private String encode(Session session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(session.accessKeyId());
            out.writeUTF(session.role().arn());
            out.writeUTF(session.sessionName());
            out.writeUTF(session.roleId());
            out.writeUTF(session.grant().name());
            out.writeLong(session.expiration().getEpochSecond());
            out.write(clone(tokenMac).doFinal(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The session in {@code token}, or {@code null} if it is not a genuine token of this version. */
    private Session decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // the decoder ignores the unused low bits of the last character: only the one encoding of a token counts
        if (bytes.length <= MAC_BYTES || bytes[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return null;
        }
        int signed = bytes.length - MAC_BYTES;
        Mac mac = clone(tokenMac);
        mac.update(bytes, 0, signed);
        if (!MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(bytes, signed, bytes.length))) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, signed - 1))) {
            String accessKeyId = in.readUTF();
            RoleArn role = RoleArn.find(in.readUTF()).orElse(null);
            String sessionName = in.readUTF();
            String roleId = in.readUTF();
            OperationKind grant = OperationKind.valueOf(in.readUTF());
            Instant expiration = Instant.ofEpochSecond(in.readLong());
            if (role == null || in.available() != 0) {
                return null;
            }
            return new Session(accessKeyId, role, sessionName, roleId, grant, expiration);
        } catch (IOException | IllegalArgumentException e) {
            return null; // a genuine MAC over a layout this version cannot read: a token of a future version
        }
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder(length);
        long buffer = 0;
        int bits = 0;
        for (int i = 0; s.length() < length; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[i++] & 0xff);
                bits += 8;
            }
            bits -= 5;
            s.append(BASE32.charAt((int) (buffer >>> bits) & 31));
        }
        return s.toString();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A copy of an initialized prototype: cheaper than a new instance, and a {@link Mac} is not thread-safe. */
    private static Mac clone(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
        }
    }

    private static byte[] hmac(Mac mac, String data) {
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A session just opened: the session itself, and the credentials that prove it.
     *
     * @param session what the token carries
     * @param credentials the key pair, token and expiry to hand to the client
     */
    public record IssuedSession(Session session, SessionCredentials credentials) {
    }
}
