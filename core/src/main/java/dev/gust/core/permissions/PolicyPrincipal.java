package dev.gust.core.permissions;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a statement of a function's resource policy allows, as the policy document shows it: {@code "*"},
 * {@code {"Service": "s3.amazonaws.com"}} or {@code {"AWS": "arn:aws:iam::123456789012:root"}}.
 *
 * @param kind which of the three forms
 * @param value the service name or the ARN; {@code *} for {@link Kind#ANY}
 */
public record PolicyPrincipal(Kind kind, String value) {

    /** The form of a principal. */
    public enum Kind {
        /** {@code "Principal": "*"}: anyone (usually narrowed by a condition). */
        ANY,
        /** {@code "Principal": {"Service": ...}}: an AWS service. */
        SERVICE,
        /** {@code "Principal": {"AWS": ...}}: an account root or an IAM identity, by ARN. */
        AWS
    }

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** A service principal: a domain of AWS's ({@code s3.amazonaws.com}, {@code alexa-appkit.amazon.com}). */
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.(amazonaws\\.com(\\.cn)?|amazon\\.com)");
    /** An IAM or STS identity ARN: {@code arn:aws:iam::123456789012:user/name}, {@code ...:root}. */
    private static final Pattern IDENTITY_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:(iam|sts)::\\d{12}:\\S+");

    public PolicyPrincipal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** The principal {@code *}. */
    public static PolicyPrincipal any() {
        return new PolicyPrincipal(Kind.ANY, "*");
    }

    /**
     * The principal that AddPermission's {@code Principal} parameter names, as Lambda writes it into the policy:
     * an account id becomes its root ARN ({@code arn:aws:iam::ID:root}); empty when Lambda rejects the value.
     */
    public static Optional<PolicyPrincipal> fromParameter(String principal) {
        if (principal.equals("*")) {
            return Optional.of(any());
        }
        if (ACCOUNT_ID.matcher(principal).matches()) {
            return Optional.of(new PolicyPrincipal(Kind.AWS, "arn:aws:iam::" + principal + ":root"));
        }
        if (IDENTITY_ARN.matcher(principal).matches()) {
            return Optional.of(new PolicyPrincipal(Kind.AWS, principal));
        }
        if (SERVICE.matcher(principal).matches()) {
            return Optional.of(new PolicyPrincipal(Kind.SERVICE, principal));
        }
        return Optional.empty();
    }
}
