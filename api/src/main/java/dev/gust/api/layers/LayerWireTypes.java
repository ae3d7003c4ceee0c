package dev.gust.api.layers;

import java.util.List;

/** The request shapes of the layer operations, as the API model names their members. Absent members are null. */
final class LayerWireTypes {

    private LayerWireTypes() {
    }

    record LayerVersionContentInput(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion) {
    }

    record PublishLayerVersionRequest(
            String description,
            LayerVersionContentInput content,
            List<String> compatibleRuntimes,
            List<String> compatibleArchitectures,
            String licenseInfo) {
    }

    record AddLayerVersionPermissionRequest(String statementId, String action, String principal, String organizationId) {
    }
}
