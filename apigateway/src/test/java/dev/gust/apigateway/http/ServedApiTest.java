package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServedApiTest {

    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}";

    private static ApiDefinition definition(List<String> stageNames) {
        Api api = new Api("abcdefghij", new Account("123456789012", "us-east-1"), "x", null, null, null, false, NOW,
                null, null);
        ApiDefinition definition = ApiDefinition.of(api)
                .withIntegration(new Integration("i1", FUNCTION, "2.0", 30_000, null, false))
                .withRoute(new Route("r1", "$default", "integrations/i1", null, null, false));
        for (String name : stageNames) {
            definition = definition.withStage(new Stage(name, null, true, null, Map.of("fn", name.replace("$", "") + "-function"), NOW,
                    NOW, null, false));
        }
        return definition.autoDeployed(() -> "d1", NOW);
    }

    @Test
    void aPathsFirstSegmentNamesItsStageElseTheDefaultStageServesTheWholePath() {
        ServedApi served = ServedApi.of(definition(List.of("$default", "prod")));

        var prod = served.stageFor("/prod/items/1").orElseThrow();
        assertThat(prod.getKey().stage().stageName()).isEqualTo("prod");
        assertThat(prod.getValue()).isEqualTo("/items/1");
        var root = served.stageFor("/items/1").orElseThrow();
        assertThat(root.getKey().stage().stageName()).isEqualTo("$default");
        assertThat(root.getValue()).isEqualTo("/items/1");
        assertThat(served.stageFor("/prod").orElseThrow().getValue()).isEqualTo("/");
    }

    @Test
    void withoutADefaultStageOnlyNamedStagesServe() {
        ServedApi served = ServedApi.of(definition(List.of("prod")));

        assertThat(served.stageFor("/prod/x")).isPresent();
        assertThat(served.stageFor("/other/x")).isEmpty();
        assertThat(served.stageFor("/")).isEmpty();
    }

    @Test
    void eachStageResolvesItsFunctionWithItsOwnVariables() {
        ServedApi served = ServedApi.of(definition(List.of("$default", "prod")));
        Integration integration = served.definition().integrations().get("i1");

        assertThat(served.stages().get("prod").target(integration).orElseThrow().functionName())
                .isEqualTo("prod-function");
        assertThat(served.stages().get("$default").target(integration).orElseThrow().functionName())
                .isEqualTo("default-function");
    }
}
