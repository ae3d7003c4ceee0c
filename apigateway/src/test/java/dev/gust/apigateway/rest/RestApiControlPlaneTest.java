package dev.gust.apigateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.edge.EdgeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RestApiControlPlaneTest {

    private static final Account HOME = new Account("000000000000", "us-east-1");
    private static final Account OTHER = new Account("111111111111", "us-east-1");
    private static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:hello/invocations";
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000));

    private final InMemoryRestApiStore store = new InMemoryRestApiStore();
    private RestApiRegistry registry = RestApiRegistry.load(store);
    private RestApiService apis = new RestApiService(registry, CLOCK);
    private ResourceService resources = new ResourceService(registry);
    private StageService stages = new StageService(registry, CLOCK);

    @Test
    void createsAnApiWithItsRootResourceVisibleOnlyInItsNamespace() {
        RestApi api = apis.create(HOME, settings("shop"));

        assertThat(api.id()).matches("[a-z0-9]{10}");
        assertThat(api.createdDate()).isEqualTo(1_700_000_000L);
        assertThat(resources.resources(HOME, api.id())).singleElement()
                .satisfies(root -> assertThat(root.path()).isEqualTo("/"))
                .satisfies(root -> assertThat(root.id()).isEqualTo(api.rootResourceId()));
        assertThat(apis.list(HOME)).extracting(RestApi::id).containsExactly(api.id());
        assertThat(apis.list(OTHER)).isEmpty();
        assertError(() -> apis.get(OTHER, api.id()), 404, "NotFoundException",
                "Invalid API identifier specified 111111111111:" + api.id());
    }

    @Test
    void refusesBadResourcesAndChangesNothing() {
        RestApi api = apis.create(HOME, settings("shop"));
        String root = api.rootResourceId();
        ApiResource proxy = resources.create(HOME, api.id(), root, "{proxy+}");
        int writes = store.writes;

        assertError(() -> resources.create(HOME, api.id(), root, "a b"), 400, "BadRequestException",
                "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an"
                        + " optional plus sign before the closing brace.");
        assertError(() -> resources.create(HOME, api.id(), root, "{id}"), 400, "BadRequestException",
                "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed");
        assertError(() -> resources.create(HOME, api.id(), proxy.id(), "x"), 400, "BadRequestException",
                "Cannot create a child of a resource with a greedy path variable: {proxy+}");
        assertError(() -> resources.create(HOME, api.id(), "nothere", "x"), 404, "NotFoundException",
                "Invalid Resource identifier specified");
        assertError(() -> resources.create(HOME, api.id(), root, "{PROXY+}"), 409, "ConflictException",
                "Another resource with the same parent already has this name: {PROXY+}");
        assertError(() -> resources.delete(HOME, api.id(), root), 400, "BadRequestException",
                "Cannot delete root resource");
        assertThat(store.writes).isEqualTo(writes);
        assertThat(resources.resources(HOME, api.id())).hasSize(2);
    }

    @Test
    void deletingAResourceDeletesItsSubtree() {
        RestApi api = apis.create(HOME, settings("shop"));
        ApiResource items = resources.create(HOME, api.id(), api.rootResourceId(), "items");
        ApiResource item = resources.create(HOME, api.id(), items.id(), "{id}");
        resources.create(HOME, api.id(), item.id(), "parts");

        resources.delete(HOME, api.id(), items.id());

        assertThat(resources.resources(HOME, api.id())).extracting(ApiResource::path).containsExactly("/");
    }

    @Test
    void methodsAndIntegrationsFollowApiGatewaysRules() {
        RestApi api = apis.create(HOME, settings("shop"));
        String root = api.rootResourceId();
        resources.putMethod(HOME, api.id(), root, "get", method("NONE"));

        assertError(() -> resources.putMethod(HOME, api.id(), root, "GET", method("NONE")), 409,
                "ConflictException", "Method already exists for this resource");
        assertError(() -> resources.putMethod(HOME, api.id(), root, "FETCH", method("NONE")), 400,
                "BadRequestException", "Invalid HttpMethod specified. Valid options are ANY,DELETE,GET,HEAD,OPTIONS,"
                        + "PATCH,POST,PUT");
        assertError(() -> resources.putMethod(HOME, api.id(), root, "POST", method("CUSTOM")), 400,
                "BadRequestException", "Invalid authorization type specified. Valid values are NONE, AWS_IAM (Gust"
                        + " does not serve CUSTOM or COGNITO_USER_POOLS authorizers)");
        assertError(() -> resources.integration(HOME, api.id(), root, "GET"), 404, "NotFoundException",
                "Invalid Integration identifier specified");
        assertError(() -> resources.putIntegration(HOME, api.id(), root, "GET", integration("not-an-arn")), 400,
                "BadRequestException", "Invalid ARN specified in the request");
        assertError(() -> resources.putIntegration(HOME, api.id(), root, "GET",
                integration("arn:aws:apigateway:us-east-1:lambda:foo")), 400, "BadRequestException",
                "AWS ARN for integration must contain path or action");
        assertError(() -> resources.putIntegration(HOME, api.id(), root, "GET",
                integration("arn:aws:apigateway:us-east-1:firehose:path/x")), 400, "BadRequestException",
                "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream"
                        + " invocations.");
        assertError(() -> resources.putIntegration(HOME, api.id(), root, "DELETE", integration(URI)), 404,
                "NotFoundException", "Invalid Method identifier specified");

        ApiIntegration put = resources.putIntegration(HOME, api.id(), root, "GET", integration(URI));

        assertThat(put.cacheNamespace()).isEqualTo(root);
        assertThat(put.timeoutInMillis()).isEqualTo(29_000);
        assertThat(resources.method(HOME, api.id(), root, "GET").integration()).isEqualTo(put);
        resources.deleteIntegration(HOME, api.id(), root, "GET");
        assertThat(resources.method(HOME, api.id(), root, "GET").integration()).isNull();
    }

    @Test
    void deploymentSnapshotsTheApiAndItsStageServesThatSnapshot() {
        RestApi api = apis.create(HOME, settings("shop"));
        String root = api.rootResourceId();
        assertError(() -> stages.deploy(HOME, api.id(), "prod", null, null, null), 400, "BadRequestException",
                "The REST API doesn't contain any methods");
        resources.putMethod(HOME, api.id(), root, "GET", method("NONE"));
        assertError(() -> stages.deploy(HOME, api.id(), "prod", null, null, null), 400, "BadRequestException",
                "No integration defined for method");
        resources.putIntegration(HOME, api.id(), root, "GET", integration(URI));

        Deployment first = stages.deploy(HOME, api.id(), "prod", "production", "v1", Map.of("fn", "hello"));
        resources.putMethod(HOME, api.id(), root, "POST", method("NONE"));
        resources.putIntegration(HOME, api.id(), root, "POST", integration(URI));

        assertThat(registry.find(api.id()).orElseThrow().routes().get("prod").match("POST", "/"))
                .as("the stage serves the deployed snapshot, not the API as changed since").isEmpty();
        Deployment second = stages.deploy(HOME, api.id(), "prod", null, null, null);
        assertThat(registry.find(api.id()).orElseThrow().routes().get("prod").match("POST", "/")).isPresent();
        Stage prod = stages.stage(HOME, api.id(), "prod");
        assertThat(prod.deploymentId()).isEqualTo(second.id());
        assertThat(prod.description()).isEqualTo("production");
        assertThat(prod.variables()).isEqualTo(Map.of("fn", "hello"));
        assertThat(stages.deployments(HOME, api.id())).extracting(Deployment::id)
                .containsExactly(first.id(), second.id());
        assertError(() -> stages.create(HOME, api.id(), "prod", first.id(), null, null, false), 409,
                "ConflictException", "Stage already exists");
        stages.create(HOME, api.id(), "old", first.id(), null, null, false);
        assertThat(registry.find(api.id()).orElseThrow().routes().get("old").match("POST", "/")).isEmpty();
    }

    @Test
    void updateStageAppliesPatchOperationsOrNone() {
        RestApi api = deployedApi();
        List<StageService.PatchOperation> bad = List.of(
                new StageService.PatchOperation("replace", "/variables/fn", "other"),
                new StageService.PatchOperation("replace", "/nothing", "x"));

        assertError(() -> stages.update(HOME, api.id(), "prod", bad), 400, "BadRequestException",
                "Invalid patch path /nothing");
        assertThat(stages.stage(HOME, api.id(), "prod").variables()).isEqualTo(Map.of("fn", "hello"));

        Stage updated = stages.update(HOME, api.id(), "prod", List.of(
                new StageService.PatchOperation("replace", "/variables/alias", "live"),
                new StageService.PatchOperation("remove", "/variables/fn", null),
                new StageService.PatchOperation("replace", "/description", "changed")));

        assertThat(updated.variables()).isEqualTo(Map.of("alias", "live"));
        assertThat(updated.description()).isEqualTo("changed");
        assertError(() -> stages.update(HOME, api.id(), "nope", List.of()), 404, "NotFoundException",
                "Invalid Stage identifier specified");
    }

    @Test
    void everythingSurvivesReloadingFromTheStore() {
        RestApi api = deployedApi();

        RestApiRegistry reloaded = RestApiRegistry.load(store);

        HostedApi hosted = reloaded.find(api.id()).orElseThrow();
        assertThat(hosted.api()).isEqualTo(registry.find(api.id()).orElseThrow().api());
        assertThat(hosted.deployments()).isEqualTo(registry.find(api.id()).orElseThrow().deployments());
        assertThat(hosted.routes().get("prod").match("GET", "/")).isPresent();
    }

    @Test
    void deletingAnApiDeletesItsDeploymentsToo() {
        RestApi api = deployedApi();

        apis.delete(HOME, api.id());

        assertThat(store.all()).isEmpty();
        assertThat(registry.find(api.id())).isEmpty();
        assertError(() -> apis.delete(HOME, api.id()), 404, "NotFoundException",
                "Invalid API identifier specified 000000000000:" + api.id());
    }

    @Test
    void putRestApiMergesOrOverwritesTheResourceTree() {
        RestApi api = apis.importApi(HOME, definition("/a", "/b"), false).api();
        String root = api.rootResourceId();

        apis.put(HOME, api.id(), "merge", definition("/c"), false);
        assertThat(resources.resources(HOME, api.id())).extracting(ApiResource::path)
                .containsExactly("/", "/a", "/b", "/c");

        RestApi overwritten = apis.put(HOME, api.id(), "overwrite", definition("/d"), false).api();
        assertThat(resources.resources(HOME, api.id())).extracting(ApiResource::path).containsExactly("/", "/d");
        assertThat(overwritten.rootResourceId()).isEqualTo(root);
        assertError(() -> apis.put(HOME, api.id(), "replace", definition("/e"), false), 400, "BadRequestException",
                "Invalid mode specified: replace (merge or overwrite)");
    }

    @Test
    void importWithFailOnWarningsRefusesWhatItCannotServe() {
        byte[] mock = """
                {"openapi": "3.0.1", "info": {"title": "m"},
                 "paths": {"/m": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}
                """.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> apis.importApi(HOME, mock, true)).isInstanceOf(EdgeException.class)
                .hasMessageStartingWith("Warnings found during import:");
        assertThat(apis.list(HOME)).isEmpty();
        assertThat(apis.importApi(HOME, mock, false).warnings()).hasSize(1);
    }

    private RestApi deployedApi() {
        RestApi api = apis.create(HOME, settings("shop"));
        resources.putMethod(HOME, api.id(), api.rootResourceId(), "GET", method("NONE"));
        resources.putIntegration(HOME, api.id(), api.rootResourceId(), "GET", integration(URI));
        stages.deploy(HOME, api.id(), "prod", null, null, Map.of("fn", "hello"));
        return api;
    }

    private static byte[] definition(String... paths) {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.1\ninfo:\n  title: t\npaths:\n");
        for (String path : paths) {
            yaml.append("  ").append(path).append(":\n    get:\n      x-amazon-apigateway-integration:\n")
                    .append("        type: aws_proxy\n        httpMethod: POST\n        uri: ").append(URI).append('\n');
        }
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RestApiSettings settings(String name) {
        return new RestApiSettings(name, null, null, null, null, null, false, null);
    }

    private static ResourceService.MethodSettings method(String authorizationType) {
        return new ResourceService.MethodSettings(authorizationType, false, null, null);
    }

    private static ResourceService.IntegrationSettings integration(String uri) {
        return new ResourceService.IntegrationSettings("AWS_PROXY", "POST", uri, null, null, null, null, null);
    }

    private static void assertError(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(EdgeException.class).hasMessage(message)
                .satisfies(e -> assertThat(((EdgeException) e).status()).isEqualTo(status))
                .satisfies(e -> assertThat(((EdgeException) e).code()).isEqualTo(code));
    }
}
