package dev.gust.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionLayer;
import dev.gust.core.FunctionState;
import dev.gust.core.LastUpdateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON form of a {@link FunctionConfiguration} and of a tag map.
 *
 * <p>Written field by field rather than by reflection so that renaming a core field cannot silently change
 * what is on disk: the names here are a storage format, changed only together with a migration. Absent and
 * {@code null} members read back as {@code null}; {@link Instant}s are ISO-8601 strings with full precision. The
 * environment variables are sealed ({@code environmentSealed}, see {@link EnvironmentSeal}); a plaintext
 * {@code environment} member, as older servers wrote it, still reads (and {@link PlaintextEnvironments} seals it).
 * Thread-safe.
 */
final class ConfigurationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigurationJson() {
    }

    static String write(FunctionConfiguration c, EnvironmentSeal seal) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("functionName", c.functionName());
        n.put("version", c.version());
        n.put("runtime", c.runtime());
        n.put("role", c.role());
        n.put("handler", c.handler());
        n.put("description", c.description());
        n.put("timeout", c.timeout());
        n.put("memorySize", c.memorySize());
        n.put("ephemeralStorageSize", c.ephemeralStorageSize());
        n.put("environmentSealed", seal.seal(MAPPER.valueToTree(c.environment()).toString()));
        n.set("architectures", MAPPER.valueToTree(c.architectures()));
        if (c.code() != null) {
            writeCode(n.putObject("code"), c.code());
        }
        n.put("lastModified", c.lastModified() == null ? null : c.lastModified().toString());
        n.put("revisionId", c.revisionId());
        n.put("state", c.state() == null ? null : c.state().name());
        n.put("stateReason", c.stateReason());
        n.put("stateReasonCode", c.stateReasonCode());
        n.put("lastUpdateStatus", c.lastUpdateStatus() == null ? null : c.lastUpdateStatus().name());
        n.put("lastUpdateStatusReason", c.lastUpdateStatusReason());
        n.put("lastUpdateStatusReasonCode", c.lastUpdateStatusReasonCode());
        n.put("tracingMode", c.tracingMode());
        n.put("logFormat", c.logFormat());
        n.put("logGroup", c.logGroup());
        n.put("applicationLogLevel", c.applicationLogLevel());
        n.put("systemLogLevel", c.systemLogLevel());
        if (c.deadLetterTargetArn() != null) {
            n.put("deadLetterTargetArn", c.deadLetterTargetArn());
        }
        if (!c.layers().isEmpty()) {
            var layers = n.putArray("layers");
            c.layers().forEach(l -> writeCode(layers.addObject().put("arn", l.arn()).putObject("code"), l.code()));
        }
        return n.toString();
    }

    static FunctionConfiguration readConfiguration(String json, EnvironmentSeal seal) {
        JsonNode n = parse(json);
        String sealed = text(n, "environmentSealed");
        JsonNode environment = sealed == null ? n.path("environment") : parse(seal.open(sealed));
        JsonNode code = n.path("code");
        String lastModified = text(n, "lastModified");
        String state = text(n, "state");
        String lastUpdateStatus = text(n, "lastUpdateStatus");
        return FunctionConfiguration.builder()
                .functionName(text(n, "functionName"))
                .version(text(n, "version"))
                .runtime(text(n, "runtime"))
                .role(text(n, "role"))
                .handler(text(n, "handler"))
                .description(text(n, "description"))
                .timeout(n.path("timeout").asInt())
                .memorySize(n.path("memorySize").asInt())
                .ephemeralStorageSize(n.path("ephemeralStorageSize").asInt())
                .environment(stringMap(environment))
                .architectures(stringList(n.path("architectures")))
                .code(code.isObject() ? readCode(code) : null)
                .lastModified(lastModified == null ? null : Instant.parse(lastModified))
                .revisionId(text(n, "revisionId"))
                .state(state == null ? null : FunctionState.valueOf(state))
                .stateReason(text(n, "stateReason"))
                .stateReasonCode(text(n, "stateReasonCode"))
                .lastUpdateStatus(lastUpdateStatus == null ? null : LastUpdateStatus.valueOf(lastUpdateStatus))
                .lastUpdateStatusReason(text(n, "lastUpdateStatusReason"))
                .lastUpdateStatusReasonCode(text(n, "lastUpdateStatusReasonCode"))
                .tracingMode(text(n, "tracingMode"))
                .logFormat(text(n, "logFormat"))
                .logGroup(text(n, "logGroup"))
                .applicationLogLevel(text(n, "applicationLogLevel"))
                .systemLogLevel(text(n, "systemLogLevel"))
                .layers(layers(n.path("layers")))
                .deadLetterTargetArn(text(n, "deadLetterTargetArn"))
                .build();
    }

    private static void writeCode(ObjectNode node, CodePackage code) {
        node.put("sha256Hex", code.sha256Hex()).put("size", code.size()).put("unzippedSize", code.unzippedSize());
    }

    private static CodePackage readCode(JsonNode code) {
        return new CodePackage(text(code, "sha256Hex"), code.path("size").asLong(), code.path("unzippedSize").asLong());
    }

    private static List<FunctionLayer> layers(JsonNode n) {
        List<FunctionLayer> layers = new ArrayList<>();
        n.forEach(l -> layers.add(new FunctionLayer(text(l, "arn"), readCode(l.path("code")))));
        return layers;
    }

    static String writeTags(Map<String, String> tags) {
        return MAPPER.valueToTree(tags).toString();
    }

    static Map<String, String> readTags(String json) {
        return stringMap(parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored JSON is corrupt", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> map = new LinkedHashMap<>();
        n.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> stringList(JsonNode n) {
        List<String> list = new ArrayList<>();
        n.forEach(v -> list.add(v.asText()));
        return list;
    }
}
