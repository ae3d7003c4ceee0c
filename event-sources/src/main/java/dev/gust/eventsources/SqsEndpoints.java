package dev.gust.eventsources;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where queues that are not Gust's own live (setting {@code sqs-endpoints}): entries {@code ARN_PREFIX=URL} or
 * {@code ARN_PREFIX=URL;profile=NAME}, separated by commas. A mapping whose queue ARN starts with a prefix (the
 * longest wins) is polled at that URL, signed with the named profile of the AWS shared credentials files or, without
 * one, the SDK's default credentials chain (environment, {@code ~/.aws}, instance role). Any other queue is polled at
 * Gust's edge with the function's execution role. Immutable.
 */
public final class SqsEndpoints {

    /**
     * One configured endpoint.
     *
     * @param arnPrefix such as {@code arn:aws:sqs:eu-west-1:123456789012:}
     * @param url such as {@code https://sqs.eu-west-1.amazonaws.com}
     * @param profile the credentials profile, or {@code null} for the default chain
     */
    public record Endpoint(String arnPrefix, URI url, String profile) {
    }

    private static final SqsEndpoints NONE = new SqsEndpoints(List.of());

    private final List<Endpoint> endpoints;

    private SqsEndpoints(List<Endpoint> endpoints) {
        this.endpoints = endpoints.stream()
                .sorted(Comparator.comparingInt((Endpoint e) -> e.arnPrefix().length()).reversed()).toList();
    }

    /** No endpoints: every queue is Gust's own. */
    public static SqsEndpoints none() {
        return NONE;
    }

    /**
     * Reads the setting's value.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code arn:...:sqs:...=http(s)://...[;profile=NAME]}
     */
    public static SqsEndpoints parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || !trimmed.startsWith("arn:")) {
                throw new IllegalArgumentException("sqs-endpoints entries must be ARN_PREFIX=URL[;profile=NAME], got '"
                        + trimmed + "'");
            }
            String prefix = trimmed.substring(0, equals);
            String[] target = trimmed.substring(equals + 1).split(";", 2);
            URI url;
            try {
                url = URI.create(target[0].strip());
            } catch (IllegalArgumentException e) {
                url = null;
            }
            if (url == null || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("sqs-endpoints: '" + target[0] + "' is not an http(s) URL");
            }
            String profile = null;
            if (target.length == 2) {
                String option = target[1].strip();
                if (!option.startsWith("profile=") || option.length() == "profile=".length()) {
                    throw new IllegalArgumentException("sqs-endpoints: after ';' only profile=NAME, got '" + option
                            + "'");
                }
                profile = option.substring("profile=".length());
            }
            endpoints.add(new Endpoint(prefix, url, profile));
        }
        return new SqsEndpoints(endpoints);
    }

    /** The endpoint configured for the queue {@code queueArn}, or empty when it is Gust's own. */
    public Optional<Endpoint> find(String queueArn) {
        for (Endpoint endpoint : endpoints) {
            if (queueArn.startsWith(endpoint.arnPrefix())) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
