package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST APIs' own operations: {@code CreateRestApi}, {@code ImportRestApi}, {@code PutRestApi}, {@code GetRestApi(s)},
 * {@code DeleteRestApi}, with AWS's validation. Resources, methods and integrations are {@link ResourceService}'s,
 * deployments and stages {@link StageService}'s. Thread-safe; blocks on storage.
 */
final class RestApiService {

    /** The result of an import: the API and what the import left out. */
    record Imported(RestApi api, List<String> warnings) {
    }

    private static final Set<String> API_KEY_SOURCES = Set.of("HEADER", "AUTHORIZER");
    private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");

    private final RestApiRegistry registry;
    private final InstantSource clock;

    RestApiService(RestApiRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

    RestApi create(Account account, RestApiSettings settings) {
        if (settings.name() == null || settings.name().isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid REST API name specified");
        }
        String apiKeySource = settings.apiKeySource() == null ? "HEADER" : settings.apiKeySource();
        if (!API_KEY_SOURCES.contains(apiKeySource)) {
            throw ApiGatewayErrors.badRequest("Invalid API Key Source specified: " + apiKeySource);
        }
        List<String> types = settings.endpointTypes() == null || settings.endpointTypes().isEmpty() ? List.of("EDGE")
                : settings.endpointTypes();
        if (types.size() != 1 || !ENDPOINT_TYPES.contains(types.getFirst())) {
            throw ApiGatewayErrors.badRequest("Invalid Endpoint Configuration specified: exactly one of EDGE, REGIONAL,"
                    + " PRIVATE");
        }
        return registry.add(newApi(account, settings.name(), settings.description(), settings.version(),
                settings.binaryMediaTypes(), apiKeySource, types, settings.disableExecuteApiEndpoint(),
                settings.tags())).api();
    }

    Imported importApi(Account account, byte[] body, boolean failOnWarnings) {
        ImportedApi imported = OpenApiImport.read(body);
        failOn(imported, failOnWarnings);
        HostedApi fresh = newApi(account, imported.name(), imported.description(), imported.version(),
                imported.binaryMediaTypes(), "HEADER", List.of("EDGE"), false, null);
        RestApi api = ResourceEdits.apply(fresh.api(), imported.paths(), true);
        return new Imported(registry.add(fresh.with(api)).api(), imported.warnings());
    }

    Imported put(Account account, String apiId, String mode, byte[] body, boolean failOnWarnings) {
        registry.require(account, apiId);
        if (mode != null && !"merge".equals(mode) && !"overwrite".equals(mode)) {
            throw ApiGatewayErrors.badRequest("Invalid mode specified: " + mode + " (merge or overwrite)");
        }
        ImportedApi imported = OpenApiImport.read(body);
        failOn(imported, failOnWarnings);
        boolean overwrite = "overwrite".equals(mode);
        HostedApi changed = registry.change(account, apiId, hosted -> {
            RestApi api = hosted.api();
            if (overwrite) {
                api = api.withSettingsOf(imported.name(), imported.description(), imported.version(),
                        imported.binaryMediaTypes());
            }
            return hosted.with(ResourceEdits.apply(api, imported.paths(), overwrite));
        });
        return new Imported(changed.api(), imported.warnings());
    }

    RestApi get(Account account, String apiId) {
        return registry.require(account, apiId).api();
    }

    List<RestApi> list(Account account) {
        return registry.in(account);
    }

    void delete(Account account, String apiId) {
        registry.delete(account, apiId);
    }

    private static void failOn(ImportedApi imported, boolean failOnWarnings) {
        if (failOnWarnings && !imported.warnings().isEmpty()) {
            throw ApiGatewayErrors.badRequest("Warnings found during import:\n\t"
                    + String.join("\n\t", imported.warnings()));
        }
    }

    private HostedApi newApi(Account account, String name, String description, String version,
            List<String> binaryMediaTypes, String apiKeySource, List<String> types, boolean disableExecuteApiEndpoint,
            Map<String, String> tags) {
        String id = RestApiIds.fresh(10, registry.ids());
        String rootId = RestApiIds.fresh(10, new HashSet<>());
        ApiResource root = ApiResource.root(rootId);
        RestApi api = new RestApi(account, id, name, description, clock.instant().getEpochSecond(), version,
                binaryMediaTypes, apiKeySource, types, disableExecuteApiEndpoint, tags, rootId,
                Map.of(rootId, root), Map.of());
        return HostedApi.of(api, Map.of(), Map.of(), Map.of());
    }
}
