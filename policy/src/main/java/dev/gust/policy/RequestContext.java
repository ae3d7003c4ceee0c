package dev.gust.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What AWS knows about one request when it evaluates policies (IAM's "request context"): the action, the resource,
 * the principal and the condition keys with their values. Condition keys are case-insensitive. Immutable; build one
 * per request with {@link #builder(String, String)}.
 */
public final class RequestContext {

    private final String action;
    private final String resource;
    private final String principalArn;
    private final String callerArn;
    private final String principalAccount;
    private final String accountRootArn;
    private final String resourceAccount;
    private final String servicePrincipal;
    private final Map<String, List<String>> keys;

    private RequestContext(Builder builder) {
        this.action = builder.action;
        this.resource = builder.resource;
        this.principalArn = builder.principalArn;
        this.callerArn = builder.callerArn != null ? builder.callerArn : builder.principalArn;
        this.principalAccount = builder.principalAccount;
        this.accountRootArn = builder.principalAccount == null ? null
                : "arn:aws:iam::" + builder.principalAccount + ":root";
        this.resourceAccount = builder.resourceAccount != null ? builder.resourceAccount : builder.principalAccount;
        this.servicePrincipal = builder.servicePrincipal;
        this.keys = builder.keys;
    }

    /**
     * Starts a request context.
     *
     * @param action the IAM action, such as {@code lambda:InvokeFunction}
     * @param resource the resource's ARN, or {@code *} for an action on no particular resource
     */
    public static Builder builder(String action, String resource) {
        return new Builder(action, resource);
    }

    /** The IAM action, such as {@code lambda:InvokeFunction}. */
    public String action() {
        return action;
    }

    /** The resource's ARN, or {@code *}. */
    public String resource() {
        return resource;
    }

    /**
     * The IAM identity whose identity-based policies apply: a user's or role's ARN, or an account's root; {@code null}
     * for a service principal.
     */
    public String principalArn() {
        return principalArn;
    }

    /** The ARN the request was made as: an assumed role's session, else {@link #principalArn()}. */
    public String callerArn() {
        return callerArn;
    }

    /** The account the principal belongs to, or {@code null} for a service principal. */
    public String principalAccount() {
        return principalAccount;
    }

    /** The root of the principal's account ({@code arn:aws:iam::ACCOUNT:root}), or {@code null}. */
    String accountRootArn() {
        return accountRootArn;
    }

    /** The account that owns the resource. */
    public String resourceAccount() {
        return resourceAccount;
    }

    /** The service principal making the request ({@code lambda.amazonaws.com}), or {@code null}. */
    public String servicePrincipal() {
        return servicePrincipal;
    }

    /** Whether the principal is an account's root ({@code arn:aws:iam::ACCOUNT:root}). */
    public boolean isAccountRoot() {
        return principalArn != null && principalArn.equals(accountRootArn);
    }

    /** Whether the principal and the resource belong to one account. */
    public boolean isSameAccount() {
        return principalAccount != null && principalAccount.equals(resourceAccount);
    }

    /** The values of a condition key (any case), or {@code null} when the request does not have the key. */
    public List<String> values(String key) {
        List<String> values = keys.get(lowerKey(key));
        return values == null || values.isEmpty() ? null : values;
    }

    /** The values of a condition key already in lower case, as compiled policies keep them. */
    List<String> valuesOfLowerKey(String lowerKey) {
        List<String> values = keys.get(lowerKey);
        return values == null || values.isEmpty() ? null : values;
    }

    static String lowerKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7F) {
                return key.toLowerCase(Locale.ROOT);
            }
        }
        return key; // already lower case: the edge's keys are, so building a context allocates no key
    }

    @Override
    public String toString() {
        return "RequestContext[" + action + " on " + resource + " by " + callerArn + "]";
    }

    /** Builds a {@link RequestContext}; not thread-safe. */
    public static final class Builder {

        private final String action;
        private final String resource;
        private String principalArn;
        private String callerArn;
        private String principalAccount;
        private String resourceAccount;
        private String servicePrincipal;
        private final Map<String, List<String>> keys = new HashMap<>(32);

        private Builder(String action, String resource) {
            this.action = Objects.requireNonNull(action, "action");
            this.resource = Objects.requireNonNull(resource, "resource");
        }

        /**
         * The IAM principal behind the request and its account.
         *
         * @param principalArn the user's or role's ARN, or the account's root
         */
        public Builder principal(String principalArn, String account) {
            this.principalArn = Objects.requireNonNull(principalArn, "principalArn");
            this.principalAccount = Objects.requireNonNull(account, "account");
            return this;
        }

        /** The assumed-role session ARN the request was made as, when it differs from the principal's ARN. */
        public Builder caller(String callerArn) {
            this.callerArn = callerArn;
            return this;
        }

        /** A service principal making the request itself, such as {@code lambda.amazonaws.com}. */
        public Builder service(String servicePrincipal) {
            this.servicePrincipal = servicePrincipal;
            return this;
        }

        /** The account that owns the resource; the principal's when not set. */
        public Builder resourceAccount(String account) {
            this.resourceAccount = account;
            return this;
        }

        /** A single-valued condition key; {@code null} leaves the key out. */
        public Builder key(String key, String value) {
            if (value != null) {
                keys.put(lowerKey(key), List.of(value));
            }
            return this;
        }

        /** A multivalued condition key. */
        public Builder key(String key, List<String> values) {
            keys.put(lowerKey(key), List.copyOf(values));
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}
