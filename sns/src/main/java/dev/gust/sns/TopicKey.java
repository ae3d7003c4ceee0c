package dev.gust.sns;

import dev.gust.core.Account;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic's identity: the namespace it lives in and its name, as its ARN {@code arn:aws:sns:REGION:ACCOUNT:NAME}
 * says. Immutable.
 */
record TopicKey(Account account, String name) {

    /** A standard topic's name: 1 to 256 letters, digits, hyphens and underscores; a FIFO topic's adds {@code .fifo}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

    TopicKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
    }

    /** The topic's ARN. */
    String arn() {
        return "arn:" + account.partition() + ":sns:" + account.region() + ":" + account.accountId() + ":" + name;
    }

    /** Whether {@code name} is a valid standard topic name. */
    static boolean standardName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether {@code name} is a valid FIFO topic name (ending in {@code .fifo}). */
    static boolean fifoName(String name) {
        return FIFO_NAME.matcher(name).matches();
    }

    /** The topic {@code arn} names, if it is a topic ARN at all ({@code arn:PARTITION:sns:REGION:ACCOUNT:NAME}). */
    static Optional<TopicKey> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sns")
                || !(standardName(parts[5]) || fifoName(parts[5]))) {
            return Optional.empty();
        }
        return account(parts[4], parts[3]).map(account -> new TopicKey(account, parts[5]));
    }

    /** The namespace an ARN's account and region fields name, if they are an account id and a region. */
    static Optional<Account> account(String accountId, String region) {
        try {
            return Optional.of(new Account(accountId, region));
        } catch (IllegalArgumentException notOne) {
            return Optional.empty();
        }
    }

    /**
     * The topic and subscription id a subscription ARN names ({@code TOPIC_ARN:ID}), if it is one.
     *
     * @return the topic and the id, or empty
     */
    static Optional<SubscriptionKey> parseSubscription(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        int colon = arn.lastIndexOf(':');
        if (colon < 0 || colon == arn.length() - 1) {
            return Optional.empty();
        }
        return parse(arn.substring(0, colon)).map(topic -> new SubscriptionKey(topic, arn.substring(colon + 1)));
    }

    /** A subscription's identity: its topic and its id. */
    record SubscriptionKey(TopicKey topic, String id) {

        String arn() {
            return topic.arn() + ":" + id;
        }
    }
}
