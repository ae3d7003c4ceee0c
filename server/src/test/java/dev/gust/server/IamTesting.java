package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** IAM set-up for the ITs that need a role to exist, done with the real AWS CLI as the account's root. */
final class IamTesting {

    /** A trust policy that lets the account {@code 000000000000} (its root, users and roles) assume the role. */
    static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private IamTesting() {
    }

    /**
     * Creates the role {@code PATH NAME} (sessions up to 12 hours) trusting the account, with
     * {@code AdministratorAccess} attached, through {@code gust}.
     */
    static void createRole(Path work, GustProcess gust, String path, String name) throws Exception {
        ReadmeShell.Result created = new ReadmeShell(work, gust).bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }
                aws iam create-role --path %1$s --role-name %2$s --max-session-duration 43200 \\
                    --assume-role-policy-document '%3$s' > /dev/null
                aws iam attach-role-policy --role-name %2$s --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
                """.formatted(path, name, TRUST_ACCOUNT));
        assertThat(created.exitCode()).as(created.output()).isZero();
    }
}
