package dev.gust.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed policies Gust knows ({@code arn:aws:iam::aws:policy/PATH/NAME}), read once from the resource
 * {@code aws-managed-policies.json}: every account may attach them, none may change or delete them. Their ids are
 * derived from their ARNs, so they are the same on every server. Immutable.
 */
final class AwsManagedPolicies {

    private static final String RESOURCE = "aws-managed-policies.json";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Map<String, ManagedPolicy> byArn;

    private AwsManagedPolicies(Map<String, ManagedPolicy> byArn) {
        this.byArn = byArn;
    }

    /** Reads the policies shipped with this module. */
    static AwsManagedPolicies load(ObjectMapper json) {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Map<String, ManagedPolicy> byArn = new LinkedHashMap<>();
            for (JsonNode node : json.readTree(in)) {
                String name = node.get("name").asText();
                String path = node.get("path").asText();
                String arn = "arn:aws:iam::aws:policy" + path + name;
                String version = node.get("version").asText();
                String created = node.get("created").asText();
                String document = json.writerWithDefaultPrettyPrinter().writeValueAsString(node.get("document"));
                byArn.put(arn, new ManagedPolicy(arn, name, path, id(arn), node.get("description").asText(), created,
                        node.get("updated").asText(), version, Integer.parseInt(version.substring(1)) + 1,
                        List.of(new PolicyVersion(version, document, created))));
            }
            return new AwsManagedPolicies(Map.copyOf(byArn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<ManagedPolicy> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    Collection<ManagedPolicy> all() {
        return byArn.values();
    }

    /** {@code ANPA} and 17 base32 characters of the ARN's SHA-256. */
    private static String id(String arn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder("ANPA");
            for (int i = 0; i < 17; i++) {
                s.append(BASE32.charAt((digest[i] & 0xff) % 32));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
