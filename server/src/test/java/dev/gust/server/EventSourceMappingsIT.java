package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Create, Get, Update, Delete and ListEventSourceMapping(s) of SQS queues through the real SDK, the AWS CLI and the
 * wire: LocalStack's SQS parity tests replayed with the requests those tests sent, every response compared member for
 * member with the one recorded from real AWS ({@code src/test/resources/localstack/event_source_mapping.snapshot.json}).
 * The server emulates the recordings' account {@code 111111111111}; the queues are SQS's (created with SDK v2). No
 * poller runs here: transitions settle at once ({@code SettleImmediately}).
 */
class EventSourceMappingsIT {

    private static final String SNAPSHOT = "event_source_mapping.snapshot.json";
    private static final String ACCOUNT = "111111111111";
    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir, Map.of("GUST_ACCOUNT_ID", ACCOUNT));
        lambda = LambdaClients.forServer(gust.endpoint());
        sqs = SqsClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        lambda.close();
        gust.close();
    }

    private static void createFunction(String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda-role").handler("lambda_function.lambda_handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("{'statusCode': 200}")))));
    }

    /** The ARN of the queue {@code name}, created now if it was not (a FIFO queue for a {@code .fifo} name). */
    private static String queue(String name) {
        String url = sqs.createQueue(b -> b.queueName(name).attributes(name.endsWith(".fifo")
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of())).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        assertThat(arn).isEqualTo("arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name);
        return arn;
    }

    private static Recording sqs(String test) {
        return Recording.of(SNAPSHOT, "event_source_mapping/test_lambda_integration_sqs.py::" + test);
    }

    /** One signed request as the SDK would send it; the answer as it came off the wire. */
    private static RawHttp.Response wire(String method, String target, String body) throws Exception {
        URI endpoint = gust.endpoint();
        return RawHttp.exchange(endpoint, RawHttp.signed(endpoint, method, target, target,
                Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The mapping a response carries, as the recordings show it: {@code LastModified} is epoch seconds on the wire (a
     * number, to the millisecond, recent), a date once parsed; each filter's {@code Pattern} parsed.
     */
    private static ObjectNode shown(RawHttp.Response response) {
        ObjectNode body = (ObjectNode) Recording.parse(response.body());
        JsonNode modified = body.path("LastModified");
        assertThat(modified.isNumber()).as("LastModified on the wire: %s", modified).isTrue();
        Instant when = Instant.ofEpochMilli(modified.decimalValue().movePointRight(3).longValueExact());
        assertThat(when).isBetween(Instant.now().minusSeconds(300), Instant.now().plusSeconds(5));
        body.put("LastModified", when.toString());
        body.path("FilterCriteria").path("Filters").forEach(filter ->
                ((ObjectNode) filter).set("Pattern", Recording.parse(filter.path("Pattern").asText())));
        return body;
    }

    private static ObjectNode matches(Recording recording, String key, RawHttp.Response response) {
        ObjectNode body = shown(response);
        recording.assertMatches(key, response.status(), body);
        return body;
    }

    private static void fails(Recording recording, String key, ThrowingCallable call) {
        recording.assertError(key, catchThrowableOfType(AwsServiceException.class, call));
    }

    private static GetEventSourceMappingResponse awaitState(String uuid, String state) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)), m -> m.state().equals(state));
    }

    @Test
    void createsWithAwsDefaultsAndRefusesBigBatchesWithoutAWindow() throws Exception {
        Recording r = sqs("TestSQSEventSourceMapping::test_event_source_mapping_default_batch_size");
        createFunction("defaults-fn");

        ObjectNode created = matches(r, "create-event-source-mapping", wire("POST", MAPPINGS,
                "{\"FunctionName\":\"defaults-fn\",\"EventSourceArn\":\"" + queue("defaults-q") + "\"}"));
        String uuid = created.path("UUID").asText();

        fails(r, "invalid-create-event-source-mapping", () -> lambda.createEventSourceMapping(b -> b
                .functionName("defaults-fn").eventSourceArn(queue("defaults-q-2")).batchSize(20)));
        awaitState(uuid, "Enabled");
        fails(r, "invalid-update-event-source-mapping", () -> lambda.updateEventSourceMapping(b -> b.uuid(uuid)
                .batchSize(20)));
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).batchSize()).isEqualTo(10);
    }

    @Test
    void refusesASecondMappingOfTheSameQueueAndFunction() throws Exception {
        Recording r = sqs("TestSQSEventSourceMapping::test_duplicate_event_source_mappings");
        createFunction("dup-fn");
        String queue = queue("dup-q");

        matches(r, "create", wire("POST", MAPPINGS, "{\"FunctionName\":\"dup-fn\",\"EventSourceArn\":\"" + queue
                + "\"}"));

        fails(r, "error", () -> lambda.createEventSourceMapping(b -> b.functionName("dup-fn").eventSourceArn(queue)));
    }

    @Test
    void createsDisabledThenEnablesThroughEnabling() throws Exception {
        Recording r = sqs("test_fifo_message_group_parallelism");
        createFunction("fifo-fn");

        ObjectNode created = matches(r, "create_esm_disabled", wire("POST", MAPPINGS, "{\"FunctionName\":\"fifo-fn\","
                + "\"EventSourceArn\":\"" + queue("fifo-q.fifo") + "\",\"BatchSize\":1,\"Enabled\":false}"));
        String uuid = created.path("UUID").asText();
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Disabled");

        matches(r, "update_esm_enabling", wire("PUT", MAPPINGS + "/" + uuid, "{\"Enabled\":true}"));
        awaitState(uuid, "Enabled");
        matches(r, "get_esm_enabled", wire("GET", MAPPINGS + "/" + uuid, ""));
    }

    @Test
    void updatesTheFunctionThroughUpdating() throws Exception {
        Recording r = sqs("TestSQSEventSourceMapping::test_sqs_event_source_mapping_update");
        createFunction("update-fn");
        createFunction("update-fn-2");

        ObjectNode created = matches(r, "create-event-source-mapping-response", wire("POST", MAPPINGS,
                "{\"FunctionName\":\"update-fn\",\"EventSourceArn\":\"" + queue("update-q") + "\",\"BatchSize\":10,"
                        + "\"MaximumBatchingWindowInSeconds\":1}"));
        String uuid = created.path("UUID").asText();
        awaitState(uuid, "Enabled");

        matches(r, "updated_esm", wire("PUT", MAPPINGS + "/" + uuid, "{\"FunctionName\":\"update-fn-2\"}"));
        awaitState(uuid, "Enabled");
        matches(r, "updated_event_source_mapping", wire("GET", MAPPINGS + "/" + uuid, ""));
    }

    @Test
    void showsScalingFiltersAndPartialBatchResponsesAsAws() throws Exception {
        createFunction("settings-fn");

        matches(sqs("TestSQSEventSourceMapping::test_sqs_event_source_mapping_batching_reserved_concurrency"),
                "create-event-source-mapping-response", wire("POST", MAPPINGS, "{\"FunctionName\":\"settings-fn\","
                        + "\"EventSourceArn\":\"" + queue("scaling-q") + "\",\"BatchSize\":20,"
                        + "\"MaximumBatchingWindowInSeconds\":1,\"ScalingConfig\":{\"MaximumConcurrency\":2}}"));
        String pattern = "{\\\"body\\\": {\\\"my-number\\\": [{\\\"numeric\\\": [\\\">=\\\", 100, \\\"<\\\", 200]}]}}";
        matches(sqs("TestSQSEventSourceMapping::test_sqs_event_filter[numeric-range]"),
                "create_event_source_mapping_response", wire("POST", MAPPINGS, "{\"FunctionName\":\"settings-fn\","
                        + "\"EventSourceArn\":\"" + queue("filter-q") + "\",\"MaximumBatchingWindowInSeconds\":1,"
                        + "\"FilterCriteria\":{\"Filters\":[{\"Pattern\":\"" + pattern + "\"}]}}"));
        matches(sqs("test_report_batch_item_failures"), "create_event_source_mapping", wire("POST", MAPPINGS,
                "{\"FunctionName\":\"settings-fn\",\"EventSourceArn\":\"" + queue("partial-q") + "\","
                        + "\"FunctionResponseTypes\":[\"ReportBatchItemFailures\"]}"));
    }

    @Test
    void refusesAQueueSqsDoesNotHave() {
        createFunction("missing-q-fn");

        fails(sqs("test_esm_with_not_existing_sqs_queue"), "error", () -> lambda.createEventSourceMapping(b -> b
                .functionName("missing-q-fn").eventSourceArn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":not-there")));
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("missing-q-fn")).eventSourceMappings()).isEmpty();
    }

    @Test
    void refusesInvalidFilterPatterns() {
        createFunction("filters-fn");
        String queue = queue("filters-q");
        Map<String, String> patterns = Map.of("None", "null", "simple string", "simple string",
                "invalid_filter2", "{\"eventSource\": \"aws:sqs\"}", "invalid_filter3", "{\"body\": {\"testItem\": [");
        patterns.forEach((id, pattern) -> fails(sqs("TestSQSEventSourceMapping::test_sqs_invalid_event_filter[" + id
                + "]"), "create_event_source_mapping_exception", () -> lambda.createEventSourceMapping(b -> b
                .functionName("filters-fn").eventSourceArn(queue)
                .filterCriteria(f -> f.filters(p -> p.pattern(pattern))))));
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("filters-fn")).eventSourceMappings()).isEmpty();
    }

    @Test
    void answersUnknownMappingsAndBadCreatesAsAws() {
        Recording r = Recording.of(SNAPSHOT,
                "test_lambda_api.py::TestLambdaEventSourceMappings::test_event_source_mapping_exceptions");
        String unknown = "00000000-1111-4222-8333-444444444444";

        fails(r, "get_unknown_uuid", () -> lambda.getEventSourceMapping(b -> b.uuid(unknown)));
        fails(r, "delete_unknown_uuid", () -> lambda.deleteEventSourceMapping(b -> b.uuid(unknown)));
        fails(r, "update_unknown_uuid", () -> lambda.updateEventSourceMapping(b -> b.uuid(unknown).enabled(false)));
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("doesnotexist")).eventSourceMappings()).isEmpty();
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn("arn:aws:sqs:us-east-1:111111111111:somequeue"))
                .eventSourceMappings()).isEmpty();
        fails(r, "create_no_event_source_arn", () -> lambda.createEventSourceMapping(b -> b
                .functionName("doesnotexist")));
        fails(r, "create_unknown_params", () -> lambda.createEventSourceMapping(b -> b.functionName("doesnotexist")
                .eventSourceArn("arn:aws:sqs:us-east-1:111111111111:somequeue")));
        createFunction("exceptions-fn");
        fails(r, "destination_config_failure", () -> lambda.createEventSourceMapping(b -> b
                .functionName("exceptions-fn").eventSourceArn(queue("exceptions-q"))
                .destinationConfig(d -> d.onFailure(f -> f.destination(queue("exceptions-dlq"))))));
    }

    @Test
    void deletesThroughDeletingAndAFunctionsDeletionKeepsItsMappings() {
        createFunction("doomed-fn");
        String kept = lambda.createEventSourceMapping(b -> b.functionName("doomed-fn")
                .eventSourceArn(queue("doomed-q"))).uuid();
        String deleted = lambda.createEventSourceMapping(b -> b.functionName("doomed-fn")
                .eventSourceArn(queue("doomed-q-2"))).uuid();
        awaitState(kept, "Enabled");

        lambda.deleteFunction(b -> b.functionName("doomed-fn"));
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(kept)).functionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:doomed-fn");

        var deleting = lambda.deleteEventSourceMapping(b -> b.uuid(deleted));
        assertThat(deleting.state()).isEqualTo("Deleting");
        assertThat(deleting.sdkHttpResponse().statusCode()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(catchThrowableOfType(
                ResourceNotFoundException.class, () -> lambda.getEventSourceMapping(b -> b.uuid(deleted))))
                .isNotNull());
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("doomed-fn")).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(kept);
    }

    @Test
    void listsByQueueAndByFunctionInPages() {
        createFunction("list-fn");
        createFunction("list-fn-2");
        String a = lambda.createEventSourceMapping(b -> b.functionName("list-fn").eventSourceArn(queue("list-q")))
                .uuid();
        String b2 = lambda.createEventSourceMapping(b -> b.functionName("list-fn-2").eventSourceArn(queue("list-q")))
                .uuid();
        String c = lambda.createEventSourceMapping(b -> b.functionName("list-fn:$LATEST")
                .eventSourceArn(queue("list-q-2"))).uuid();

        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(queue("list-q"))).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactlyInAnyOrder(a, b2);
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("list-fn")).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(a);
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("list-fn:$LATEST")).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(c);
        ListEventSourceMappingsResponse first = lambda.listEventSourceMappings(b -> b.maxItems(2));
        assertThat(first.eventSourceMappings()).hasSize(2);
        assertThat(first.nextMarker()).isNotNull();
        List<String> all = lambda.listEventSourceMappingsPaginator(b -> b.maxItems(2)).eventSourceMappings().stream()
                .map(EventSourceMappingConfiguration::uuid).toList();
        assertThat(all).doesNotHaveDuplicates().contains(a, b2, c);
    }

    @Test
    void theCliCreatesGetsDisablesListsAndDeletesAMapping() throws Exception {
        createFunction("cli-fn");
        queue("cli-q");
        ReadmeShell shell = new ReadmeShell(work, gust);

        ReadmeShell.Result result = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws lambda create-event-source-mapping --function-name cli-fn --batch-size 5 \\
                    --event-source-arn arn:aws:sqs:us-east-1:111111111111:cli-q > created.json
                uuid=$(python3 -c 'import json; print(json.load(open("created.json"))["UUID"])')
                sleep 1
                aws lambda get-event-source-mapping --uuid "$uuid" > got.json
                aws lambda update-event-source-mapping --uuid "$uuid" --no-enabled > disabling.json
                sleep 1
                aws lambda list-event-source-mappings --function-name cli-fn > listed.json
                aws lambda delete-event-source-mapping --uuid "$uuid" > deleting.json
                aws lambda get-event-source-mapping --uuid 00000000-0000-4000-8000-000000000000 || echo "get exit $?"
                """);

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode created = Recording.parse(Files.readString(work.resolve("created.json")));
        assertThat(created.path("State").asText()).isEqualTo("Creating");
        assertThat(created.path("BatchSize").asInt()).isEqualTo(5);
        assertThat(created.path("FunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:cli-fn");
        assertThat(Instant.parse(created.path("LastModified").asText().replace("+00:00", "Z")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(Recording.parse(Files.readString(work.resolve("got.json"))).path("State").asText())
                .isEqualTo("Enabled");
        assertThat(Recording.parse(Files.readString(work.resolve("disabling.json"))).path("State").asText())
                .isEqualTo("Disabling");
        JsonNode listed = Recording.parse(Files.readString(work.resolve("listed.json")));
        assertThat(listed.path("EventSourceMappings").get(0).path("State").asText()).isEqualTo("Disabled");
        assertThat(Recording.parse(Files.readString(work.resolve("deleting.json"))).path("State").asText())
                .isEqualTo("Deleting");
        assertThat(result.output()).contains("get exit 254").contains("ResourceNotFoundException");
    }

    @Test
    void iamPoliciesNameTheMappingAndTheFunctionItMaps() throws Exception {
        createFunction("allowed-fn");
        createFunction("other-fn");
        String mine = lambda.createEventSourceMapping(b -> b.functionName("other-fn").eventSourceArn(queue("iam-q")))
                .uuid();
        ReadmeShell.Result keys = new ReadmeShell(work, gust).bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
                aws iam create-user --user-name mapper > /dev/null
                aws iam put-user-policy --user-name mapper --policy-name mappings --policy-document '{
                  "Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "lambda:CreateEventSourceMapping", "Resource": "*",
                     "Condition": {"ArnLike": {"lambda:FunctionArn": "arn:aws:lambda:*:*:function:allowed-*"}}},
                    {"Effect": "Allow", "Action": "lambda:GetEventSourceMapping",
                     "Resource": "arn:aws:lambda:us-east-1:111111111111:event-source-mapping:*"}]}'
                aws iam create-access-key --user-name mapper --query 'AccessKey.[AccessKeyId,SecretAccessKey]'
                """);
        assertThat(keys.exitCode()).as(keys.output()).isZero();
        String[] key = keys.output().strip().split("\\s+");

        try (LambdaClient mapper = LambdaClients.withKeys(gust.endpoint(), key[0], key[1])) {
            String created = mapper.createEventSourceMapping(b -> b.functionName("allowed-fn")
                    .eventSourceArn(queue("iam-q"))).uuid();
            assertThat(mapper.getEventSourceMapping(b -> b.uuid(mine)).functionArn()).endsWith(":function:other-fn");
            AwsServiceException other = catchThrowableOfType(AwsServiceException.class, () -> mapper
                    .createEventSourceMapping(b -> b.functionName("other-fn").eventSourceArn(queue("iam-q-2"))));
            assertThat(other.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:user/mapper "
                    + "is not authorized to perform: lambda:CreateEventSourceMapping on resource: * because no "
                    + "identity-based policy allows the lambda:CreateEventSourceMapping action");
            AwsServiceException delete = catchThrowableOfType(AwsServiceException.class, () -> mapper
                    .deleteEventSourceMapping(b -> b.uuid(created)));
            assertThat(delete.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:user/mapper "
                    + "is not authorized to perform: lambda:DeleteEventSourceMapping on resource: "
                    + "arn:aws:lambda:us-east-1:111111111111:event-source-mapping:" + created + " because no "
                    + "identity-based policy allows the lambda:DeleteEventSourceMapping action");
        }
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(queue("iam-q-2"))).eventSourceMappings())
                .isEmpty();
    }

    @Test
    void tagsAMappingByItsArnAsAws() {
        Recording r = Recording.of(SNAPSHOT, "test_lambda_api.py::TestLambdaTag::test_tag_lifecycle[event_source_mapping]");
        createFunction("tags-fn");
        String arn = lambda.createEventSourceMapping(b -> b.functionName("tags-fn").eventSourceArn(queue("tags-q")))
                .eventSourceMappingArn();

        tagStep(r, "tag_single_response", arn, lambda.tagResource(b -> b.resource(arn).tags(Map.of("A", "tag-a")))
                .sdkHttpResponse().statusCode());
        tagStep(r, "tag_multiple_response", arn, lambda.tagResource(b -> b.resource(arn)
                .tags(Map.of("B", "tag-b", "C", "tag-c"))).sdkHttpResponse().statusCode());
        tagStep(r, "tag_overlap_response", arn, lambda.tagResource(b -> b.resource(arn)
                .tags(Map.of("C", "tag-c-newsuffix", "D", "tag-d"))).sdkHttpResponse().statusCode());
        tagStep(r, "untag_single_response", arn, lambda.untagResource(b -> b.resource(arn).tagKeys("A"))
                .sdkHttpResponse().statusCode());
        tagStep(r, "untag_multiple_response", arn, lambda.untagResource(b -> b.resource(arn).tagKeys("B", "C"))
                .sdkHttpResponse().statusCode());
        tagStep(r, "untag_nonexisting_response", arn, lambda.untagResource(b -> b.resource(arn).tagKeys("F"))
                .sdkHttpResponse().statusCode());
        tagStep(r, "untag_existing_and_nonexisting_response", arn, lambda.untagResource(b -> b.resource(arn)
                .tagKeys("D", "F")).sdkHttpResponse().statusCode());
    }

    /** One tagging step (an empty answer) and the ListTags after it, both as recorded. */
    private static void tagStep(Recording r, String key, String arn, int status) {
        r.assertMatches(key, status, JSON.createObjectNode());
        var listed = lambda.listTags(b -> b.resource(arn));
        ObjectNode body = JSON.createObjectNode();
        new TreeMap<>(listed.tags()).forEach(body.putObject("Tags")::put);
        r.assertMatches(key + "_listtags", listed.sdkHttpResponse().statusCode(), body);
    }

    @Test
    void answersTagsOfUnknownOrMalformedMappingArnsAsAws() {
        Recording r = Recording.of(SNAPSHOT,
                "test_lambda_api.py::TestLambdaTag::test_tag_exceptions[event_source_mapping]");
        String unknown = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":event-source-mapping:00000000-1111-4222-8333-"
                + "555555555555";

        fails(r, "not_found_exception_tag", () -> lambda.tagResource(b -> b.resource(unknown).tags(Map.of("A", "a"))));
        fails(r, "not_found_exception_untag", () -> lambda.untagResource(b -> b.resource(unknown).tagKeys("A")));
        fails(r, "not_found_exception_list", () -> lambda.listTags(b -> b.resource(unknown)));
        fails(r, "aliased_arn_exception", () -> lambda.listTags(b -> b.resource(unknown + ":alias")));
        fails(r, "invalid_arn_exception", () -> lambda.listTags(b -> b.resource("arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":foobar:00000000-1111-4222-8333-555555555555")));
    }

    @Test
    void keepsTheTagsACreateNames() {
        Recording r = Recording.of(SNAPSHOT, "test_lambda_api.py::TestLambdaTag::test_create_tag_on_esm_create");
        createFunction("create-tags-fn");
        String arn = lambda.createEventSourceMapping(b -> b.functionName("create-tags-fn")
                .eventSourceArn(queue("create-tags-q")).tags(Map.of("testtag", "custom"))).eventSourceMappingArn();

        var listed = lambda.listTags(b -> b.resource(arn));
        ObjectNode body = JSON.createObjectNode();
        new TreeMap<>(listed.tags()).forEach(body.putObject("Tags")::put);
        r.assertMatches("list_tags_result", listed.sdkHttpResponse().statusCode(), body);
    }

    @Test
    void mappingsSurviveARestart(@TempDir Path ownDataDir) throws Exception {
        String uuid;
        try (GustProcess first = GustProcess.start(ownDataDir); LambdaClient client =
                LambdaClients.forServer(first.endpoint()); SqsClient queues = SqsClients.forServer(first.endpoint())) {
            queues.createQueue(b -> b.queueName("kept-q"));
            client.createFunction(b -> b.functionName("kept").runtime(Runtime.PYTHON3_12)
                    .role("arn:aws:iam::000000000000:role/lambda-role").handler("lambda_function.lambda_handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("{}")))));
            uuid = client.createEventSourceMapping(b -> b.functionName("kept").batchSize(3)
                    .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:kept-q")).uuid();
        }
        try (GustProcess second = GustProcess.start(ownDataDir); LambdaClient client =
                LambdaClients.forServer(second.endpoint())) {
            GetEventSourceMappingResponse found = client.getEventSourceMapping(b -> b.uuid(uuid));
            assertThat(found.state()).isEqualTo("Enabled");
            assertThat(found.batchSize()).isEqualTo(3);
        }
    }
}
