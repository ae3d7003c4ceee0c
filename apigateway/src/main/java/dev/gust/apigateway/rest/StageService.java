package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The operations on a REST API's deployments and stages ({@code CreateDeployment}, {@code GetDeployment(s)},
 * {@code CreateStage}, {@code GetStage(s)}, {@code UpdateStage} with patch operations, {@code DeleteStage}), with
 * AWS's validation. A deployment snapshots the API's resources; a stage serves one deployment. Thread-safe; blocks on
 * storage.
 */
final class StageService {

    private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z0-9_]{1,64}");
    private static final Pattern VARIABLE_VALUE = Pattern.compile("[a-zA-Z0-9\\-._~:/?#&=, ]{0,512}");

    /**
     * One patch operation of {@code UpdateStage}.
     *
     * @param op {@code replace}, {@code add} or {@code remove}
     * @param path {@code /variables/<name>}, {@code /description}, {@code /deploymentId}, {@code /tracingEnabled}
     * @param value the new value, or {@code null}
     */
    record PatchOperation(String op, String path, String value) {
    }

    private final RestApiRegistry registry;
    private final InstantSource clock;

    StageService(RestApiRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Deployment deploy(Account account, String apiId, String stageName, String stageDescription, String description,
            Map<String, String> variables) {
        if (stageName != null) {
            checkStageName(stageName);
        }
        checkVariables(variables);
        Deployment[] made = new Deployment[1];
        registry.change(account, apiId, hosted -> {
            RestApi api = hosted.api();
            List<ApiResource> resources = List.copyOf(api.resources().values());
            if (resources.stream().allMatch(r -> r.methods().isEmpty())) {
                throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
            }
            if (resources.stream().flatMap(r -> r.methods().values().stream()).anyMatch(m -> m.integration() == null)) {
                throw ApiGatewayErrors.badRequest("No integration defined for method");
            }
            long now = clock.instant().getEpochSecond();
            made[0] = new Deployment(RestApiIds.fresh(6, new HashSet<>(hosted.deployments().keySet())), description,
                    now, resources);
            if (stageName != null) {
                Stage before = api.stages().get(stageName);
                Map<String, String> merged = new TreeMap<>(before == null ? Map.of() : before.variables());
                if (variables != null) {
                    merged.putAll(variables);
                }
                api = api.withStage(before == null
                        ? new Stage(stageName, made[0].id(), stageDescription, merged, false, false, now, now)
                        : new Stage(stageName, made[0].id(), before.description(), merged, before.tracingEnabled(),
                                before.cacheClusterEnabled(), before.createdDate(), now));
            }
            return hosted.with(api, made[0]);
        });
        return made[0];
    }

    List<Deployment> deployments(Account account, String apiId) {
        return List.copyOf(registry.require(account, apiId).deployments().values());
    }

    Deployment deployment(Account account, String apiId, String deploymentId) {
        Deployment deployment = deploymentId == null ? null
                : registry.require(account, apiId).deployments().get(deploymentId);
        if (deployment == null) {
            throw ApiGatewayErrors.notFound("Invalid Deployment identifier specified");
        }
        return deployment;
    }

    Stage create(Account account, String apiId, String stageName, String deploymentId, String description,
            Map<String, String> variables, boolean tracingEnabled) {
        registry.require(account, apiId);
        if (stageName == null) {
            throw ApiGatewayErrors.badRequest("Stage name must be non-empty");
        }
        checkStageName(stageName);
        checkVariables(variables);
        long now = clock.instant().getEpochSecond();
        Stage stage = new Stage(stageName, deploymentId, description, variables, tracingEnabled, false, now, now);
        registry.change(account, apiId, hosted -> {
            if (deploymentId == null || !hosted.deployments().containsKey(deploymentId)) {
                throw ApiGatewayErrors.badRequest("Invalid deployment identifier specified");
            }
            if (hosted.api().stages().containsKey(stageName)) {
                throw ApiGatewayErrors.conflict("Stage already exists");
            }
            return hosted.with(hosted.api().withStage(stage));
        });
        return stage;
    }

    Stage stage(Account account, String apiId, String stageName) {
        return requireStage(registry.require(account, apiId), stageName);
    }

    List<Stage> stages(Account account, String apiId) {
        return List.copyOf(registry.require(account, apiId).api().stages().values());
    }

    Stage update(Account account, String apiId, String stageName, List<PatchOperation> operations) {
        HostedApi changed = registry.change(account, apiId, hosted -> {
            Stage stage = requireStage(hosted, stageName);
            for (PatchOperation operation : operations) {
                stage = patch(hosted, stage, operation);
            }
            Stage updated = new Stage(stage.stageName(), stage.deploymentId(), stage.description(), stage.variables(),
                    stage.tracingEnabled(), stage.cacheClusterEnabled(), stage.createdDate(),
                    clock.instant().getEpochSecond());
            return hosted.with(hosted.api().withStage(updated));
        });
        return changed.api().stages().get(stageName);
    }

    void delete(Account account, String apiId, String stageName) {
        registry.change(account, apiId, hosted -> {
            requireStage(hosted, stageName);
            return hosted.with(hosted.api().withoutStage(stageName));
        });
    }

    private static Stage patch(HostedApi hosted, Stage stage, PatchOperation operation) {
        String op = operation.op() == null ? "" : operation.op();
        String path = operation.path() == null ? "" : operation.path();
        String value = operation.value();
        boolean remove = "remove".equals(op);
        if (!remove && !"replace".equals(op) && !"add".equals(op)) {
            throw ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
        }
        if (path.startsWith("/variables/")) {
            String name = path.substring("/variables/".length());
            Map<String, String> variables = new TreeMap<>(stage.variables());
            if (remove) {
                variables.remove(name);
            } else {
                checkVariables(Map.of(name, value == null ? "" : value));
                variables.put(name, value == null ? "" : value);
            }
            return new Stage(stage.stageName(), stage.deploymentId(), stage.description(), variables,
                    stage.tracingEnabled(), stage.cacheClusterEnabled(), stage.createdDate(), stage.lastUpdatedDate());
        }
        if (remove) {
            throw ApiGatewayErrors.badRequest("Invalid patch path " + path);
        }
        return switch (path) {
            case "/description" -> new Stage(stage.stageName(), stage.deploymentId(), value, stage.variables(),
                    stage.tracingEnabled(), stage.cacheClusterEnabled(), stage.createdDate(), stage.lastUpdatedDate());
            case "/deploymentId" -> {
                if (value == null || !hosted.deployments().containsKey(value)) {
                    throw ApiGatewayErrors.badRequest("Deployment id does not exist");
                }
                yield new Stage(stage.stageName(), value, stage.description(), stage.variables(),
                        stage.tracingEnabled(), stage.cacheClusterEnabled(), stage.createdDate(),
                        stage.lastUpdatedDate());
            }
            case "/tracingEnabled" -> new Stage(stage.stageName(), stage.deploymentId(), stage.description(),
                    stage.variables(), bool(value), stage.cacheClusterEnabled(), stage.createdDate(),
                    stage.lastUpdatedDate());
            case "/cacheClusterEnabled" -> new Stage(stage.stageName(), stage.deploymentId(), stage.description(),
                    stage.variables(), stage.tracingEnabled(), bool(value), stage.createdDate(),
                    stage.lastUpdatedDate());
            default -> throw ApiGatewayErrors.badRequest("Invalid patch path " + path);
        };
    }

    private static boolean bool(String value) {
        if (!"true".equals(value) && !"false".equals(value)) {
            throw ApiGatewayErrors.badRequest("Invalid value specified for boolean: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static Stage requireStage(HostedApi hosted, String stageName) {
        Stage stage = stageName == null ? null : hosted.api().stages().get(stageName);
        if (stage == null) {
            throw ApiGatewayErrors.notFound("Invalid Stage identifier specified");
        }
        return stage;
    }

    private static void checkStageName(String stageName) {
        if (!STAGE_NAME.matcher(stageName).matches()) {
            throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
        }
    }

    private static void checkVariables(Map<String, String> variables) {
        if (variables == null) {
            return;
        }
        List<String> bad = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                bad.add("Stage variable name " + name + " must be alphanumeric or underscore");
            } else if (value == null || !VARIABLE_VALUE.matcher(value).matches()) {
                bad.add("Stage variable value " + value + " of " + name + " contains invalid characters");
            }
        });
        if (!bad.isEmpty()) {
            throw ApiGatewayErrors.badRequest(bad.getFirst());
        }
    }
}
