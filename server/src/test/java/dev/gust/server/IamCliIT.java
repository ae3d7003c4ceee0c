package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM with the real AWS CLI ({@code /usr/bin/aws iam ...}) against a real server: users and their access keys, roles,
 * inline and managed policies with versions, the AWS-managed policies, IAM's errors, a user's key and an assumed
 * role as STS's callers, and everything surviving a restart.
 */
class IamCliIT {

    /** The CLI pointed at the server, answering JSON; a failing command prints its error and {@code exit N}. */
    static final String CLI = """
            aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
            try() { "$@" 2>&1 || echo "exit $?"; }
            """;
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String ALLOW_LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"logs:*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void managesUsersAndTheirAccessKeysWhichAuthenticateUntilDeactivated() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell shell = new ReadmeShell(work, gust);
            ReadmeShell.Result result = shell.bash(CLI + """
                    aws iam create-user --user-name alice --path /team/ --query User.Arn --output text
                    try aws iam create-user --user-name ALICE
                    aws iam get-user --user-name alice --query User.UserId --output text
                    aws iam list-users --query 'Users[].UserName' --output text
                    aws iam create-access-key --user-name alice > key1.json
                    aws iam create-access-key --user-name alice --query AccessKey.AccessKeyId --output text
                    try aws iam create-access-key --user-name alice
                    aws iam list-access-keys --user-name alice --query 'length(AccessKeyMetadata)'
                    export KEY=$(python3 -c 'import json;print(json.load(open("key1.json"))["AccessKey"]["AccessKeyId"])')
                    export SECRET=$(python3 -c 'import json;print(json.load(open("key1.json"))["AccessKey"]["SecretAccessKey"])')
                    echo "secret-length=${#SECRET}"
                    AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET aws sts get-caller-identity \\
                        --query '[Arn,UserId]' --output text
                    try aws iam delete-user --user-name alice
                    aws iam update-access-key --user-name alice --access-key-id $KEY --status Inactive
                    aws iam list-access-keys --user-name alice --query "AccessKeyMetadata[?AccessKeyId=='$KEY'].Status" --output text
                    AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET try aws sts get-caller-identity
                    try aws iam update-access-key --user-name alice --access-key-id $KEY --status Paused
                    for k in $(aws iam list-access-keys --user-name alice --query 'AccessKeyMetadata[].AccessKeyId' --output text); do
                        aws iam delete-access-key --user-name alice --access-key-id $k
                    done
                    try aws iam delete-access-key --user-name alice --access-key-id $KEY
                    aws iam delete-user --user-name alice
                    try aws iam get-user --user-name alice
                    try aws iam create-user --user-name 'no spaces'
                    """);

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = messages(result);
            assertThat(output)
                    .contains("arn:aws:iam::000000000000:user/team/alice")
                    .contains("An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User "
                            + "with name ALICE already exists.")
                    .containsPattern("(?m)^AIDA[A-Z2-7]{17}$")
                    .containsPattern("(?m)^alice$")
                    .containsPattern("(?m)^AKIA[A-Z2-7]{16}$")
                    .contains("An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot "
                            + "exceed quota for AccessKeysPerUser: 2")
                    .containsPattern("(?m)^2$")
                    .contains("secret-length=40")
                    .containsPattern("(?m)^arn:aws:iam::000000000000:user/team/alice\\tAIDA[A-Z2-7]{17}$")
                    .contains("An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete "
                            + "entity, must delete access keys first.")
                    .containsPattern("(?m)^Inactive$")
                    .contains("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation")
                    .contains("An error occurred (ValidationError) when calling the UpdateAccessKey operation: 1 "
                            + "validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [Active, Inactive]")
                    .contains("An error occurred (NoSuchEntity) when calling the DeleteAccessKey operation: The Access "
                            + "Key with id ")
                    .contains("An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name "
                            + "alice cannot be found.")
                    .contains("An error occurred (ValidationError) when calling the CreateUser operation: 1 validation "
                            + "error detected: Value 'no spaces' at 'userName' failed to satisfy constraint: Member must "
                            + "satisfy regular expression pattern: [\\w+=,.@-]+");
            assertThat(output.lines().filter(l -> l.equals("exit 254")).count()).isEqualTo(8);
            String userId = find(output, "(?m)^(AIDA[A-Z2-7]{17})$");
            assertThat(output).contains("user/team/alice\t" + userId);
        }
    }

    @Test
    void managesRolesAndPoliciesAndAssumesRolesByTheirRealIds() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell shell = new ReadmeShell(work, gust);
            ReadmeShell.Result result = shell.bash(CLI + """
                    aws iam create-role --role-name deployer --path /ci/ --max-session-duration 7200 \\
                        --description 'deploys things' --assume-role-policy-document '%1$s' \\
                        --query '[Role.Arn,Role.RoleId]' --output text
                    aws iam get-role --role-name deployer --query Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS --output text
                    aws iam get-role --role-name deployer --query '[Role.MaxSessionDuration,Role.Description]' --output text
                    try aws iam create-role --role-name bad --assume-role-policy-document '{"Version":"2012-10-17"}'
                    try aws iam create-role --role-name deployer --assume-role-policy-document '%1$s'
                    aws iam list-roles --query 'Roles[].RoleName' --output text
                    aws iam put-role-policy --role-name deployer --policy-name logs --policy-document '%2$s'
                    aws iam get-role-policy --role-name deployer --policy-name logs --query PolicyDocument.Statement[0].Action --output text
                    aws iam list-role-policies --role-name deployer --query 'PolicyNames' --output text
                    try aws iam get-role-policy --role-name deployer --policy-name nope
                    aws iam create-policy --policy-name app --path /apps/ --policy-document '%2$s' \\
                        --query '[Policy.Arn,Policy.DefaultVersionId]' --output text
                    ARN=arn:aws:iam::000000000000:policy/apps/app
                    try aws iam create-policy --policy-name app --policy-document '%2$s'
                    for i in 2 3 4 5; do aws iam create-policy-version --policy-arn $ARN --policy-document '%2$s' \\
                        --query PolicyVersion.VersionId --output text; done
                    try aws iam create-policy-version --policy-arn $ARN --policy-document '%2$s'
                    aws iam set-default-policy-version --policy-arn $ARN --version-id v4
                    aws iam get-policy --policy-arn $ARN --query Policy.DefaultVersionId --output text
                    try aws iam delete-policy-version --policy-arn $ARN --version-id v4
                    aws iam delete-policy-version --policy-arn $ARN --version-id v5
                    aws iam list-policy-versions --policy-arn $ARN --query 'Versions[].VersionId' --output text
                    aws iam get-policy-version --policy-arn $ARN --version-id v4 --query PolicyVersion.Document.Statement[0].Resource --output text
                    aws iam attach-role-policy --role-name deployer --policy-arn $ARN
                    aws iam attach-role-policy --role-name deployer \\
                        --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                    try aws iam attach-role-policy --role-name deployer --policy-arn arn:aws:iam::aws:policy/Nope
                    aws iam list-attached-role-policies --role-name deployer --query 'AttachedPolicies[].PolicyName' --output text
                    aws iam get-policy --policy-arn $ARN --query Policy.AttachmentCount
                    aws iam list-policies --scope Local --query 'Policies[].PolicyName' --output text
                    echo "aws-scope=$(aws iam list-policies --scope AWS --query 'Policies[].PolicyName' --output text)"
                    aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/AdministratorAccess --version-id v1 \\
                        --query PolicyVersion.Document.Statement[0].Action --output text
                    try aws iam delete-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
                    try aws iam delete-policy --policy-arn $ARN
                    try aws iam delete-role --role-name deployer
                    try aws iam put-user-policy --user-name nobody --policy-name p --policy-document '%2$s'
                    try aws iam put-role-policy --role-name deployer --policy-name p --policy-document '{"Statement":[]}'
                    aws sts assume-role --role-arn arn:aws:iam::000000000000:role/ci/deployer --role-session-name s1 \\
                        --duration-seconds 7200 --query AssumedRoleUser.AssumedRoleId --output text
                    try aws sts assume-role --role-arn arn:aws:iam::000000000000:role/ci/deployer --role-session-name s1 \\
                        --duration-seconds 7201
                    try aws sts assume-role --role-arn arn:aws:iam::000000000000:role/absent --role-session-name s1
                    aws iam detach-role-policy --role-name deployer --policy-arn $ARN
                    try aws iam detach-role-policy --role-name deployer --policy-arn $ARN
                    """.formatted(TRUST, ALLOW_LOGS));

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = messages(result);
            String roleId = find(output, "(?m)^arn:aws:iam::000000000000:role/ci/deployer\\t(AROA[A-Z2-7]{17})$");
            assertThat(output)
                    .containsPattern("(?m)^arn:aws:iam::000000000000:root$")
                    .containsPattern("(?m)^7200\\tdeploys things$")
                    .contains("An error occurred (MalformedPolicyDocument) when calling the CreateRole operation")
                    .contains("An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with "
                            + "name deployer already exists.")
                    .containsPattern("(?m)^deployer$")
                    .containsPattern("(?m)^logs:\\*$")
                    .containsPattern("(?m)^logs$")
                    .contains("An error occurred (NoSuchEntity) when calling the GetRolePolicy operation: The role "
                            + "policy with name nope cannot be found.")
                    .containsPattern("(?m)^arn:aws:iam::000000000000:policy/apps/app\\tv1$")
                    .contains("An error occurred (EntityAlreadyExists) when calling the CreatePolicy operation: A "
                            + "policy called app already exists. Duplicate names are not allowed.")
                    .containsPattern("(?m)^v2\\nv3\\nv4\\nv5$")
                    .contains("An error occurred (LimitExceeded) when calling the CreatePolicyVersion operation: A "
                            + "managed policy can have up to 5 versions.")
                    .containsPattern("(?m)^v4$")
                    .contains("An error occurred (DeleteConflict) when calling the DeletePolicyVersion operation: Cannot "
                            + "delete the default version of a policy.")
                    .containsPattern("(?m)^v4\\tv3\\tv2\\tv1$")
                    .containsPattern("(?m)^\\*$")
                    .contains("An error occurred (NoSuchEntity) when calling the AttachRolePolicy operation: Policy "
                            + "arn:aws:iam::aws:policy/Nope does not exist or is not attachable.")
                    .containsPattern("(?m)^app\\tAWSLambdaBasicExecutionRole$")
                    .containsPattern("(?m)^1$")
                    .containsPattern("(?m)^app$")
                    .containsPattern("aws-scope=.*AdministratorAccess")
                    .containsPattern("aws-scope=.*AWSLambdaSQSQueueExecutionRole")
                    .doesNotContainPattern("aws-scope=.*\\bapp\\b")
                    .contains("An error occurred (AccessDenied) when calling the DeletePolicy operation")
                    .contains("An error occurred (DeleteConflict) when calling the DeletePolicy operation: Cannot "
                            + "delete a policy attached to entities.")
                    .contains("An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete "
                            + "entity, must delete policies first.")
                    .contains("An error occurred (NoSuchEntity) when calling the PutUserPolicy operation: The user with "
                            + "name nobody cannot be found.")
                    .contains("An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation")
                    .containsPattern("(?m)^" + roleId + ":s1$")
                    .contains("An error occurred (ValidationError) when calling the AssumeRole operation: The requested "
                            + "DurationSeconds exceeds the MaxSessionDuration set for this role.")
                    .contains("An error occurred (AccessDenied) when calling the AssumeRole operation: User: "
                            + "arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: "
                            + "arn:aws:iam::000000000000:role/absent")
                    .contains("An error occurred (NoSuchEntity) when calling the DetachRolePolicy operation: Policy "
                            + "arn:aws:iam::000000000000:policy/apps/app was not found.");
        }
    }

    @Test
    void pagesListsAndUndoesEveryPolicyChange() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    for u in carol alice bob; do aws iam create-user --user-name $u > /dev/null; done
                    echo "paged=$(aws iam list-users --page-size 1 --query 'Users[].UserName' --output text)"
                    aws iam put-user-policy --user-name bob --policy-name logs --policy-document '%2$s'
                    aws iam get-user-policy --user-name bob --policy-name logs --query '[UserName,PolicyName]' --output text
                    aws iam delete-user-policy --user-name bob --policy-name logs
                    try aws iam delete-user-policy --user-name bob --policy-name logs
                    echo "user-policies=$(aws iam list-user-policies --user-name bob --query PolicyNames --output text)"
                    aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
                    echo "user-attached=$(aws iam list-attached-user-policies --user-name bob \
                        --query 'AttachedPolicies[].PolicyArn' --output text)"
                    try aws iam delete-user --user-name bob
                    aws iam detach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
                    aws iam delete-user --user-name bob
                    aws iam create-role --role-name r --assume-role-policy-document '%1$s' > /dev/null
                    aws iam update-assume-role-policy --role-name r --policy-document \
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
                    echo "trust=$(aws iam get-role --role-name r \
                        --query Role.AssumeRolePolicyDocument.Statement[0].Principal.Service --output text)"
                    aws iam put-role-policy --role-name r --policy-name logs --policy-document '%2$s'
                    aws iam delete-role-policy --role-name r --policy-name logs
                    aws iam create-policy --policy-name p --policy-document '%2$s' > /dev/null
                    aws iam create-policy-version --policy-arn arn:aws:iam::000000000000:policy/p \
                        --policy-document '%2$s' --set-as-default --query PolicyVersion.IsDefaultVersion
                    try aws iam delete-policy --policy-arn arn:aws:iam::000000000000:policy/p
                    aws iam delete-policy-version --policy-arn arn:aws:iam::000000000000:policy/p --version-id v1
                    aws iam delete-policy --policy-arn arn:aws:iam::000000000000:policy/p
                    try aws iam get-policy --policy-arn arn:aws:iam::000000000000:policy/p
                    try aws iam get-policy --policy-arn not-an-arn-but-long-enough
                    aws iam delete-role --role-name r
                    echo "roles=$(aws iam list-roles --query 'Roles[].RoleName' --output text)"
                    """.formatted(TRUST, ALLOW_LOGS));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(messages(result))
                    .contains("paged=alice\nbob\ncarol\n")
                    .containsPattern("(?m)^bob\tlogs$")
                    .contains("An error occurred (NoSuchEntity) when calling the DeleteUserPolicy operation: The user "
                            + "policy with name logs cannot be found.")
                    .containsPattern("(?m)^user-policies=$")
                    .contains("user-attached=arn:aws:iam::aws:policy/ReadOnlyAccess")
                    .contains("An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete "
                            + "entity, must detach all policies first.")
                    .contains("trust=lambda.amazonaws.com")
                    .containsPattern("(?m)^true$")
                    .contains("An error occurred (DeleteConflict) when calling the DeletePolicy operation: This policy "
                            + "has more than one version.")
                    .contains("An error occurred (NoSuchEntity) when calling the GetPolicy operation: Policy "
                            + "arn:aws:iam::000000000000:policy/p was not found.")
                    .contains("An error occurred (InvalidInput) when calling the GetPolicy operation: ARN "
                            + "not-an-arn-but-long-enough is not valid.")
                    .containsPattern("(?m)^roles=$");
        }
    }

    @Test
    void keepsUsersKeysRolesAndPoliciesAcrossARestart() throws Exception {
        String before;
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result created = new ReadmeShell(work, gust).bash(CLI + """
                    aws iam create-user --user-name bob > /dev/null
                    aws iam create-access-key --user-name bob > key.json
                    aws iam create-role --role-name r --assume-role-policy-document '%1$s' > /dev/null
                    aws iam create-policy --policy-name p --policy-document '%2$s' > /dev/null
                    aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::000000000000:policy/p
                    aws iam put-user-policy --user-name bob --policy-name inline --policy-document '%2$s'
                    aws iam get-role --role-name r --query Role.RoleId --output text
                    """.formatted(TRUST, ALLOW_LOGS));
            assertThat(created.exitCode()).as(created.output()).isZero();
            before = created.output().strip();
        }
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result after = new ReadmeShell(work, gust).bash(CLI + """
                    export KEY=$(python3 -c 'import json;print(json.load(open("key.json"))["AccessKey"]["AccessKeyId"])')
                    export SECRET=$(python3 -c 'import json;print(json.load(open("key.json"))["AccessKey"]["SecretAccessKey"])')
                    AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET aws sts get-caller-identity --query Arn --output text
                    aws iam get-role --role-name r --query Role.RoleId --output text
                    aws iam list-attached-role-policies --role-name r --query 'AttachedPolicies[].PolicyArn' --output text
                    aws iam list-user-policies --user-name bob --query PolicyNames --output text
                    """);
            assertThat(after.exitCode()).as(after.output()).isZero();
            assertThat(after.output().lines().toList()).containsExactly("arn:aws:iam::000000000000:user/bob", before,
                    "arn:aws:iam::000000000000:policy/p", "inline");
        }
    }

    /** The script's output, with the CLI's retry note left out of its error lines. */
    static String messages(ReadmeShell.Result result) {
        return result.output().replace(" (reached max retries: 0)", "");
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }
}
