package dev.gust.api.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaTimestamps;
import dev.gust.core.RuntimeAvailability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a {@link FunctionConfiguration} as Lambda's {@code FunctionConfiguration} JSON shape. Thread-safe.
 */
final class FunctionJson {

    private static final Map<String, String> RUNTIME_VERSIONS = new ConcurrentHashMap<>();

    private FunctionJson() {
    }

    /** The full shape, as Create/Get/Update responses carry it. */
    static ObjectNode configuration(FunctionConfiguration c, Account account, RuntimeAvailability runtimes,
            boolean qualifiedArn) {
        return configuration(c, account, runtimes, qualifiedArn ? account.functionArn(c.functionName(), c.version())
                : account.functionArn(c.functionName()));
    }

    /**
     * The full shape with the given {@code FunctionArn} (an alias's ARN when the function was named by alias). When
     * the runtime runs on an interpreter of another language version, {@code RuntimeVersionConfig.Error} says which.
     */
    static ObjectNode configuration(FunctionConfiguration c, Account account, RuntimeAvailability runtimes,
            String functionArn) {
        ObjectNode node = common(c, functionArn);
        node.put("State", c.state().name());
        putIfSet(node, "StateReason", c.stateReason());
        putIfSet(node, "StateReasonCode", c.stateReasonCode());
        if (c.lastUpdateStatus() != null) {
            node.put("LastUpdateStatus", c.lastUpdateStatus().name());
        }
        putIfSet(node, "LastUpdateStatusReason", c.lastUpdateStatusReason());
        putIfSet(node, "LastUpdateStatusReasonCode", c.lastUpdateStatusReasonCode());
        ObjectNode runtimeVersion = node.putObject("RuntimeVersionConfig").put("RuntimeVersionArn",
                account.runtimeVersionArn(RUNTIME_VERSIONS.computeIfAbsent(c.runtime(), FunctionJson::runtimeVersion)));
        if (c.runtime() != null) {
            runtimes.substitution(c.runtime()).ifPresent(note -> runtimeVersion.putObject("Error")
                    .put("ErrorCode", "InterpreterVersionMismatch").put("Message", note));
        }
        return node;
    }

    /** The shape ListFunctions items have: no State, LastUpdateStatus or RuntimeVersionConfig. */
    static ObjectNode listItem(FunctionConfiguration c, Account account) {
        return common(c, account.functionArn(c.functionName()));
    }

    /** The shape of ListVersionsByFunction items: a list item with the version's qualified ARN. */
    static ObjectNode versionItem(FunctionConfiguration c, Account account) {
        return common(c, account.functionArn(c.functionName(), c.version()));
    }

    private static ObjectNode common(FunctionConfiguration c, String functionArn) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("FunctionName", c.functionName());
        node.put("FunctionArn", functionArn);
        node.put("Runtime", c.runtime());
        node.put("Role", c.role());
        node.put("Handler", c.handler());
        node.put("CodeSize", c.code().size());
        node.put("Description", c.description());
        node.put("Timeout", c.timeout());
        node.put("MemorySize", c.memorySize());
        node.put("LastModified", LambdaTimestamps.lastModified(c.lastModified()));
        node.put("CodeSha256", c.code().codeSha256());
        node.put("Version", c.version());
        ObjectNode variables = node.putObject("Environment").putObject("Variables");
        c.environment().forEach(variables::put);
        node.putObject("TracingConfig").put("Mode", c.tracingMode());
        if (c.deadLetterTargetArn() != null) {
            node.putObject("DeadLetterConfig").put("TargetArn", c.deadLetterTargetArn());
        }
        if (!c.layers().isEmpty()) {
            var layers = node.putArray("Layers");
            c.layers().forEach(l -> layers.addObject().put("Arn", l.arn()).put("CodeSize", l.code().size()));
        }
        node.put("RevisionId", c.revisionId());
        node.put("PackageType", "Zip");
        node.putArray("Architectures").addAll(c.architectures().stream().map(node::textNode).toList());
        node.putObject("EphemeralStorage").put("Size", c.ephemeralStorageSize());
        node.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        ObjectNode logging = node.putObject("LoggingConfig");
        logging.put("LogFormat", c.logFormat());
        putIfSet(logging, "ApplicationLogLevel", c.applicationLogLevel());
        putIfSet(logging, "SystemLogLevel", c.systemLogLevel());
        logging.put("LogGroup", c.logGroup());
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** A stable 64-hex-digit runtime version id, shaped like AWS's, derived from the runtime id. */
    private static String runtimeVersion(String runtime) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("gust:" + runtime).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
