package dev.gust.apigateway.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API as its invoke URL serves it: the definition, and for each stage that serves a deployment the
 * deployment's routes compiled ({@link RouteTable}) with their integrations. Immutable; built once per change, so a
 * request touches no storage and compiles nothing.
 *
 * @param definition the API
 * @param stages the stages that serve a deployment, by name
 */
record ServedApi(ApiDefinition definition, Map<String, ServedStage> stages) {

    /**
     * A stage that serves a deployment.
     *
     * @param stage the stage (its variables)
     * @param routes the deployment's routes
     * @param integrations the deployment's integrations by id
     * @param targets the functions the integrations invoke under the stage's variables, by integration id (absent
     *     when an integration's URI names none under them)
     */
    record ServedStage(Stage stage, RouteTable routes, Map<String, Integration> integrations,
            Map<String, LambdaTarget> targets) {

        /** The stage serving {@code deployment}, its integrations' functions resolved once. */
        static ServedStage of(Stage stage, Deployment deployment) {
            Map<String, LambdaTarget> targets = new HashMap<>();
            deployment.integrations().forEach((id, integration) -> LambdaTarget
                    .parse(integration.integrationUri(), stage.stageVariables())
                    .ifPresent(target -> targets.put(id, target)));
            return new ServedStage(stage, RouteTable.of(deployment.routes().values()), deployment.integrations(),
                    Map.copyOf(targets));
        }

        /** The integration {@code route} targets, or empty. */
        Optional<Integration> integration(Route route) {
            String id = route.integrationId();
            return id == null ? Optional.empty() : Optional.ofNullable(integrations.get(id));
        }

        /** The function {@code integration} invokes in this stage, or empty when its URI names none. */
        Optional<LambdaTarget> target(Integration integration) {
            return Optional.ofNullable(targets.get(integration.integrationId()));
        }
    }

    /** Compiles {@code definition}'s stages. */
    static ServedApi of(ApiDefinition definition) {
        Map<String, ServedStage> stages = new HashMap<>();
        for (Stage stage : definition.stages().values()) {
            Deployment deployment = stage.deploymentId() == null ? null
                    : definition.deployments().get(stage.deploymentId());
            if (deployment != null) {
                stages.put(stage.stageName(), ServedStage.of(stage, deployment));
            }
        }
        return new ServedApi(definition, Map.copyOf(stages));
    }

    /**
     * The stage a request path selects, as API Gateway selects it: the stage its first segment names, else
     * {@code $default}; empty when neither serves a deployment.
     *
     * @return the stage and the path after it
     */
    Optional<Map.Entry<ServedStage, String>> stageFor(String path) {
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(1) : path.substring(1, end);
        if (!first.isEmpty() && !first.equals(Stage.DEFAULT)) {
            ServedStage named = stages.get(RouteTable.decode(first));
            if (named != null) {
                return Optional.of(Map.entry(named, end < 0 ? "/" : path.substring(end)));
            }
        }
        ServedStage root = stages.get(Stage.DEFAULT);
        return root == null ? Optional.empty() : Optional.of(Map.entry(root, path));
    }
}
