package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Execution roles and the modes, with the real AWS CLI: {@code strict} refuses a role that does not exist or that
 * Lambda may not assume, with AWS's error; {@code dev} creates a missing role, an ordinary IAM role afterwards. And the
 * opt-in that lets any twelve-digit access key id act as that account's root: refused unless it is on.
 */
class ExecutionRolesIT {

    /** {@link IamCliIT#CLI}, and {@code create NAME ROLE}, which creates a function and prints its role. */
    private static final String CLI = IamCliIT.CLI + """
            create() {
                aws lambda create-function --function-name $1 --runtime python3.12 --role "$2" \\
                    --handler lambda_function.lambda_handler --zip-file fileb://function.zip \\
                    --query Role --output text
            }
            """;
    private static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String CANNOT_ASSUME = "An error occurred (InvalidParameterValueException) when calling the "
            + "%s operation: The role defined for the function cannot be assumed by Lambda.";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void strictModeRefusesARoleThatDoesNotExistOrThatLambdaMayNotAssume() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        try (GustProcess gust = GustProcess.start(dataDir, "--mode", "strict")) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    try create missing arn:aws:iam::000000000000:role/missing
                    aws iam create-role --role-name ec2-only --assume-role-policy-document \\
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' > /dev/null
                    try create untrusted arn:aws:iam::000000000000:role/ec2-only
                    aws iam create-role --role-name runner --assume-role-policy-document '%s' > /dev/null
                    create trusted arn:aws:iam::000000000000:role/runner
                    try aws lambda update-function-configuration --function-name trusted \\
                        --role arn:aws:iam::000000000000:role/missing
                    echo "functions=$(aws lambda list-functions --query 'Functions[].FunctionName' --output text)"
                    try aws iam get-role --role-name missing
                    """.formatted(LAMBDA_TRUST));

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = IamCliIT.messages(result);
            String refused = CANNOT_ASSUME.formatted("CreateFunction");
            assertThat(output.split(java.util.regex.Pattern.quote(refused), -1)).as(output).hasSize(3);
            assertThat(output).contains("arn:aws:iam::000000000000:role/runner\n")
                    .contains(CANNOT_ASSUME.formatted("UpdateFunctionConfiguration"))
                    .contains("functions=trusted\n")
                    .contains("An error occurred (NoSuchEntity) when calling the GetRole operation");
            assertThat(gust.output()).doesNotContain("dev mode: created");
        }
    }

    @Test
    void devModeCreatesAMissingRoleThatIsAnOrdinaryIamRoleAfterwards() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    create one arn:aws:iam::000000000000:role/app/runner
                    create two arn:aws:iam::000000000000:role/app/runner
                    aws iam get-role --role-name runner \\
                        --query '[Role.Arn,Role.Path,Role.AssumeRolePolicyDocument.Statement[0].Principal.Service]' \\
                        --output text
                    echo "policies=$(aws iam list-role-policies --role-name runner --query PolicyNames --output text)"
                    aws iam get-role-policy --role-name runner --policy-name GustDevModeDataPlane \\
                        --query 'PolicyDocument.Statement[0].Action' --output text | tr '\\t' '\\n' | sort | tr '\\n' ' '
                    echo
                    aws iam put-role-policy --role-name runner --policy-name more --policy-document \\
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:GetFunction","Resource":"*"}]}'
                    echo "policies=$(aws iam list-role-policies --role-name runner --query PolicyNames --output text)"
                    try create elsewhere arn:aws:iam::123456789012:role/runner
                    try aws lambda update-function-configuration --function-name nobody \\
                        --role arn:aws:iam::000000000000:role/orphan
                    try aws iam get-role --role-name orphan
                    """);

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = IamCliIT.messages(result);
            assertThat(output)
                    .startsWith("arn:aws:iam::000000000000:role/app/runner\narn:aws:iam::000000000000:role/app/runner\n")
                    .contains("arn:aws:iam::000000000000:role/app/runner\t/app/\tlambda.amazonaws.com\n")
                    .contains("policies=GustDevModeDataPlane\n")
                    .contains("events:PutEvents lambda:InvokeAsync lambda:InvokeFunction lambda:InvokeFunctionUrl "
                            + "logs:CreateLogGroup logs:CreateLogStream logs:PutLogEvents s3:DeleteObject "
                            + "s3:GetObject s3:ListBucket s3:PutObject sns:Publish sqs:DeleteMessage "
                            + "sqs:GetQueueAttributes sqs:GetQueueUrl sqs:ReceiveMessage sqs:SendMessage "
                            + "sts:GetCallerIdentity \n")
                    .contains("policies=GustDevModeDataPlane\tmore\n")
                    .contains(CANNOT_ASSUME.formatted("CreateFunction"))
                    .contains("An error occurred (ResourceNotFoundException) when calling the "
                            + "UpdateFunctionConfiguration operation: Function not found: "
                            + "arn:aws:lambda:us-east-1:000000000000:function:nobody")
                    .contains("An error occurred (NoSuchEntity) when calling the GetRole operation");
            String log = gust.output();
            String warning = "dev mode: created the execution role arn:aws:iam::000000000000:role/app/runner";
            assertThat(log).contains(warning);
            assertThat(log.indexOf(warning)).as("warned once").isEqualTo(log.lastIndexOf(warning));
        }
    }

    @Test
    void aTwelveDigitKeyIsRefusedUnlessTheOptInMakesItThatAccountsRoot() throws Exception {
        String script = """
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
                export AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=anything
                aws sts get-caller-identity --query Arn 2>&1 || echo "exit $?"
                aws lambda list-functions --query 'length(Functions)' 2>&1 || echo "exit $?"
                """;
        try (GustProcess gust = GustProcess.start(Files.createDirectories(dataDir.resolve("off")))) {
            ReadmeShell.Result off = new ReadmeShell(work, gust).bash(script);

            assertThat(off.exitCode()).as(off.output()).isZero();
            assertThat(IamCliIT.messages(off))
                    .contains("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: "
                            + "The security token included in the request is invalid.")
                    .contains("An error occurred (UnrecognizedClientException) when calling the ListFunctions "
                            + "operation: The security token included in the request is invalid.");
            assertThat(gust.output()).doesNotContain("account-id-keys is on");
        }
        try (GustProcess gust = GustProcess.start(Files.createDirectories(dataDir.resolve("on")),
                Map.of("GUST_ACCOUNT_ID_KEYS", "true"))) {
            Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
            ReadmeShell.Result on = new ReadmeShell(work, gust).bash(script + """
                    aws lambda create-function --function-name mine --runtime python3.12 \\
                        --role arn:aws:iam::111111111111:role/runner --handler lambda_function.lambda_handler \\
                        --zip-file fileb://function.zip --query FunctionArn
                    aws lambda list-functions --query 'length(Functions)'
                    AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws lambda list-functions --query 'length(Functions)'
                    """.formatted(GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY));

            assertThat(on.exitCode()).as(on.output()).isZero();
            assertThat(on.output()).isEqualTo("""
                    arn:aws:iam::111111111111:root
                    0
                    arn:aws:lambda:us-east-1:111111111111:function:mine
                    1
                    0
                    """);
            assertThat(gust.output()).contains("WARNING: account-id-keys is on: ANYONE who can reach");
        }
    }
}
