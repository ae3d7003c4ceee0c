package dev.gust.iam;

import dev.gust.policy.MalformedPolicyException;
import dev.gust.policy.Policy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Checks policy documents with the policy language and writes them as IAM returns them. Stateless. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /**
     * Checks that {@code document} is a valid policy.
     *
     * @throws dev.gust.edge.EdgeException {@code MalformedPolicyDocument} (400) with the policy language's message
     */
    static void validate(String document) {
        try {
            Policy.parse(document);
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
