package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM users' policies decide what their keys may do, with the real AWS CLI: an inline policy that allows invoking
 * one function allows that and nothing else, an explicit deny beats the allow, and the answers are AWS's.
 */
class IamAuthorizationIT {

    private static final String CLI = """
            aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
            try() { "$@" 2>&1 || echo "exit $?"; }
            field() { python3 -c "import json,sys;d=json.load(open(sys.argv[1]))
            for k in sys.argv[2:]: d=d[k]
            print(d)" "$@"; }
            """;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void aUsersInlinePolicyAllowsInvokingOneFunctionOnlyAndAnExplicitDenyWins() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    for f in one two; do
                        aws lambda create-function --function-name $f --runtime python3.12 \\
                            --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                            --zip-file fileb://function.zip > /dev/null
                    done
                    aws iam create-user --user-name invoker > /dev/null
                    aws iam put-user-policy --user-name invoker --policy-name invoke-one --policy-document \\
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction",
                          "Resource":"arn:aws:lambda:us-east-1:000000000000:function:one"}]}'
                    aws iam create-access-key --user-name invoker > key.json
                    export AWS_ACCESS_KEY_ID=$(field key.json AccessKey AccessKeyId)
                    export AWS_SECRET_ACCESS_KEY=$(field key.json AccessKey SecretAccessKey)
                    echo "whoami=$(aws sts get-caller-identity --query Arn --output text)"
                    aws lambda invoke --function-name one out.json > /dev/null && echo "one=$(cat out.json)"
                    try aws lambda invoke --function-name two out.json
                    try aws lambda list-functions
                    try aws iam list-users
                    """);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(IamCliIT.messages(result))
                    .contains("whoami=arn:aws:iam::000000000000:user/invoker")
                    .contains("one={\"statusCode\": 200}")
                    .contains("An error occurred (AccessDeniedException) when calling the Invoke operation: User: "
                            + "arn:aws:iam::000000000000:user/invoker is not authorized to perform: "
                            + "lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:two "
                            + "because no identity-based policy allows the lambda:InvokeFunction action")
                    .contains("An error occurred (AccessDeniedException) when calling the ListFunctions operation: "
                            + "User: arn:aws:iam::000000000000:user/invoker is not authorized to perform: "
                            + "lambda:ListFunctions")
                    .contains("An error occurred (AccessDenied) when calling the ListUsers operation: User: "
                            + "arn:aws:iam::000000000000:user/invoker is not authorized to perform: iam:ListUsers");

            ReadmeShell.Result denied = new ReadmeShell(work, gust).bash(CLI + """
                    aws iam put-user-policy --user-name invoker --policy-name deny-one --policy-document \\
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"lambda:*","Resource":"*"}]}'
                    export AWS_ACCESS_KEY_ID=$(field key.json AccessKey AccessKeyId)
                    export AWS_SECRET_ACCESS_KEY=$(field key.json AccessKey SecretAccessKey)
                    try aws lambda invoke --function-name one out.json
                    """);
            assertThat(denied.exitCode()).as(denied.output()).isZero();
            assertThat(IamCliIT.messages(denied)).contains("An error occurred (AccessDeniedException) when calling the "
                    + "Invoke operation: User: arn:aws:iam::000000000000:user/invoker is not authorized to perform: "
                    + "lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:one "
                    + "with an explicit deny in an identity-based policy");
        }
    }

    @Test
    void lambdaConditionKeysNameThePrincipalOfAPermissionAndTheLayersOfAFunction() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    aws lambda create-function --function-name target --runtime python3.12 \\
                        --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                        --zip-file fileb://function.zip > /dev/null
                    for layer in approved other; do
                        aws lambda publish-layer-version --layer-name $layer --zip-file fileb://function.zip > /dev/null
                    done
                    aws iam create-user --user-name deployer > /dev/null
                    aws iam put-user-policy --user-name deployer --policy-name conditions --policy-document '{
                      "Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "lambda:AddPermission", "Resource": "*",
                         "Condition": {"StringEquals": {"lambda:Principal": "s3.amazonaws.com"}}},
                        {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*",
                         "Condition": {"ForAllValues:ArnLike": {"lambda:Layer": "arn:aws:lambda:*:*:layer:approved:*"}}}]}'
                    aws iam create-access-key --user-name deployer > key.json
                    export AWS_ACCESS_KEY_ID=$(field key.json AccessKey AccessKeyId)
                    export AWS_SECRET_ACCESS_KEY=$(field key.json AccessKey SecretAccessKey)
                    aws lambda add-permission --function-name target --statement-id s3 --action lambda:InvokeFunction \\
                        --principal s3.amazonaws.com > /dev/null && echo "s3 allowed"
                    try aws lambda add-permission --function-name target --statement-id sns \\
                        --action lambda:InvokeFunction --principal sns.amazonaws.com
                    create() {
                        aws lambda create-function --function-name $1 --runtime python3.12 \\
                            --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                            --zip-file fileb://function.zip --layers "$2" --query FunctionName --output text
                    }
                    create with-approved arn:aws:lambda:us-east-1:000000000000:layer:approved:1
                    try create with-other arn:aws:lambda:us-east-1:000000000000:layer:other:1
                    """);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(IamCliIT.messages(result))
                    .contains("s3 allowed\n")
                    .contains("An error occurred (AccessDeniedException) when calling the AddPermission operation: "
                            + "User: arn:aws:iam::000000000000:user/deployer is not authorized to perform: "
                            + "lambda:AddPermission on resource: arn:aws:lambda:us-east-1:000000000000:function:target "
                            + "because no identity-based policy allows the lambda:AddPermission action")
                    .contains("with-approved\n")
                    .contains("An error occurred (AccessDeniedException) when calling the CreateFunction operation: "
                            + "User: arn:aws:iam::000000000000:user/deployer is not authorized to perform: "
                            + "lambda:CreateFunction");
        }
    }
}
