package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OpenApiImportTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello";

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> newId = () -> "id" + ids.incrementAndGet();

    private static final String YAML = """
            openapi: "3.0.1"
            info:
              title: pets
              version: "2024-01-01"
            x-amazon-apigateway-cors:
              allowOrigins: ["https://example.com"]
              allowMethods: ["GET"]
            paths:
              /pets/{id}:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    uri: %s
                    payloadFormatVersion: "2.0"
                delete:
                  x-amazon-apigateway-integration:
                    type: AWS_PROXY
                    uri: %s
                    payloadFormatVersion: "2.0"
              /{proxy+}:
                x-amazon-apigateway-any-method:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: %s
                    payloadFormatVersion: "1.0"
              $default:
                x-amazon-apigateway-any-method:
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    uri: https://example.com
            """.formatted(FUNCTION, FUNCTION, FUNCTION);

    @Test
    void makesARouteOfEachOperationAndAnIntegrationOfEachDistinctLambdaIntegration() {
        OpenApiImport imported = OpenApiImport.read(YAML, newId);

        assertThat(imported.name()).isEqualTo("pets");
        assertThat(imported.version()).isEqualTo("2024-01-01");
        assertThat(imported.routes().values()).extracting(Route::routeKey)
                .containsExactlyInAnyOrder("GET /pets/{id}", "DELETE /pets/{id}", "ANY /{proxy+}", "$default");
        assertThat(imported.integrations().values()).extracting(Integration::payloadFormatVersion)
                .containsExactlyInAnyOrder("2.0", "1.0");
        Route get = imported.routes().values().stream().filter(r -> r.routeKey().equals("GET /pets/{id}")).findFirst()
                .orElseThrow();
        Route delete = imported.routes().values().stream().filter(r -> r.routeKey().equals("DELETE /pets/{id}"))
                .findFirst().orElseThrow();
        assertThat(get.target()).isEqualTo(delete.target());
        assertThat(imported.cors().allowOrigins()).containsExactly("https://example.com");
    }

    @Test
    void warnsAboutIntegrationsItLeavesOut() {
        OpenApiImport imported = OpenApiImport.read(YAML, newId);

        Route fallback = imported.routes().values().stream().filter(r -> r.routeKey().equals("$default")).findFirst()
                .orElseThrow();
        assertThat(fallback.target()).isNull();
        assertThat(imported.warnings()).singleElement().asString().contains("http_proxy");
    }

    @Test
    void readsJsonAsWellAsYaml() {
        String json = """
                {"openapi": "3.0.1", "info": {"title": "json api"},
                 "paths": {"/items": {"post": {"x-amazon-apigateway-integration":
                   {"type": "aws_proxy", "uri": "%s", "payloadFormatVersion": "2.0"}}}}}
                """.formatted(FUNCTION);

        OpenApiImport imported = OpenApiImport.read(json, newId);

        assertThat(imported.name()).isEqualTo("json api");
        assertThat(imported.routes().values()).extracting(Route::routeKey).containsExactly("POST /items");
    }

    @Test
    void refusesWhatIsNotAnOpenApiDefinition() {
        assertThatThrownBy(() -> OpenApiImport.read("{\"hello\": 1}", newId)).isInstanceOf(EdgeException.class)
                .hasMessageContaining("OpenAPI");
        assertThatThrownBy(() -> OpenApiImport.read("openapi: 3.0.1\npaths: {}", newId))
                .isInstanceOf(EdgeException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> OpenApiImport.read("{not json", newId)).isInstanceOf(EdgeException.class);
        assertThatThrownBy(() -> OpenApiImport.read("", newId)).isInstanceOf(EdgeException.class);
    }

    @Test
    void refusesAPathThatIsNotARouteKey() {
        String bad = """
                openapi: 3.0.1
                info: {title: bad}
                paths:
                  /{proxy+}/more:
                    get: {}
                """;

        assertThatThrownBy(() -> OpenApiImport.read(bad, newId)).isInstanceOf(EdgeException.class);
    }
}
