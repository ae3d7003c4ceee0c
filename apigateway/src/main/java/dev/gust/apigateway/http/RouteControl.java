package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;

/**
 * The routes and integrations of HTTP APIs: their Create, Get(s), Update and Delete operations, validated as API
 * Gateway validates them; every change is deployed to the stages that auto-deploy. Thread-safe; blocks on the store
 * (worker threads only).
 */
final class RouteControl {

    private final HttpApiRegistry registry;
    private final InstantSource clock;

    RouteControl(HttpApiRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

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
            throw ApiGatewayErrors.notFound("Invalid Route identifier specified " + routeId);
        }
        return route;
    }

    private static void requireUniqueKey(ApiDefinition definition, String key, String exceptRouteId) {
        for (Route other : definition.routes().values()) {
            if (other.routeKey().equals(key) && !other.routeId().equals(exceptRouteId)) {
                throw ApiGatewayErrors.conflict("Route with key " + key + " already exists for this API");
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
            throw ApiGatewayErrors.badRequest("Invalid target specified: " + target
                    + ". A target must be integrations/<integration-id> of an integration of this API");
        }
        return target;
    }

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
                    throw ApiGatewayErrors.conflict("Cannot delete Integration " + integrationId + ": it is the target of"
                            + " route " + route.routeId());
                }
            }
            return definition.withoutIntegration(integrationId).autoDeployed(registry::newId, clock.instant());
        });
    }

    private static Integration integration(ApiDefinition definition, String integrationId) {
        Integration integration = definition.integrations().get(integrationId);
        if (integration == null) {
            throw ApiGatewayErrors.notFound("Invalid Integration identifier specified " + integrationId);
        }
        return integration;
    }
}
