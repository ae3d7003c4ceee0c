package dev.gust.api.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.LambdaException;
import dev.gust.core.Runtimes;
import dev.gust.core.ValidationErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits Lambda puts on function settings, checked in AWS's order: model constraints first (one
 * {@code ValidationException} listing all of them), then service rules ({@code InvalidParameterValueException}).
 * Stateless and thread-safe.
 */
final class FunctionSettingsRules {

    static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
    private static final Set<String> TRACING_MODES = Set.of("Active", "PassThrough");
    private static final Set<String> LOG_FORMATS = Set.of("JSON", "Text");
    private static final int MAX_ENVIRONMENT_BYTES = 4096;
    /**
     * The variables Lambda sets in every instance and refuses in a function's configuration (Lambda's list of
     * reserved variables; {@code TZ}, listed there too, is not refused: no recording shows AWS refusing it).
     */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final int MAX_TIMEOUT_SECONDS = 900;
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

    private FunctionSettingsRules() {
    }

    /** The model constraints shared by CreateFunction and UpdateFunctionConfiguration. */
    static void checkModel(ValidationErrors errors, String role, String handler, String description, Integer timeout,
            Integer memorySize, WireTypes.EphemeralStorage ephemeralStorage, WireTypes.TracingConfig tracing,
            WireTypes.LoggingConfig logging) {
        if (role != null && !ROLE.matcher(role).matches()) {
            errors.add(role, "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
        }
        if (handler != null && !HANDLER.matcher(handler).matches()) {
            errors.add(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
        }
        errors.requireMaxLength(handler, "handler", 128)
                .requireMaxLength(description, "description", 256)
                .requireRange(timeout, "timeout", 1, MAX_TIMEOUT_SECONDS)
                .requireRange(memorySize, "memorySize", 128, 10240);
        if (ephemeralStorage != null) {
            errors.requireNotNull(ephemeralStorage.size(), "ephemeralStorage.size")
                    .requireRange(ephemeralStorage.size(), "ephemeralStorage.size", 512, 10240);
        }
        if (tracing != null && tracing.mode() != null && !TRACING_MODES.contains(tracing.mode())) {
            errors.add(tracing.mode(), "tracingConfig.mode", "Member must satisfy enum value set: [Active, PassThrough]");
        }
        if (logging != null && logging.logFormat() != null && !LOG_FORMATS.contains(logging.logFormat())) {
            errors.add(logging.logFormat(), "loggingConfig.logFormat", "Member must satisfy enum value set: [JSON, Text]");
        }
    }

    static void checkArchitectures(ValidationErrors errors, List<String> architectures) {
        if (architectures == null) {
            return;
        }
        String shown = "[" + String.join(", ", architectures) + "]";
        if (architectures.size() > 1) {
            errors.add(shown, "architectures", "Member must have length less than or equal to 1");
        } else if (architectures.isEmpty()) {
            errors.add(shown, "architectures", "Member must have length greater than or equal to 1");
        } else if (!ARCHITECTURES.contains(architectures.getFirst())) {
            errors.add(shown, "architectures", "Member must satisfy constraint: "
                    + "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
        }
    }

    /**
     * A role that the model's pattern accepts but that names no role (its last path segment is empty, as in
     * {@code role/path/}) cannot be assumed, so no instance could get its credentials: refused as AWS refuses a role
     * Lambda cannot assume. Applied only when a role is given.
     */
    static void checkAssumable(String role) {
        if (role != null && role.endsWith("/")) {
            throw LambdaException.invalidParameterValue("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    /** Service rules on the runtime, applied only when a runtime is given. */
    static void checkRuntime(String runtime) {
        if (runtime != null) {
            Runtimes.requireAccepted(runtime);
        }
    }

    /**
     * Lambda's 4 KB limit on the environment, measured on its JSON form, its key pattern, then its reserved keys, named
     * in the request's order.
     */
    static void checkEnvironment(Map<String, String> variables) {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        String measured;
        try {
            measured = PLAIN_JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_ENVIRONMENT_BYTES) {
            throw LambdaException.invalidParameterValue("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided exceeded the 4KB limit. String measured: "
                    + measured);
        }
        for (String key : variables.keySet()) {
            if (!key.matches("[a-zA-Z]([a-zA-Z0-9_])+")) {
                throw LambdaException.validation("1 validation error detected: Value at 'environment.variables' "
                        + "failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular "
                        + "expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
            }
        }
        List<String> reserved = variables.keySet().stream().filter(RESERVED_VARIABLES::contains).toList();
        if (!reserved.isEmpty()) {
            throw LambdaException.invalidParameterValue("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided contains reserved keys that are currently "
                    + "not supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
    }

    /** Tags: at most 50, keys 1-128 and values up to 256 characters. */
    static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            throw LambdaException.invalidParameterValue("Number of tags exceeds resource tag limit.");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getValue() == null
                    || tag.getValue().length() > 256 || tag.getKey().startsWith("aws:")) {
                throw LambdaException.invalidParameterValue("An error occurred and the request cannot be processed.");
            }
        }
    }
}
