package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour section "Accounts, users and policies" ({@code docs/tours/accounts.md}, which the README takes up), run
 * as written with bash, the real AWS CLI and real functions: two accounts made with Organizations, each seeing only
 * its own functions, a cross-account invoke denied until the owner adds a permission for the other account; and a
 * function whose role has no permission policy, denied a Lambda call from boto3 until {@code put-role-policy}.
 */
class AccountsTourIT {

    private static final String TOUR = "docs/tours/accounts.md";
    private static final String HEADING = "## Accounts, users and policies";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void eachAccountSeesItsOwnFunctionsAndInvokesAnothersOnlyOnceItsOwnerAllowsIt() throws Exception {
        List<String> tour = ReadmeShell.section(TOUR, HEADING);
        assertThat(tour).hasSize(2);
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(tour.get(0));

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = IamCliIT.messages(result);
            String dev = find(output, "arn:aws:lambda:us-east-1:(\\d{12}):function:hello\n");
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
