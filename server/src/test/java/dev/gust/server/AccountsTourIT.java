package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour section "Accounts, users and policies" of the README, run
 * as written with bash, the real AWS CLI and real functions: two accounts made with Organizations, each seeing only
 * its own functions, a cross-account invoke denied until the owner adds a permission for the other account (which
 * still allows it after a restart); and a
 * function whose role has no permission policy, denied a Lambda call from boto3 until {@code put-role-policy}.
 */
class AccountsTourIT {

    private static final String TOUR = "README.md";
    private static final String HEADING = "## Accounts, users and policies";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void eachAccountSeesItsOwnFunctionsAndInvokesAnothersOnlyOnceItsOwnerAllowsIt() throws Exception {
        List<String> tour = ReadmeShell.section(TOUR, HEADING);
        assertThat(tour).hasSize(2);
        String dev;
        String prod;
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(tour.get(0));

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = IamCliIT.messages(result);
            dev = find(output, "arn:aws:lambda:us-east-1:(\\d{12}):function:hello\n");
            assertThat(output).containsPattern("(?m)^0$")
                    .containsPattern("An error occurred \\(AccessDeniedException\\) when calling the Invoke operation: "
                            + "User: arn:aws:sts::\\d{12}:assumed-role/OrganizationAccountAccessRole/tour is not "
                            + "authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:"
                            + dev + ":function:hello because no resource-based policy allows the "
                            + "lambda:InvokeFunction action\n")
                    .contains("denied\n")
                    .endsWith("{\"from\": \"arn:aws:lambda:us-east-1:" + dev + ":function:hello\"}");
            assertThat(gust.output()).contains("dev mode: created the execution role arn:aws:iam::" + dev
                    + ":role/hello-role");
            prod = find(output, "User: arn:aws:sts::(\\d{12}):assumed-role/");
        }
        try (GustProcess restarted = GustProcess.start(dataDir)) {
            ReadmeShell.Result again = new ReadmeShell(work, restarted).bash(IamCliIT.CLI + """
                    read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(aws sts assume-role \\
                        --role-arn arn:aws:iam::%s:role/OrganizationAccountAccessRole --role-session-name again \\
                        --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
                    export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
                    aws lambda invoke --function-name arn:aws:lambda:us-east-1:%s:function:hello again.json > /dev/null
                    cat again.json
                    """.formatted(prod, dev));
            assertThat(again.exitCode()).as("the permission holds after a restart: " + again.output()).isZero();
            assertThat(again.output()).isEqualTo("{\"from\": \"arn:aws:lambda:us-east-1:" + dev + ":function:hello\"}");
        }
    }

    @Test
    void aFunctionsRoleDecidesWhatItMayCallFromBoto3() throws Exception {
        List<String> tour = ReadmeShell.section(TOUR, HEADING);
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(tour.get(1));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).isEqualTo("""
                    arn:aws:iam::000000000000:role/lister
                    {"error": "User: arn:aws:sts::000000000000:assumed-role/lister/lister is not authorized to \
                    perform: lambda:ListFunctions on resource: * because no identity-based policy allows the \
                    lambda:ListFunctions action"}{"functions": 1}""");
        }
    }

    private static String find(String output, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }
}
