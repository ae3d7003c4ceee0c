package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages and deployments of HTTP APIs: their Create, Get(s), Update and Delete operations. A deployment is a
 * snapshot of the routes and integrations; a stage serves the one it names. Thread-safe; blocks on the store (worker
 * threads only).
 */
final class StageControl {

    private final HttpApiRegistry registry;
    private final InstantSource clock;

    StageControl(HttpApiRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Stage createStage(Account account, String apiId, ApiInput input) {
        String name = ApiValidation.stageName(input.string("stageName"));
        ApiDefinition changed = registry.change(account, apiId, definition -> {
            if (definition.stages().containsKey(name)) {
                throw ApiGatewayErrors.conflict("Stage already exists");
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
            throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
        }
        return stage;
    }

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
                    throw ApiGatewayErrors.badRequest("Stage " + stageName + " is configured for auto-deploy: it is deployed"
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
                    throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
                }
            }
            return definition.withoutDeployment(deploymentId);
        });
    }

    private static Deployment deployment(ApiDefinition definition, String deploymentId) {
        Deployment deployment = deploymentId == null ? null : definition.deployments().get(deploymentId);
        if (deployment == null) {
            throw ApiGatewayErrors.notFound("Invalid Deployment identifier specified " + deploymentId);
        }
        return deployment;
    }
}
