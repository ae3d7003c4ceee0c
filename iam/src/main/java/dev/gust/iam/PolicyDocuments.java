package dev.gust.iam;

import dev.gust.policy.MalformedPolicyException;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Checks policy documents with the policy language and writes them as IAM returns them. Stateless. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /**
     * Checks that {@code document} is a valid identity-based (permission) policy.
     *
     * @throws dev.gust.edge.EdgeException {@code MalformedPolicyDocument} (400) with the policy language's message
     */
    static void validate(String document) {
        validate(document, PolicyKind.IDENTITY);
    }

    /** Checks that {@code document} is a valid role trust policy, as {@link #validate(String)} does. */
    static void validateTrust(String document) {
        validate(document, PolicyKind.TRUST);
    }

    private static void validate(String document, PolicyKind kind) {
        try {
            Policy.parse(document, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    /** The document URL-encoded (RFC 3986), as IAM returns every policy document. */
    static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
