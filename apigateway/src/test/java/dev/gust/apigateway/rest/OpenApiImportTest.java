package dev.gust.apigateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenApiImportTest {

    private static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:hello/invocations";

    @Test
    void readsAnOpenApi3YamlDefinitionWithProxyIntegrations() {
        ImportedApi api = OpenApiImport.read(("""
                openapi: 3.0.1
                info:
                  title: pets
                  version: '2024-01-01'
                paths:
                  /pets/{petId}:
                    get:
                      operationId: getPet
                      parameters:
                        - name: petId
                          in: path
                          required: true
                      security:
                        - sigv4: []
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: %s
                  /{proxy+}:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: %s
                        timeoutInMillis: 5000
                components:
                  securitySchemes:
                    sigv4:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: awsSigv4
                """.formatted(URI, URI)).getBytes(StandardCharsets.UTF_8));

        assertThat(api.name()).isEqualTo("pets");
        assertThat(api.version()).isEqualTo("2024-01-01");
        assertThat(api.paths()).containsOnlyKeys("/pets/{petId}", "/{proxy+}");
        ApiMethod get = api.paths().get("/pets/{petId}").get("GET");
        assertThat(get.authorizationType()).isEqualTo("AWS_IAM");
        assertThat(get.operationName()).isEqualTo("getPet");
        assertThat(get.requestParameters()).containsEntry("method.request.path.petId", true);
        assertThat(get.integration().type()).isEqualTo("AWS_PROXY");
        assertThat(get.integration().uri()).isEqualTo(URI);
        ApiMethod any = api.paths().get("/{proxy+}").get("ANY");
        assertThat(any.authorizationType()).isEqualTo("NONE");
        assertThat(any.integration().timeoutInMillis()).isEqualTo(5000);
        assertThat(api.warnings()).isEmpty();
    }

    @Test
    void readsASwagger2JsonDefinitionAndWarnsAboutOtherIntegrations() {
        ImportedApi api = OpenApiImport.read("""
                {"swagger": "2.0", "info": {"title": "mock", "description": "d"},
                 "paths": {"/health": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(api.description()).isEqualTo("d");
        assertThat(api.paths().get("/health").get("GET").integration()).isNull();
        assertThat(api.warnings()).singleElement().asString().contains("AWS_PROXY only");
    }

    @Test
    void refusesWhatIsNotADefinition() {
        for (String body : new String[] {"", "not: [valid", "[]", "{\"info\": {\"title\": \"x\"}}", "42"}) {
            assertThatThrownBy(() -> OpenApiImport.read(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOf(EdgeException.class)
                    .satisfies(e -> assertThat(((EdgeException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void refusesAProxyIntegrationThatNamesNoFunction() {
        assertThatThrownBy(() -> OpenApiImport.read("""
                {"openapi": "3.0.1", "info": {"title": "x"}, "paths": {"/a": {"get": {
                  "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                    "uri": "arn:aws:apigateway:us-east-1:firehose:path/x"}}}}}
                """.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EdgeException.class)
                .hasMessageContaining("Integrations of type 'AWS_PROXY' currently only supports Lambda function");
    }
}
