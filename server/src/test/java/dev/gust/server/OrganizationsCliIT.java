package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organizations with the real AWS CLI ({@code aws organizations ...}) and {@code gust accounts}: accounts created by
 * the management account, each entered through its {@code OrganizationAccountAccessRole}, seeing only itself, and
 * still there after a restart.
 */
class OrganizationsCliIT {

    private static final String CLI = """
            aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
            try() { "$@" 2>&1 || echo "exit $?"; }
            field() { python3 -c "import json,sys;d=json.load(open(sys.argv[1]))
            for k in sys.argv[2:]: d=d[k]
            print(d)" "$@"; }
            enter() {
                aws sts assume-role --role-arn "arn:aws:iam::$1:role/OrganizationAccountAccessRole" \\
                    --role-session-name ops > creds.json
                export AWS_ACCESS_KEY_ID=$(field creds.json Credentials AccessKeyId)
                export AWS_SECRET_ACCESS_KEY=$(field creds.json Credentials SecretAccessKey)
                export AWS_SESSION_TOKEN=$(field creds.json Credentials SessionToken)
            }
            gust() { '%s' --enable-native-access=ALL-UNNAMED -jar '%s' "$@"; }
            """.formatted(GustProcess.javaExecutable(), GustProcess.serverJar());

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void createsAccountsThatTheManagementAccountEntersThroughTheirAccessRole() throws Exception {
        String dev;
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    echo "master=$(aws organizations describe-organization --query Organization.MasterAccountId --output text)"
                    aws organizations create-account --account-name dev --email dev@example.com > dev.json
                    DEV=$(field dev.json CreateAccountStatus AccountId)
                    echo "dev=$DEV state=$(field dev.json CreateAccountStatus State)"
                    aws organizations describe-create-account-status \\
                        --create-account-request-id $(field dev.json CreateAccountStatus Id) \\
                        --query '[CreateAccountStatus.State,CreateAccountStatus.AccountId]' --output text
                    PROD=$(aws organizations create-account --account-name prod --email prod@example.com \\
                        --query CreateAccountStatus.AccountId --output text)
                    echo "prod=$PROD"
                    aws organizations create-account --account-name again --email dev@example.com \\
                        --query '[CreateAccountStatus.State,CreateAccountStatus.FailureReason]' --output text
                    echo "accounts=$(aws organizations list-accounts --query 'Accounts[].Name' --output text)"
                    echo "dev-name=$(aws organizations describe-account --account-id $DEV --query Account.Name --output text)"
                    try aws organizations describe-account --account-id 999999999999
                    try aws organizations describe-create-account-status --create-account-request-id car-00000000
                    (
                        enter $DEV
                        echo "dev-identity=$(aws sts get-caller-identity --query '[Account,Arn]' --output text)"
                        echo "dev-trust=$(aws iam get-role --role-name OrganizationAccountAccessRole \\
                            --query Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS --output text)"
                        echo "dev-attached=$(aws iam list-attached-role-policies --role-name OrganizationAccountAccessRole \\
                            --query 'AttachedPolicies[].PolicyArn' --output text)"
                        aws iam create-user --user-name only-in-dev > /dev/null
                        echo "dev-users=$(aws iam list-users --query 'Users[].Arn' --output text)"
                        try aws organizations list-accounts
                    )
                    (
                        enter $PROD
                        echo "prod-identity=$(aws sts get-caller-identity --query '[Account,Arn]' --output text)"
                        echo "prod-users=$(aws iam list-users --query 'Users[].Arn' --output text)"
                    )
                    echo "root-users=$(aws iam list-users --query 'Users[].Arn' --output text)"
                    gust accounts create staging --data-dir "$PWD/no-such-dir" > staging.env
                    cat staging.env
                    (
                        . ./staging.env
                        echo "staging-identity=$(aws sts get-caller-identity --query Arn --output text)"
                    )
                    gust accounts list --data-dir "$PWD/no-such-dir"
                    """);

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = IamCliIT.messages(result);
            dev = find(output, "dev=(\\d{12}) state=SUCCEEDED");
            String prod = find(output, "prod=(\\d{12})");
            String staging = find(output, "# account staging: (\\d{12})");
            assertThat(dev).isNotEqualTo(prod).isNotEqualTo("000000000000");
            assertThat(output)
                    .contains("master=000000000000")
                    .containsPattern("(?m)^SUCCEEDED\\t" + dev + "$")
                    .containsPattern("(?m)^FAILED\\tEMAIL_ALREADY_EXISTS$")
                    .contains("accounts=management\tdev\tprod")
                    .contains("dev-name=dev")
                    .contains("An error occurred (AccountNotFoundException) when calling the DescribeAccount operation: "
                            + "You specified an account that doesn't exist.")
                    .contains("An error occurred (CreateAccountStatusNotFoundException) when calling the "
                            + "DescribeCreateAccountStatus operation")
                    .contains("dev-identity=" + dev + "\tarn:aws:sts::" + dev
                            + ":assumed-role/OrganizationAccountAccessRole/ops")
                    .contains("dev-trust=arn:aws:iam::000000000000:root")
                    .contains("dev-attached=arn:aws:iam::aws:policy/AdministratorAccess")
                    .contains("dev-users=arn:aws:iam::" + dev + ":user/only-in-dev")
                    .contains("An error occurred (AccessDeniedException) when calling the ListAccounts operation: "
                            + "You don't have permissions to access this resource.")
                    .contains("prod-identity=" + prod + "\tarn:aws:sts::" + prod
                            + ":assumed-role/OrganizationAccountAccessRole/ops")
                    .containsPattern("(?m)^prod-users=$")
                    .containsPattern("(?m)^root-users=$")
                    .containsPattern("(?m)^export AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}$")
                    .contains("staging-identity=arn:aws:iam::" + staging + ":user/admin")
                    .containsPattern("(?m)^" + staging + "\\s+staging\\s+staging@gust.invalid$");
        }
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result after = new ReadmeShell(work, gust).bash(CLI + """
                    echo "accounts=$(aws organizations list-accounts --query 'Accounts[].Name' --output text)"
                    enter %s
                    aws sts get-caller-identity --query Account --output text
                    """.formatted(dev));
            assertThat(after.exitCode()).as(after.output()).isZero();
            assertThat(after.output()).contains("accounts=management\tdev\tprod\tstaging")
                    .containsPattern("(?m)^" + dev + "$");
        }
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }
}
