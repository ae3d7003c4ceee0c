package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.edge.EdgeException;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class HttpApiControlTest {

    private static final Account ACCOUNT = new Account("123456789012", "us-east-1");
    private static final Account OTHER = new Account("210987654321", "us-east-1");
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello";

    private final MemoryHttpApiStore store = new MemoryHttpApiStore();
    private final HttpApiRegistry registry = HttpApiRegistry.load(store);
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-07T21:00:00Z"));
    private final HttpApiControl control = new HttpApiControl(registry, clock);
    private final RouteControl routes = new RouteControl(registry, clock);
    private final StageControl stages = new StageControl(registry, clock);

    private static ApiInput input(String json) {
        return ApiInput.of(Buffer.buffer(json));
    }

    private static EdgeException error(Runnable operation) {
        try {
            operation.run();
        } catch (EdgeException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void quickCreateMakesAnIntegrationADefaultRouteAndAnAutoDeployedDefaultStage() {
        ApiDefinition api = control.createApi(ACCOUNT, input(
                "{\"name\":\"x\",\"protocolType\":\"HTTP\",\"target\":\"" + FUNCTION + "\"}"));

        assertThat(api.api().apiId()).matches("[a-z0-9]{10}");
        Integration integration = api.integrations().values().iterator().next();
        assertThat(integration.integrationUri()).isEqualTo(FUNCTION);
        assertThat(integration.payloadFormatVersion()).isEqualTo("2.0");
        Route route = api.routes().values().iterator().next();
        assertThat(route.routeKey()).isEqualTo("$default");
        assertThat(route.target()).isEqualTo("integrations/" + integration.integrationId());
        Stage stage = api.stages().get("$default");
        assertThat(stage.autoDeploy()).isTrue();
        assertThat(api.deployments()).containsKey(stage.deploymentId());
        assertThat(ServedApi.of(api).stageFor("/anything")).isPresent();
    }

    @Test
    void autoDeploysEveryRouteChangeToTheStagesThatAutoDeploy() {
        String apiId = control.createApi(ACCOUNT, input("{\"name\":\"x\",\"protocolType\":\"HTTP\"}")).api().apiId();
        stages.createStage(ACCOUNT, apiId, input("{\"stageName\":\"$default\",\"autoDeploy\":true}"));
        stages.createStage(ACCOUNT, apiId, input("{\"stageName\":\"manual\"}"));
        Integration integration = routes.createIntegration(ACCOUNT, apiId, input("{\"integrationType\":\"AWS_PROXY\","
                + "\"integrationUri\":\"" + FUNCTION + "\",\"payloadFormatVersion\":\"1.0\"}"));

        routes.createRoute(ACCOUNT, apiId, input("{\"routeKey\":\"GET /items/{id}\",\"target\":\"integrations/"
                + integration.integrationId() + "\"}"));

        ServedApi served = control.registry().served(apiId).orElseThrow();
        assertThat(served.stageFor("/items/1").orElseThrow().getKey().routes().match("GET", "/items/1")).isPresent();
        assertThat(served.stages()).doesNotContainKey("manual");
        Deployment deployment = stages.createDeployment(ACCOUNT, apiId, input("{\"stageName\":\"manual\"}"));
        assertThat(stages.getStage(ACCOUNT, apiId, "manual").deploymentId()).isEqualTo(deployment.deploymentId());
        assertThat(control.registry().served(apiId).orElseThrow().stageFor("/manual/items/1").orElseThrow().getKey()
                .stage().stageName()).isEqualTo("manual");
    }

    @Test
    void refusesADuplicateRouteKeyWithAConflictAndChangesNothing() {
        String apiId = control.createApi(ACCOUNT, input("{\"name\":\"x\",\"protocolType\":\"HTTP\"}")).api().apiId();
        routes.createRoute(ACCOUNT, apiId, input("{\"routeKey\":\"GET /items\"}"));
        int writes = store.writes;

        EdgeException conflict = error(() -> routes.createRoute(ACCOUNT, apiId,
                input("{\"routeKey\":\"GET /items\"}")));

        assertThat(conflict.code()).isEqualTo("ConflictException");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(store.writes).isEqualTo(writes);
        assertThat(routes.routes(ACCOUNT, apiId)).hasSize(1);
    }

    @Test
    void refusesBadInputWithBadRequestAndStoresNothing() {
        String apiId = control.createApi(ACCOUNT, input("{\"name\":\"x\",\"protocolType\":\"HTTP\"}")).api().apiId();
        int writes = store.writes;

        assertThat(error(() -> routes.createRoute(ACCOUNT, apiId, input("{\"routeKey\":\"FETCH /x\"}"))).code())
                .isEqualTo("BadRequestException");
        assertThat(error(() -> routes.createRoute(ACCOUNT, apiId,
                input("{\"routeKey\":\"GET /x\",\"target\":\"integrations/nope\"}"))).code())
                .isEqualTo("BadRequestException");
        assertThat(error(() -> routes.createIntegration(ACCOUNT, apiId, input("{\"integrationType\":\"AWS_PROXY\","
                + "\"integrationUri\":\"" + FUNCTION + "\",\"payloadFormatVersion\":\"3.0\"}"))).code())
                .isEqualTo("BadRequestException");
        assertThat(error(() -> control.createApi(ACCOUNT, input("{\"name\":7,\"protocolType\":\"HTTP\"}"))).code())
                .isEqualTo("BadRequestException");
        assertThat(error(() -> control.createApi(ACCOUNT, input("[1]"))).code()).isEqualTo("BadRequestException");
        assertThat(store.writes).isEqualTo(writes);
    }

    @Test
    void anApiIsInvisibleToOtherAccounts() {
        String apiId = control.createApi(ACCOUNT, input("{\"name\":\"x\",\"protocolType\":\"HTTP\"}")).api().apiId();

        EdgeException notFound = error(() -> control.getApi(OTHER, apiId));

        assertThat(notFound.code()).isEqualTo("NotFoundException");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(control.apis(OTHER)).isEmpty();
        assertThat(control.apis(ACCOUNT)).hasSize(1);
    }

    @Test
    void keepsApisAcrossRestarts() {
        String apiId = control.createApi(ACCOUNT, input(
                "{\"name\":\"x\",\"protocolType\":\"HTTP\",\"target\":\"" + FUNCTION + "\"}")).api().apiId();

        HttpApiControl restarted = new HttpApiControl(HttpApiRegistry.load(store), InstantSource.system());

        assertThat(restarted.getApi(ACCOUNT, apiId)).isEqualTo(control.getApi(ACCOUNT, apiId));
        assertThat(restarted.registry().served(apiId).orElseThrow().stageFor("/")).isPresent();
    }

    @Test
    void refusesToDeleteAnIntegrationARouteTargets() {
        ApiDefinition api = control.createApi(ACCOUNT, input(
                "{\"name\":\"x\",\"protocolType\":\"HTTP\",\"target\":\"" + FUNCTION + "\"}"));
        String integrationId = api.integrations().keySet().iterator().next();

        assertThatThrownBy(() -> routes.deleteIntegration(ACCOUNT, api.api().apiId(), integrationId))
                .isInstanceOf(EdgeException.class);
        assertThat(routes.integrations(ACCOUNT, api.api().apiId())).hasSize(1);
    }
}
