package dev.gust.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored configuration of one version of a function ({@code $LATEST} or a published version): everything
 * {@code GetFunctionConfiguration} reports except what is derived from the {@link Account}.
 *
 * <p>Immutable; change it with {@link #toBuilder()}. Field names follow the API model's members.
 */
public record FunctionConfiguration(
        String functionName,
        String version,
        String runtime,
        String role,
        String handler,
        String description,
        int timeout,
        int memorySize,
        int ephemeralStorageSize,
        Map<String, String> environment,
        List<String> architectures,
        CodePackage code,
        Instant lastModified,
        String revisionId,
        FunctionState state,
        String stateReason,
        String stateReasonCode,
        LastUpdateStatus lastUpdateStatus,
        String lastUpdateStatusReason,
        String lastUpdateStatusReasonCode,
        String tracingMode,
        String logFormat,
        String logGroup,
        String applicationLogLevel,
        String systemLogLevel,
        List<FunctionLayer> layers,
        String deadLetterTargetArn) {

    public static final String LATEST = "$LATEST";

    public FunctionConfiguration {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(version, "version");
        environment = Map.copyOf(environment);
        architectures = List.copyOf(architectures);
        layers = List.copyOf(layers);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String functionName;
        private String version = LATEST;
        private String runtime;
        private String role;
        private String handler;
        private String description = "";
        private int timeout = 3;
        private int memorySize = 128;
        private int ephemeralStorageSize = 512;
        private Map<String, String> environment = Map.of();
        private List<String> architectures = List.of("x86_64");
        private CodePackage code;
        private Instant lastModified;
        private String revisionId;
        private FunctionState state = FunctionState.Pending;
        private String stateReason;
        private String stateReasonCode;
        private LastUpdateStatus lastUpdateStatus;
        private String lastUpdateStatusReason;
        private String lastUpdateStatusReasonCode;
        private String tracingMode = "PassThrough";
        private String logFormat = "Text";
        private String logGroup;
        private String applicationLogLevel;
        private String systemLogLevel;
        private List<FunctionLayer> layers = List.of();
        private String deadLetterTargetArn;

        private Builder() {
        }

        private Builder(FunctionConfiguration c) {
            functionName = c.functionName;
            version = c.version;
            runtime = c.runtime;
            role = c.role;
            handler = c.handler;
            description = c.description;
            timeout = c.timeout;
            memorySize = c.memorySize;
            ephemeralStorageSize = c.ephemeralStorageSize;
            environment = c.environment;
            architectures = c.architectures;
            code = c.code;
            lastModified = c.lastModified;
            revisionId = c.revisionId;
            state = c.state;
            stateReason = c.stateReason;
            stateReasonCode = c.stateReasonCode;
            lastUpdateStatus = c.lastUpdateStatus;
            lastUpdateStatusReason = c.lastUpdateStatusReason;
            lastUpdateStatusReasonCode = c.lastUpdateStatusReasonCode;
            tracingMode = c.tracingMode;
            logFormat = c.logFormat;
            logGroup = c.logGroup;
            applicationLogLevel = c.applicationLogLevel;
            systemLogLevel = c.systemLogLevel;
            layers = c.layers;
            deadLetterTargetArn = c.deadLetterTargetArn;
        }

        public Builder functionName(String v) { functionName = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder runtime(String v) { runtime = v; return this; }
        public Builder role(String v) { role = v; return this; }
        public Builder handler(String v) { handler = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder timeout(int v) { timeout = v; return this; }
        public Builder memorySize(int v) { memorySize = v; return this; }
        public Builder ephemeralStorageSize(int v) { ephemeralStorageSize = v; return this; }
        public Builder environment(Map<String, String> v) { environment = v; return this; }
        public Builder architectures(List<String> v) { architectures = v; return this; }
        public Builder code(CodePackage v) { code = v; return this; }
        public Builder lastModified(Instant v) { lastModified = v; return this; }
        public Builder revisionId(String v) { revisionId = v; return this; }
        public Builder state(FunctionState v) { state = v; return this; }
        public Builder stateReason(String v) { stateReason = v; return this; }
        public Builder stateReasonCode(String v) { stateReasonCode = v; return this; }
        public Builder lastUpdateStatus(LastUpdateStatus v) { lastUpdateStatus = v; return this; }
        public Builder lastUpdateStatusReason(String v) { lastUpdateStatusReason = v; return this; }
        public Builder lastUpdateStatusReasonCode(String v) { lastUpdateStatusReasonCode = v; return this; }
        public Builder tracingMode(String v) { tracingMode = v; return this; }
        public Builder logFormat(String v) { logFormat = v; return this; }
        public Builder logGroup(String v) { logGroup = v; return this; }
        public Builder applicationLogLevel(String v) { applicationLogLevel = v; return this; }
        public Builder systemLogLevel(String v) { systemLogLevel = v; return this; }
        public Builder layers(List<FunctionLayer> v) { layers = v; return this; }
        public Builder deadLetterTargetArn(String v) { deadLetterTargetArn = v; return this; }

        public FunctionConfiguration build() {
            return new FunctionConfiguration(functionName, version, runtime, role, handler, description, timeout,
                    memorySize, ephemeralStorageSize, environment, architectures, code, lastModified, revisionId, state,
                    stateReason, stateReasonCode, lastUpdateStatus, lastUpdateStatusReason, lastUpdateStatusReasonCode,
                    tracingMode, logFormat, logGroup, applicationLogLevel, systemLogLevel, layers, deadLetterTargetArn);
        }
    }
}
