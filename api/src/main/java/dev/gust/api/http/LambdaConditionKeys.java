package dev.gust.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.api.LambdaNamespaces;
import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.edge.ConditionKeys;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's own condition keys (Service Authorization Reference, "Actions, resources, and condition keys for AWS
 * Lambda") that Gust supplies, read from the request body: {@code lambda:Principal} for AddPermission,
 * {@code lambda:Layer} for CreateFunction and UpdateFunctionConfiguration, {@code lambda:FunctionUrlAuthType} for
 * Create and UpdateFunctionUrlConfig, and {@code lambda:FunctionArn} for Create and UpdateEventSourceMapping when the
 * body names the function. A body that is not JSON adds nothing (the
 * operation then refuses it with its own error). Stateless.
 */
public final class LambdaConditionKeys {

    private LambdaConditionKeys() {
    }

    /** {@code lambda:Principal}: the principal an AddPermission request would allow. */
    public static final ConditionKeys PRINCIPAL = (ctx, keys) -> {
        JsonNode principal = body(ctx).path("Principal");
        if (principal.isTextual()) {
            keys.key("lambda:Principal", principal.asText());
        }
    };

    /** {@code lambda:Layer}: the layer version ARNs a function would use. */
    public static final ConditionKeys LAYER = (ctx, keys) -> {
        JsonNode layers = body(ctx).path("Layers");
        if (layers.isArray()) {
            List<String> arns = new ArrayList<>();
            layers.forEach(layer -> {
                if (layer.isTextual()) {
                    arns.add(layer.asText());
                }
            });
            keys.key("lambda:Layer", arns);
        }
    };

    /** {@code lambda:FunctionUrlAuthType}: the auth type a Create or UpdateFunctionUrlConfig request sets. */
    public static final ConditionKeys FUNCTION_URL_AUTH_TYPE = (ctx, keys) -> {
        JsonNode authType = body(ctx).path("AuthType");
        if (authType.isTextual()) {
            keys.key("lambda:FunctionUrlAuthType", authType.asText());
        }
    };

    /**
     * {@code lambda:FunctionArn}: the function an event source mapping request names ({@code FunctionName}: a name,
     * partial or full ARN, with its qualifier), as its ARN in the request's namespace. A name that does not parse adds
     * nothing (the operation refuses it).
     */
    public static final ConditionKeys MAPPING_FUNCTION_ARN = (ctx, keys) -> {
        JsonNode name = body(ctx).path("FunctionName");
        if (name.isTextual()) {
            Account account = LambdaNamespaces.accountOf(ctx);
            try {
                FunctionReference function = FunctionReference.parse(name.asText(), account);
                keys.key("lambda:FunctionArn", function.qualifier()
                        .map(qualifier -> account.functionArn(function.name(), qualifier))
                        .orElseGet(() -> account.functionArn(function.name())));
            } catch (LambdaException invalidName) {
                // no key: the operation answers AWS's error for the name
            }
        }
    };

    private static JsonNode body(RoutingContext ctx) {
        try {
            return Json.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (IOException | RuntimeException notJson) {
            return Json.MAPPER.missingNode();
        }
    }
}
