package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS Lambda API model (botocore's {@code service-2.json}, a copy in the test resources): its operations with
 * their HTTP bindings, and its shapes, as Jackson trees.
 */
final class LambdaModel {

    private static final String RESOURCE = "/corpus/botocore/botocore/data/lambda/2015-03-31/service-2.json";

    /** One operation: its HTTP method and request URI template, and its input shape's name (or null). */
    record ModelOperation(String name, String method, String requestUri, String input) {
    }

    private final JsonNode model;

    private LambdaModel(JsonNode model) {
        this.model = model;
    }

    static LambdaModel load() {
        return load(RESOURCE);
    }

    /** Another service's model in the same format ({@code resource} on the test classpath), for its fuzzing. */
    static LambdaModel load(String resource) {
        try (InputStream in = LambdaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new LambdaModel(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ModelOperation> operations() {
        List<ModelOperation> operations = new ArrayList<>();
        model.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            JsonNode input = operation.path("input").path("shape");
            operations.add(new ModelOperation(entry.getKey(), operation.path("http").path("method").asText(),
                    operation.path("http").path("requestUri").asText(), input.isMissingNode() ? null : input.asText()));
        });
        return operations;
    }

    /** The shape named {@code name} (its {@code type}, {@code members}, {@code enum}, {@code min}, ...). */
    JsonNode shape(String name) {
        return model.path("shapes").path(name);
    }
}
