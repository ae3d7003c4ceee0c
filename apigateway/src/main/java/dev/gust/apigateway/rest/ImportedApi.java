package dev.gust.apigateway.rest;

import java.util.List;
import java.util.Map;

/**
 * What an OpenAPI 3 or Swagger 2 definition says about a REST API ({@link OpenApiImport}). Immutable.
 *
 * @param name {@code info.title}
 * @param description {@code info.description}, or {@code null}
 * @param version {@code info.version}, or {@code null}
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 * @param paths the paths in the order given, each with its methods by verb
 * @param warnings what the import left out, as AWS words warnings
 */
record ImportedApi(String name, String description, String version, List<String> binaryMediaTypes,
        Map<String, Map<String, ApiMethod>> paths, List<String> warnings) {
}
