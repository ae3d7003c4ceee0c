package dev.gust.sqs;

import dev.gust.core.Account;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a queue lives and what it is called: its account, region and name, read from a queue URL
 * ({@code http://HOST/ACCOUNT/NAME}, AWS's shape with the host the client called) or an ARN
 * ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}). Immutable.
 *
 * @param account the account and region of the queue
 * @param name the queue's name
 */
public record QueueAddress(Account account, String name) {

    private static final Pattern URL_PATH = Pattern.compile("(?:^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*)?/(\\d{12})/([^/?#]+)/?$");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):([^:/]+)");

    /** The queue a URL (or a URL's path, {@code /ACCOUNT/NAME}) names, in {@code region}; empty if it names none. */
    public static Optional<QueueAddress> fromUrl(String url, String region) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = URL_PATH.matcher(url);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QueueAddress(new Account(m.group(1), region), m.group(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The queue an ARN names; empty if it is not an SQS queue's ARN. */
    public static Optional<QueueAddress> fromArn(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QueueAddress(new Account(m.group(2), m.group(1)), m.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The queue's ARN: {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
    public String arn() {
        return "arn:" + account.partition() + ":sqs:" + account.region() + ":" + account.accountId() + ":" + name;
    }

    /** The queue's URL at {@code endpoint} (Gust's edge, {@code http://host:port}, no trailing slash). */
    public String url(String endpoint) {
        return endpoint + "/" + account.accountId() + "/" + name;
    }
}
