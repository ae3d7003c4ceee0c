package dev.gust.apigateway.http;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stage of an HTTP API: a name in the invoke URL ({@code $default} is served at its root), the deployment it serves
 * and its stage variables. Immutable.
 *
 * @param stageName {@code StageName}
 * @param description {@code Description}, or {@code null}
 * @param autoDeploy whether every change to the API is deployed to it
 * @param deploymentId the deployment it serves, or {@code null} (then it serves nothing)
 * @param stageVariables {@code StageVariables}
 * @param createdDate when it was created
 * @param lastUpdatedDate when it last changed
 * @param tags {@code Tags}
 * @param apiGatewayManaged whether quick create made it
 */
public record Stage(String stageName, String description, boolean autoDeploy, String deploymentId,
        Map<String, String> stageVariables, Instant createdDate, Instant lastUpdatedDate, Map<String, String> tags,
        boolean apiGatewayManaged) {

    /** The stage served at the root of the API's URL. */
    public static final String DEFAULT = "$default";

    public Stage {
        Objects.requireNonNull(stageName, "stageName");
        stageVariables = stageVariables == null ? Map.of() : Map.copyOf(stageVariables);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** This stage serving {@code deployment}, changed at {@code now}. */
    Stage deployed(String deployment, Instant now) {
        return new Stage(stageName, description, autoDeploy, deployment, stageVariables, createdDate, now, tags,
                apiGatewayManaged);
    }
}
