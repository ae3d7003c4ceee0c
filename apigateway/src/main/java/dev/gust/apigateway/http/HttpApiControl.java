package dev.gust.apigateway.http;

import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane of HTTP APIs: CreateApi (with quick create), UpdateApi, DeleteApi and the routes, integrations,
 * stages and deployments of an API, validated as API Gateway validates them. Every change is validated whole before
 * it is stored (bad input changes nothing), and a change to routes or integrations is deployed to the stages that
 * auto-deploy. Thread-safe; blocks on the store (worker threads only).
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

    // ---- APIs

    ApiDefinition createApi(Account account, ApiInput input) {
        ApiValidation.protocolType(input.string("protocolType"));
        String name = ApiValidation.name(input.string("name"));
        String target = input.string("target");
        String routeKey = input.string("routeKey");
        if (target == null && routeKey != null) {
            throw ApiErrors.badRequest("RouteKey is only supported with Target (quick create)");
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
                throw ApiErrors.badRequest("Target and RouteKey can only be given when an API is created");
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
            throw ApiErrors.badRequest("Warnings found during import:\n\t" + String.join("\n\t",
                    imported.warnings()));
        }
    }

    // ---- routes

    Route createRoute(Account account, String apiId, ApiInput input) {
        String id = registry.newId();
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            String key = input.string("routeKey");
            ApiValidation.routeKey(key);
            requireUniqueKey(definition, key, null);
            Route route = new Route(id, key, target(definition, input.string("target")),
                    ApiValidation.authorizationType(input.string("authorizationType")), input.string("operationName"),
                    false);
            return definition.withRoute(route).autoDeployed(registry::newId, clock.instant());
        });
        return changed.routes().get(id);
    }

    Route getRoute(Account account, String apiId, String routeId) {
        return route(registry.require(account, apiId), routeId);
    }

    List<Route> routes(Account account, String apiId) {
        return registry.require(account, apiId).routes().values().stream()
                .sorted(Comparator.comparing(Route::routeKey).thenComparing(Route::routeId)).toList();
    }

    Route updateRoute(Account account, String apiId, String routeId, ApiInput input) {
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            Route route = route(definition, routeId);
            String key = route.routeKey();
            if (input.has("routeKey")) {
                ApiValidation.routeKey(input.string("routeKey"));
                key = input.string("routeKey");
                requireUniqueKey(definition, key, routeId);
            }
            Route updated = new Route(routeId, key,
                    input.has("target") ? target(definition, input.string("target")) : route.target(),
                    input.has("authorizationType") ? ApiValidation.authorizationType(input.string("authorizationType"))
                            : route.authorizationType(),
                    input.has("operationName") ? input.string("operationName") : route.operationName(),
                    route.apiGatewayManaged());
            return definition.withRoute(updated).autoDeployed(registry::newId, clock.instant());
        });
        return changed.routes().get(routeId);
    }

    void deleteRoute(Account account, String apiId, String routeId) {
        registry.change(account, apiId, definition -> {
            route(definition, routeId);
            return definition.withoutRoute(routeId).autoDeployed(registry::newId, clock.instant());
        });
    }

    private static Route route(ApiDefinition definition, String routeId) {
        Route route = definition.routes().get(routeId);
        if (route == null) {
            throw ApiErrors.notFound("Invalid Route identifier specified " + routeId);
        }
        return route;
    }

    private static void requireUniqueKey(ApiDefinition definition, String key, String exceptRouteId) {
        for (Route other : definition.routes().values()) {
            if (other.routeKey().equals(key) && !other.routeId().equals(exceptRouteId)) {
                throw ApiErrors.conflict("Route with key " + key + " already exists for this API");
            }
        }
    }

    /** {@code target} checked: {@code integrations/<id>} of an existing integration. */
    private static String target(ApiDefinition definition, String target) {
        if (target == null) {
            return null;
        }
        if (!target.startsWith(Route.TARGET_PREFIX)
                || !definition.integrations().containsKey(target.substring(Route.TARGET_PREFIX.length()))) {
            throw ApiErrors.badRequest("Invalid target specified: " + target
                    + ". A target must be integrations/<integration-id> of an integration of this API");
        }
        return target;
    }

    // ---- integrations

    Integration createIntegration(Account account, String apiId, ApiInput input) {
        String id = registry.newId();
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            ApiValidation.integrationType(input.string("integrationType"));
            Integration integration = new Integration(id, ApiValidation.integrationUri(input.string("integrationUri")),
                    ApiValidation.payloadFormatVersion(input.string("payloadFormatVersion")),
                    ApiValidation.timeout(input.integer("timeoutInMillis")),
                    ApiValidation.description(input.string("description")), false);
            return definition.withIntegration(integration).autoDeployed(registry::newId, clock.instant());
        });
        return changed.integrations().get(id);
    }

    Integration getIntegration(Account account, String apiId, String integrationId) {
        return integration(registry.require(account, apiId), integrationId);
    }

    List<Integration> integrations(Account account, String apiId) {
        return registry.require(account, apiId).integrations().values().stream()
                .sorted(Comparator.comparing(Integration::integrationId)).toList();
    }

    Integration updateIntegration(Account account, String apiId, String integrationId, ApiInput input) {
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            Integration integration = integration(definition, integrationId);
            if (input.has("integrationType")) {
                ApiValidation.integrationType(input.string("integrationType"));
            }
            Integration updated = new Integration(integrationId,
                    input.has("integrationUri") ? ApiValidation.integrationUri(input.string("integrationUri"))
                            : integration.integrationUri(),
                    input.has("payloadFormatVersion")
                            ? ApiValidation.payloadFormatVersion(input.string("payloadFormatVersion"))
                            : integration.payloadFormatVersion(),
                    input.has("timeoutInMillis") ? ApiValidation.timeout(input.integer("timeoutInMillis"))
                            : integration.timeoutInMillis(),
                    input.has("description") ? ApiValidation.description(input.string("description"))
                            : integration.description(),
                    integration.apiGatewayManaged());
            return definition.withIntegration(updated).autoDeployed(registry::newId, clock.instant());
        });
        return changed.integrations().get(integrationId);
    }

    void deleteIntegration(Account account, String apiId, String integrationId) {
        registry.change(account, apiId, definition -> {
            integration(definition, integrationId);
            for (Route route : definition.routes().values()) {
                if (integrationId.equals(route.integrationId())) {
                    throw ApiErrors.conflict("Cannot delete Integration " + integrationId + ": it is the target of"
                            + " route " + route.routeId());
                }
            }
            return definition.withoutIntegration(integrationId).autoDeployed(registry::newId, clock.instant());
        });
    }

    private static Integration integration(ApiDefinition definition, String integrationId) {
        Integration integration = definition.integrations().get(integrationId);
        if (integration == null) {
            throw ApiErrors.notFound("Invalid Integration identifier specified " + integrationId);
        }
        return integration;
    }

    // ---- stages

    Stage createStage(Account account, String apiId, ApiInput input) {
        String name = ApiValidation.stageName(input.string("stageName"));
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            if (definition.stages().containsKey(name)) {
                throw ApiErrors.conflict("Stage already exists");
            }
            String deploymentId = input.string("deploymentId");
            if (deploymentId != null) {
                deployment(definition, deploymentId);
            }
            Stage stage = new Stage(name, ApiValidation.description(input.string("description")),
                    input.bool("autoDeploy", false), deploymentId,
                    ApiValidation.stageVariables(input.stringMap("stageVariables")), clock.instant(), clock.instant(),
                    input.stringMap("tags"), false);
            return definition.withStage(stage).autoDeployed(registry::newId, clock.instant());
        });
        return changed.stages().get(name);
    }

    Stage getStage(Account account, String apiId, String stageName) {
        return stage(registry.require(account, apiId), stageName);
    }

    List<Stage> stages(Account account, String apiId) {
        return registry.require(account, apiId).stages().values().stream()
                .sorted(Comparator.comparing(Stage::stageName)).toList();
    }

    Stage updateStage(Account account, String apiId, String stageName, ApiInput input) {
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            Stage stage = stage(definition, stageName);
            String deploymentId = stage.deploymentId();
            if (input.has("deploymentId")) {
                deploymentId = deployment(definition, input.string("deploymentId")).deploymentId();
            }
            Map<String, String> variables = new HashMap<>(stage.stageVariables());
            Map<String, String> given = ApiValidation.stageVariables(input.stringMap("stageVariables"));
            if (given != null) {
                variables.putAll(given);
            }
            Stage updated = new Stage(stageName,
                    input.has("description") ? ApiValidation.description(input.string("description"))
                            : stage.description(),
                    input.bool("autoDeploy", stage.autoDeploy()), deploymentId, variables, stage.createdDate(),
                    clock.instant(), stage.tags(), stage.apiGatewayManaged());
            ApiDefinition withStage = definition.withStage(updated);
            return updated.autoDeploy() && !stage.autoDeploy()
                    ? withStage.autoDeployed(registry::newId, clock.instant()) : withStage;
        });
        return changed.stages().get(stageName);
    }

    void deleteStage(Account account, String apiId, String stageName) {
        registry.change(account, apiId, definition -> {
            stage(definition, stageName);
            return definition.withoutStage(stageName);
        });
    }

    private static Stage stage(ApiDefinition definition, String stageName) {
        Stage stage = definition.stages().get(stageName);
        if (stage == null) {
            throw ApiErrors.notFound("Invalid stage identifier specified");
        }
        return stage;
    }

    // ---- deployments

    Deployment createDeployment(Account account, String apiId, ApiInput input) {
        String id = registry.newId();
        String stageName = input.string("stageName");
        String description = ApiValidation.description(input.string("description"));
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            Deployment deployment = definition.snapshot(id, description, clock.instant(), false);
            ApiDefinition deployed = definition.withDeployment(deployment);
            if (stageName != null) {
                Stage stage = stage(definition, stageName);
                if (stage.autoDeploy()) {
                    throw ApiErrors.badRequest("Stage " + stageName + " is configured for auto-deploy: it is deployed"
                            + " on every change");
                }
                deployed = deployed.withStage(stage.deployed(id, clock.instant()));
            }
            return deployed;
        });
        return changed.deployments().get(id);
    }

    Deployment getDeployment(Account account, String apiId, String deploymentId) {
        return deployment(registry.require(account, apiId), deploymentId);
    }

    List<Deployment> deployments(Account account, String apiId) {
        List<Deployment> all = new ArrayList<>(registry.require(account, apiId).deployments().values());
        all.sort(Comparator.comparing(Deployment::createdDate).thenComparing(Deployment::deploymentId));
        return all;
    }

    void deleteDeployment(Account account, String apiId, String deploymentId) {
        registry.change(account, apiId, definition -> {
            deployment(definition, deploymentId);
            for (Stage stage : definition.stages().values()) {
                if (deploymentId.equals(stage.deploymentId())) {
                    throw ApiErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
                }
            }
            return definition.withoutDeployment(deploymentId);
        });
    }

    private static Deployment deployment(ApiDefinition definition, String deploymentId) {
        Deployment deployment = deploymentId == null ? null : definition.deployments().get(deploymentId);
        if (deployment == null) {
            throw ApiErrors.notFound("Invalid Deployment identifier specified " + deploymentId);
        }
        return deployment;
    }
}
