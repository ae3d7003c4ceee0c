package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.List;

/**
 * The control plane of HTTP APIs themselves: CreateApi (with quick create), GetApi(s), UpdateApi, DeleteApi,
 * DeleteCorsConfiguration, ImportApi and ReimportApi, validated as API Gateway validates them. Every change is
 * validated whole before it is stored (bad input changes nothing). Routes and integrations are {@link RouteControl}'s,
 * stages and deployments {@link StageControl}'s. Thread-safe; blocks on the store (worker threads only).
 */
final class HttpApiControl {

    private final HttpApiRegistry registry;
    private final InstantSource clock;

    HttpApiControl(HttpApiRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

    HttpApiRegistry registry() {
        return registry;
    }

    ApiDefinition createApi(Account account, ApiInput input) {
        ApiValidation.protocolType(input.string("protocolType"));
        String name = ApiValidation.name(input.string("name"));
        String target = input.string("target");
        String routeKey = input.string("routeKey");
        if (target == null && routeKey != null) {
            throw ApiGatewayErrors.badRequest("RouteKey is only supported with Target (quick create)");
        }
        if (target != null) {
            ApiValidation.integrationUri(target);
        }
        RouteKey parsedKey = target == null ? null
                : ApiValidation.routeKey(routeKey == null ? RouteKey.DEFAULT : routeKey);
        Api api = new Api(registry.newApiId(), account, name, ApiValidation.description(input.string("description")),
                input.string("version"), ApiValidation.cors(input.object("corsConfiguration")),
                input.bool("disableExecuteApiEndpoint", false), clock.instant(), input.stringMap("tags"), null);
        ApiDefinition definition = ApiDefinition.of(api);
        if (target != null) {
            definition = quickCreate(definition, target, parsedKey);
        }
        return registry.commit(definition);
    }

    /** Quick create: a Lambda integration, a route to it, and a {@code $default} stage that auto-deploys. */
    private ApiDefinition quickCreate(ApiDefinition definition, String target, RouteKey key) {
        Integration integration = new Integration(registry.newId(), target, "2.0", Integration.MAX_TIMEOUT_MILLIS,
                null, true);
        Route route = new Route(registry.newId(), key.isDefault() ? RouteKey.DEFAULT : key.method() + " " + key.path(),
                Route.TARGET_PREFIX + integration.integrationId(), "NONE", null, true);
        Stage stage = new Stage(Stage.DEFAULT, null, true, null, null, clock.instant(), clock.instant(), null, true);
        return definition.withIntegration(integration).withRoute(route).withStage(stage)
                .autoDeployed(registry::newId, clock.instant());
    }

    ApiDefinition getApi(Account account, String apiId) {
        return registry.require(account, apiId);
    }

    List<ApiDefinition> apis(Account account) {
        return registry.in(account);
    }

    ApiDefinition updateApi(Account account, String apiId, ApiInput input) {
        return registry.change(account, apiId, definition -> {
            Api api = definition.api();
            if (input.has("protocolType")) {
                ApiValidation.protocolType(input.string("protocolType"));
            }
            if (input.has("target") || input.has("routeKey")) {
                throw ApiGatewayErrors.badRequest("Target and RouteKey can only be given when an API is created");
            }
            return definition.withApi(new Api(api.apiId(), api.account(),
                    input.has("name") ? ApiValidation.name(input.string("name")) : api.name(),
                    input.has("description") ? ApiValidation.description(input.string("description"))
                            : api.description(),
                    input.has("version") ? input.string("version") : api.version(),
                    input.has("corsConfiguration") ? ApiValidation.cors(input.object("corsConfiguration"))
                            : api.cors(),
                    input.bool("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint()), api.createdDate(),
                    api.tags(), api.warnings()));
        });
    }

    void deleteCors(Account account, String apiId) {
        registry.change(account, apiId, definition -> {
            Api api = definition.api();
            return definition.withApi(new Api(api.apiId(), api.account(), api.name(), api.description(),
                    api.version(), null, api.disableExecuteApiEndpoint(), api.createdDate(), api.tags(),
                    api.warnings()));
        });
    }

    void deleteApi(Account account, String apiId) {
        registry.require(account, apiId);
        registry.delete(apiId);
    }

    /** ImportApi: a new API from an OpenAPI definition (no stage, as AWS). */
    ApiDefinition importApi(Account account, String body, boolean failOnWarnings) {
        OpenApiImport imported = OpenApiImport.read(body, registry::newId);
        failOnWarnings(imported, failOnWarnings);
        Api api = new Api(registry.newApiId(), account, imported.name(), imported.description(), imported.version(),
                imported.cors(), false, clock.instant(), null, imported.warnings());
        return registry.commit(ApiDefinition.of(api).withRoutesAndIntegrations(imported.routes(),
                imported.integrations()));
    }

    /**
     * ReimportApi: the API's routes, integrations, name, version, description and CORS replaced by an OpenAPI
     * definition's; its stages stay, and those that auto-deploy serve the new routes.
     */
    ApiDefinition reimportApi(Account account, String apiId, String body, boolean failOnWarnings) {
        OpenApiImport imported = OpenApiImport.read(body, registry::newId);
        failOnWarnings(imported, failOnWarnings);
        return registry.change(account, apiId, definition -> {
            Api api = definition.api();
            return definition.withApi(new Api(api.apiId(), api.account(), imported.name(), imported.description(),
                    imported.version(), imported.cors(), api.disableExecuteApiEndpoint(), api.createdDate(),
                    api.tags(), imported.warnings()))
                    .withRoutesAndIntegrations(imported.routes(), imported.integrations())
                    .autoDeployed(registry::newId, clock.instant());
        });
    }

    private static void failOnWarnings(OpenApiImport imported, boolean failOnWarnings) {
        if (failOnWarnings && !imported.warnings().isEmpty()) {
            throw ApiGatewayErrors.badRequest("Warnings found during import:\n\t" + String.join("\n\t",
                    imported.warnings()));
        }
    }
}
