package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.PolicyLengthExceededException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * AddPermission, GetPolicy and RemovePermission through the real SDK, replaying LocalStack's parity tests
 * ({@code TestLambdaPermissions}, {@code TestLambdaRevisions::test_function_revisions_permissions}) with the requests
 * those tests sent, and comparing every response with the one recorded from real AWS
 * ({@code src/test/resources/localstack/}). The server emulates the recordings' account {@code 111111111111}.
 */
class PermissionsIT {

    private static final String SNAPSHOT = "test_lambda_api.permissions.snapshot.json";
    private static final String ACCOUNT = "111111111111";
    private static final String BUCKET = "arn:aws:s3:::test-bucket";
    private static final String FN_ARN = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir, Map.of("GUST_ACCOUNT_ID", ACCOUNT));
        lambda = LambdaClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        gust.close();
    }

    private static void create(String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda-role") // the account's own role, as Lambda needs
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("A")))));
    }

    private static Recording recording(String test) {
        return Recording.of(SNAPSHOT, "test_lambda_api.py::" + test);
    }

    /** AddPermission, its {@code Statement} parsed as the recordings show it. */
    private static void add(Recording recording, String key, Consumer<AddPermissionRequest.Builder> request) {
        AddPermissionResponse response = lambda.addPermission(request);
        ObjectNode body = JSON.createObjectNode().set("Statement", Recording.parse(response.statement()));
        recording.assertMatches(key, response.sdkHttpResponse().statusCode(), body);
    }

    /** GetPolicy, its {@code Policy} parsed as the recordings show it; returns the revision id. */
    private static String getPolicy(Recording recording, String key, String function, String qualifier) {
        GetPolicyResponse response = lambda.getPolicy(b -> b.functionName(function).qualifier(qualifier));
        ObjectNode body = JSON.createObjectNode();
        body.set("Policy", Recording.parse(response.policy()));
        body.put("RevisionId", response.revisionId());
        recording.assertMatches(key, response.sdkHttpResponse().statusCode(), body);
        return response.revisionId();
    }

    private static void fails(Recording recording, String key, ThrowingCallable call) {
        recording.assertError(key, catchThrowableOfType(AwsServiceException.class, call));
    }

    private static String functionRevision(String name, String qualifier) {
        return lambda.getFunction(b -> b.functionName(name).qualifier(qualifier)).configuration().revisionId();
    }

    private static void s3(AddPermissionRequest.Builder b, String function, String sid) {
        b.functionName(function).action("lambda:InvokeFunction").statementId(sid).principal("s3.amazonaws.com")
                .sourceArn(BUCKET);
    }

    @Test
    void addsAPermissionAndShowsThePolicyAsAwsDoes() {
        Recording r = recording("TestLambdaPermissions::test_add_lambda_permission_aws");
        create("perm-aws");
        r.bind("uuid:1", functionRevision("perm-aws", null));

        add(r, "add_permission", b -> s3(b, "perm-aws", "s3"));
        String revision = getPolicy(r, "get_policy", "perm-aws", null);

        assertThat(functionRevision("perm-aws", null)).as("the function takes the policy's revision id")
                .isEqualTo(revision);
    }

    @Test
    void writesEveryPrincipalFormAndConditionAsAwsDoes() {
        Recording r = recording("TestLambdaPermissions::test_add_lambda_permission_fields");
        create("perm-fields");

        add(r, "add_permission_principal_wildcard", b -> b.functionName("perm-fields")
                .action("lambda:InvokeFunction").statementId("wilcard").principal("*").sourceAccount(ACCOUNT));
        add(r, "add_permission_principal_service", b -> b.functionName("perm-fields")
                .action("lambda:InvokeFunction").statementId("lambda").principal("lambda.amazonaws.com")
                .sourceAccount(ACCOUNT));
        add(r, "add_permission_principal_account", b -> b.functionName("perm-fields")
                .action("lambda:InvokeFunction").statementId("account-id").principal(ACCOUNT));
        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/tester";
        AddPermissionResponse byArn = lambda.addPermission(b -> b.functionName("perm-fields")
                .action("lambda:InvokeFunction").statementId("user-arn").principal(userArn).sourceAccount(ACCOUNT));
        ObjectNode byArnBody = JSON.createObjectNode().set("Statement", Recording.parse(byArn.statement()));
        r.assertMatches("add_permission_principal_arn", byArn.sdkHttpResponse().statusCode(), byArnBody);
        assertThat(byArnBody.at("/Statement/Principal/AWS").asText()).isEqualTo(userArn);
        add(r, "add_permission_optional_fields", b -> b.functionName("perm-fields").statementId("urlPermission")
                .action("lambda:InvokeFunctionUrl").principal("*").sourceArn(BUCKET).sourceAccount(ACCOUNT)
                .principalOrgID("o-1234567890").functionUrlAuthType(FunctionUrlAuthType.NONE));
        add(r, "add_permission_alexa_skill", b -> b.functionName("perm-fields").statementId("alexaSkill")
                .action("lambda:InvokeFunction").principal("*")
                .eventSourceToken("amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"));
    }

    @Test
    void removesPermissionsOneByOneUntilNoPolicyIsLeft() {
        Recording r = recording("TestLambdaPermissions::test_remove_multi_permissions");
        create("perm-remove");

        add(r, "add_permission_1", b -> b.functionName("perm-remove").action("lambda:InvokeFunction")
                .statementId("s3").principal("s3.amazonaws.com"));
        add(r, "add_permission_2", b -> b.functionName("perm-remove").action("lambda:InvokeFunction")
                .statementId("sqs").principal("sqs.amazonaws.com").sourceArn(BUCKET));
        getPolicy(r, "policy_after_2_add", "perm-remove", null);
        fails(r, "remove_permission_exception_nonexisting_sid", () -> lambda.removePermission(b -> b
                .functionName("perm-remove").statementId("non-existent")));
        lambda.removePermission(b -> b.functionName("perm-remove").statementId("sqs"));
        getPolicy(r, "policy_after_removal", "perm-remove", null);
        String revision = getPolicy(r, "policy_after_removal_attempt", "perm-remove", null);
        var removed = lambda.removePermission(b -> b.functionName("perm-remove").statementId("s3").revisionId(revision));
        assertThat(removed.sdkHttpResponse().statusCode()).isEqualTo(204);
        fails(r, "get_policy_exception_removed_all", () -> lambda.getPolicy(b -> b.functionName("perm-remove")));
    }

    /** A policy is not code or configuration: publishing after a policy change returns the version already published. */
    @Test
    void publishingAfterAPolicyChangeReturnsTheVersionAlreadyPublished() {
        create("perm-publish");
        String first = lambda.publishVersion(b -> b.functionName("perm-publish")).version();
        lambda.addPermission(b -> s3(b, "perm-publish", "s3"));
        assertThat(lambda.publishVersion(b -> b.functionName("perm-publish")).version()).isEqualTo(first);
        lambda.removePermission(b -> b.functionName("perm-publish").statementId("s3"));
        assertThat(lambda.publishVersion(b -> b.functionName("perm-publish")).version()).isEqualTo(first);

        lambda.updateFunctionConfiguration(b -> b.functionName("perm-publish").description("changed"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("perm-publish"));
        assertThat(lambda.publishVersion(b -> b.functionName("perm-publish")).version()).isNotEqualTo(first);
    }

    @Test
    void keepsStatementsInTheOrderTheyWereAdded() {
        Recording r = recording("TestLambdaPermissions::test_create_multiple_lambda_permissions");
        create("perm-multiple");

        add(r, "add_permission_response_1", b -> b.functionName("perm-multiple").action("lambda:InvokeFunction")
                .statementId("logs").principal("logs.amazonaws.com"));
        add(r, "add_permission_response_2", b -> b.functionName("perm-multiple").action("lambda:InvokeFunction")
                .statementId("kinesis").principal("kinesis.amazonaws.com"));
        getPolicy(r, "policy_after_2_add", "perm-multiple", null);
    }

    @Test
    void refusesBadRequestsWithAwsErrorsAndChangesNothing() {
        Recording r = recording("TestLambdaPermissions::test_permission_exceptions");
        String fn = "perm-errors";
        create(fn);
        String before = functionRevision(fn, null);

        fails(r, "add_permission_invalid_statement_id", () -> lambda.addPermission(b -> b.functionName(fn)
                .action("lambda:InvokeFunction").statementId("example.com").principal("s3.amazonaws.com")));
        fails(r, "add_permission_fn_qualifier_mismatch", () -> lambda.addPermission(b -> s3(b.qualifier("42"),
                fn + ":alias-not-42", "s3")));
        fails(r, "add_permission_fn_qualifier_latest", () -> lambda.addPermission(b -> s3(b.qualifier("$LATEST"),
                fn + ":$LATEST", "s3")));
        fails(r, "add_permission_principal_invalid", () -> lambda.addPermission(b -> b.functionName(fn)
                .action("lambda:InvokeFunction").statementId("lambda").principal("invalid.nonaws.com")
                .sourceAccount(ACCOUNT)));
        fails(r, "get_policy_fn_doesnotexist", () -> lambda.getPolicy(b -> b.functionName("doesnotexist")));
        fails(r, "get_policy_fn_version_doesnotexist", () -> lambda.getPolicy(b -> b.functionName(fn)
                .qualifier("77")));
        fails(r, "add_permission_fn_doesnotexist", () -> lambda.addPermission(b -> s3(b, "doesnotexist", "s3")));
        fails(r, "remove_permission_policy_doesnotexist", () -> lambda.removePermission(b -> b.functionName(fn)
                .statementId("s3")));
        fails(r, "add_permission_fn_alias_doesnotexist", () -> lambda.addPermission(b -> s3(b,
                fn + ":alias-doesnotexist", "s3")));
        fails(r, "add_permission_fn_version_doesnotexist", () -> lambda.addPermission(b -> s3(b.qualifier("42"), fn,
                "s3")));
        fails(r, "add_permission_fn_qualifier_invalid", () -> lambda.addPermission(b -> s3(b
                .qualifier("invalid-qualifier-with-?-char"), fn, "s3")));
        fails(r, "add_permission_fn_qualifier_valid_doesnotexist", () -> lambda.addPermission(b -> s3(b
                .qualifier("valid-with-$-but-doesnotexist"), fn, "s3")));
        assertThat(functionRevision(fn, null)).as("failed requests change nothing").isEqualTo(before);
        assertThatNoPolicy(fn, null);

        lambda.addPermission(b -> s3(b, fn, "s3"));
        String policy = lambda.getPolicy(b -> b.functionName(fn)).policy();
        fails(r, "add_permission_conflicting_statement_id", () -> lambda.addPermission(b -> s3(b, fn, "s3")));
        fails(r, "remove_permission_fn_doesnotexist", () -> lambda.removePermission(b -> b
                .functionName("doesnotexist").statementId("s3")));
        fails(r, "remove_permission_fn_alias_doesnotexist", () -> lambda.removePermission(b -> b.functionName(fn)
                .statementId("s3").qualifier("alias-doesnotexist")));
        assertThat(lambda.getPolicy(b -> b.functionName(fn)).policy()).isEqualTo(policy);
    }

    @Test
    void keepsSeparatePoliciesForTheFunctionItsVersionsAndAliases() {
        Recording r = recording("TestLambdaPermissions::test_lambda_permission_fn_versioning");
        String fn = "perm-versions";
        create(fn);

        add(r, "add_permission", b -> s3(b, fn, "s3"));
        String latestPolicy = getPolicy(r, "get_policy", fn, null);
        var published = lambda.publishVersion(b -> b.functionName(fn));
        r.bind("uuid:2", published.revisionId());
        r.bind("uuid:3", functionRevision(fn, null));
        getPolicy(r, "get_policy_after_publishing_latest", fn, null);
        fails(r, "get_policy_after_publishing_new_version", () -> lambda.getPolicy(b -> b.functionName(fn)
                .qualifier("1")));

        lambda.addPermission(b -> s3(b.qualifier("1"), fn + ":1", "s3"));
        getPolicy(r, "get_policy_version", fn, "1");
        var alias = lambda.createAlias(b -> b.functionName(fn).name("permission-alias").functionVersion("1"));
        r.bind("uuid:5", alias.revisionId());
        fails(r, "add_permission_alias_revision_exception", () -> lambda.addPermission(b -> s3(b
                .qualifier("permission-alias").revisionId("wrong"), fn, "s3")));
        lambda.addPermission(b -> s3(b.qualifier("permission-alias").revisionId(alias.revisionId()),
                fn + ":permission-alias", "s3"));
        String aliasPolicy = getPolicy(r, "get_policy_alias", fn, "permission-alias");
        assertThat(lambda.getAlias(b -> b.functionName(fn).name("permission-alias")).revisionId())
                .as("the alias takes its policy's revision id").isEqualTo(aliasPolicy);
        getPolicy(r, "get_policy_after_adding_to_new_version", fn, null);
        lambda.addPermission(b -> s3(b.revisionId(latestPolicy), fn, "s3_2"));
        getPolicy(r, "get_policy_after_adding_2", fn, null);
    }

    @Test
    void addingAndRemovingPermissionsChangesTheFunctionsRevisionId() {
        Recording r = recording("TestLambdaRevisions::test_function_revisions_permissions");
        String fn = "perm-revisions";
        create(fn);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));
        String active = functionRevision(fn, null);

        fails(r, "add_permission_revision_exception", () -> lambda.addPermission(b -> b.functionName(fn)
                .statementId("s3").action("lambda:InvokeFunction").principal("s3.amazonaws.com").revisionId("wrong")));
        lambda.addPermission(b -> b.functionName(fn).statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").revisionId(active));
        String policyRevision = lambda.getPolicy(b -> b.functionName(fn)).revisionId();
        assertThat(policyRevision).isNotEqualTo(active);
        String added = functionRevision(fn, null);
        assertThat(added).as("function revision is the same as policy revision").isEqualTo(policyRevision);

        AwsServiceException wrong = catchThrowableOfType(AwsServiceException.class, () -> lambda.removePermission(b -> b
                .functionName(fn).statementId("s3").revisionId("wrong")));
        r.assertError("add_permission_revision_exception", wrong); // RemovePermission words it the same way
        lambda.removePermission(b -> b.functionName(fn).statementId("s3").revisionId(added));
        assertThat(functionRevision(fn, null)).isNotEqualTo(added);
    }

    @Test
    void concurrentAddPermissionsAllLandAndLeaveOneRevision() throws Exception {
        String fn = "perm-concurrent";
        create(fn);
        int count = 12;
        try (ExecutorService pool = Executors.newFixedThreadPool(count)) {
            List<Future<AddPermissionResponse>> adds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String sid = "sid" + i;
                adds.add(pool.submit(() -> lambda.addPermission(b -> s3(b, fn, sid))));
            }
            for (Future<AddPermissionResponse> add : adds) {
                assertThat(add.get().sdkHttpResponse().statusCode()).isEqualTo(201);
            }
        }
        GetPolicyResponse policy = lambda.getPolicy(b -> b.functionName(fn));
        assertThat(Recording.parse(policy.policy()).path("Statement").findValuesAsText("Sid"))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "sid" + i).toList());
        assertThat(functionRevision(fn, null)).isEqualTo(policy.revisionId());
    }

    @Test
    void deletingAnAliasVersionOrFunctionDeletesItsPolicy() {
        String fn = "perm-deletes";
        create(fn);
        lambda.publishVersion(b -> b.functionName(fn));
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));
        lambda.addPermission(b -> s3(b.qualifier("live"), fn, "s3"));
        lambda.addPermission(b -> s3(b.qualifier("1"), fn, "s3"));
        lambda.addPermission(b -> s3(b, fn, "s3"));

        lambda.deleteAlias(b -> b.functionName(fn).name("live"));
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));
        assertThatNoPolicy(fn, "live");
        assertThat(lambda.getPolicy(b -> b.functionName(fn).qualifier("1")).policy()).contains(FN_ARN + fn + ":1");

        lambda.deleteFunction(b -> b.functionName(fn));
        create(fn);
        assertThatNoPolicy(fn, null);
    }

    @Test
    void refusesAPolicyLargerThan20KbWithAwsMessage() {
        String fn = "perm-large";
        create(fn);
        String longArn = "arn:aws:s3:::" + "b".repeat(1000);
        int added = 0;
        PolicyLengthExceededException tooLarge = null;
        while (tooLarge == null && added < 100) {
            String sid = "s" + added;
            tooLarge = catchThrowableOfType(PolicyLengthExceededException.class, () -> lambda.addPermission(b -> b
                    .functionName(fn).action("lambda:InvokeFunction").statementId(sid).principal("s3.amazonaws.com")
                    .sourceArn(longArn)));
            added++;
        }
        assertThat(tooLarge).as("a policy of 100 statements of 1 KB each is refused").isNotNull();
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        String policy = lambda.getPolicy(b -> b.functionName(fn)).policy();
        assertThat(policy.length()).isLessThanOrEqualTo(20_480);
        assertThat(tooLarge.awsErrorDetails().errorMessage()).matches(
                "The final policy size \\(\\d+\\) is bigger than the limit \\(20480\\)\\.");
        JsonNode statements = Recording.parse(policy).path("Statement");
        assertThat(statements.size()).isEqualTo(added - 1);
        ObjectNode refused = statements.get(statements.size() - 1).deepCopy();
        refused.put("Sid", "s" + (added - 1));
        int size = Integer.parseInt(tooLarge.awsErrorDetails().errorMessage().replaceAll("\\D+(\\d+).*", "$1"));
        assertThat(size).as("the size of the compact document with the refused statement")
                .isEqualTo(policy.length() + 1 + refused.toString().length());
    }

    private static void assertThatNoPolicy(String fn, String qualifier) {
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getPolicy(b -> b.functionName(fn).qualifier(qualifier)));
        assertThat(e).as("no policy of %s:%s", fn, qualifier).isNotNull();
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The resource you requested does not exist.");
    }
}
