package dev.gust.api.functions;

import java.util.List;
import java.util.Map;

/**
 * The request shapes of the function operations, as the API model names their members. Jackson maps
 * {@code zipFile} to {@code ZipFile} (base64-decoded) and so on. Absent members are {@code null}.
 */
final class WireTypes {

    private WireTypes() {
    }

    record FunctionCode(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri) {
    }

    record Environment(Map<String, String> variables) {
    }

    record EphemeralStorage(Integer size) {
    }

    record DeadLetterConfig(String targetArn) {
    }

    record TracingConfig(String mode) {
    }

    record LoggingConfig(String logFormat, String logGroup, String applicationLogLevel, String systemLogLevel) {
    }

    record CreateFunctionRequest(
            String functionName,
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Boolean publish,
            FunctionCode code,
            Environment environment,
            EphemeralStorage ephemeralStorage,
            List<String> architectures,
            String packageType,
            Map<String, String> tags,
            TracingConfig tracingConfig,
            LoggingConfig loggingConfig,
            List<String> layers,
            DeadLetterConfig deadLetterConfig) {
    }

    record UpdateFunctionConfigurationRequest(
            String runtime,
            String role,
            String handler,
            String description,
            Integer timeout,
            Integer memorySize,
            Environment environment,
            EphemeralStorage ephemeralStorage,
            TracingConfig tracingConfig,
            LoggingConfig loggingConfig,
            List<String> layers,
            DeadLetterConfig deadLetterConfig,
            String revisionId) {
    }

    record UpdateFunctionCodeRequest(
            byte[] zipFile,
            String s3Bucket,
            String s3Key,
            String s3ObjectVersion,
            String imageUri,
            Boolean publish,
            Boolean dryRun,
            String revisionId,
            List<String> architectures) {
    }

    record TagResourceRequest(Map<String, String> tags) {
    }

    record DestinationTarget(String destination) {
    }

    record DestinationConfigRequest(DestinationTarget onSuccess, DestinationTarget onFailure) {
    }

    /** The body of PutFunctionEventInvokeConfig and UpdateFunctionEventInvokeConfig. */
    record EventInvokeConfigRequest(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
            DestinationConfigRequest destinationConfig) {
    }

    record PublishVersionRequest(String codeSha256, String description, String revisionId, String publishTo) {
    }

    record AliasRoutingConfiguration(Map<String, Double> additionalVersionWeights) {
    }

    record CreateAliasRequest(String name, String functionVersion, String description,
            AliasRoutingConfiguration routingConfig) {
    }

    record UpdateAliasRequest(String functionVersion, String description, AliasRoutingConfiguration routingConfig,
            String revisionId) {
    }
}
