package dev.gust.sts;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ARN of an IAM role, {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}, as AssumeRole and functions' execution roles
 * name one. Immutable.
 *
 * @param arn the ARN as given
 * @param partition {@code aws}, or another partition such as {@code aws-cn}
 * @param accountId the account the role belongs to
 * @param roleName the role's name: the last segment of its path, which is what an assumed-role ARN shows
 */
public record RoleArn(String arn, String partition, String accountId, String roleName) {

    /** What Lambda accepts as a function's role (its model's pattern), with the name after the last slash. */
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::(\\d{12}):role/?(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]+)");
    /** AWS's syntactic ARN check: partition, service and resource present, six parts. */
    private static final Pattern ANY_ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");

    public RoleArn {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleName, "roleName");
    }

    /** The role {@code arn} names, or empty if it is not a role's ARN. */
    public static Optional<RoleArn> find(String arn) {
        var m = ROLE.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RoleArn(arn, m.group(1) == null ? "aws" : m.group(1), m.group(2), m.group(3)));
    }

    /** Whether {@code arn} is an ARN at all (of any service and resource), as STS checks before anything else. */
    static boolean isArn(String arn) {
        return ANY_ARN.matcher(arn).matches();
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}: the ARN of a session of this role. */
    public String assumedRoleArn(String sessionName) {
        return "arn:" + partition + ":sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
    }
}
