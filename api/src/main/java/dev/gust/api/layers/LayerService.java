package dev.gust.api.layers;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import dev.gust.core.LambdaException;
import dev.gust.core.LayerVersionArn;
import dev.gust.core.ValidationErrors;
import dev.gust.store.CodeStore;
import dev.gust.store.LayerPermission;
import dev.gust.store.LayerPolicy;
import dev.gust.store.LayerStore;
import dev.gust.store.LayerVersion;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The layer control plane: publishes, reads, lists and deletes layer versions and their permissions with Lambda's
 * rules, over a {@link LayerStore} and the {@link CodeStore} that also holds function code (the same zip checks).
 *
 * <p>Deleting a layer version removes it from the API only: functions that use it keep its content, as on AWS, and
 * its package is collected once no function references it either. Thread-safe.
 */
public final class LayerService {

    /** Lambda's limit on a directly uploaded package. */
    private static final int MAX_ZIPPED_BYTES = 52_428_800;
    private static final String NOT_FOUND = "The resource you requested does not exist.";
    private static final int MAX_ATTEMPTS = 16;

    private final Account account;
    private final LayerStore layers;
    private final CodeStore code;
    private final InstantSource clock;
    private final Runnable collectPackages;

    /**
     * @param collectPackages deletes the packages nothing references any more, under the function service's lock
     */
    public LayerService(Account account, LayerStore layers, CodeStore code, InstantSource clock,
            Runnable collectPackages) {
        this.account = account;
        this.layers = layers;
        this.code = code;
        this.clock = clock;
        this.collectPackages = collectPackages;
    }

    Account account() {
        return account;
    }

    /** PublishLayerVersion. */
    LayerVersion publish(String layerName, LayerWireTypes.PublishLayerVersionRequest request) {
        LayerAddress address = LayerAddress.parse(layerName, account);
        ValidationErrors errors = new ValidationErrors()
                .requireNotNull(request.content(), "content")
                .requireMaxLength(request.description(), "description", 256)
                .requireMaxLength(request.licenseInfo(), "licenseInfo", 512);
        checkRuntimes(errors, request.compatibleRuntimes());
        checkArchitectures(errors, request.compatibleArchitectures());
        errors.throwIfAny();
        String name = address.local().orElseThrow(() -> LambdaException.resourceNotFound(NOT_FOUND));
        CodePackage stored = code.store(requireZip(request.content()));
        return layers.publish(new LayerStore.Draft(name, request.description(), request.compatibleRuntimes(),
                request.compatibleArchitectures(), request.licenseInfo(), stored, clock.instant()));
    }

    /** GetLayerVersion. */
    LayerVersion get(String layerName, String versionNumber) {
        LayerAddress address = LayerAddress.parse(layerName, account);
        long version = LayerAddress.version(versionNumber);
        return address.local().flatMap(name -> layers.find(name, version))
                .orElseThrow(() -> LambdaException.resourceNotFound(NOT_FOUND));
    }

    /** GetLayerVersionByArn. */
    LayerVersion getByArn(String arn) {
        if (!LayerVersionArn.matchesModel(arn)) {
            throw LambdaException.validation("1 validation error detected: Value '" + arn + "' at 'arn' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: " + LayerVersionArn.PATTERN);
        }
        return LayerVersionArn.parse(arn).filter(parsed -> parsed.belongsTo(account))
                .flatMap(parsed -> layers.find(parsed.layerName(), parsed.version()))
                .orElseThrow(() -> LambdaException.resourceNotFound(NOT_FOUND));
    }

    /** A page of {@link #listLayers} or {@link #listVersions}, with the marker of the next page if there is one. */
    record Page(List<LayerVersion> versions, Optional<String> nextMarker) {
    }

    /** ListLayers: the newest matching version of each layer, in name order. */
    Page listLayers(String runtime, String architecture, String marker, int maxItems) {
        Predicate<LayerVersion> matches = filter(runtime, architecture);
        List<LayerVersion> latest = new ArrayList<>();
        for (LayerVersion newest : layers.latestVersions()) {
            if (marker != null && newest.layerName().compareTo(marker) <= 0) {
                continue;
            }
            (matches.test(newest) ? Optional.of(newest)
                    : layers.versions(newest.layerName()).stream().filter(matches).findFirst()).ifPresent(latest::add);
        }
        return page(latest, maxItems, LayerVersion::layerName);
    }

    /** ListLayerVersions: a layer's matching versions, newest first; empty for an unknown layer. */
    Page listVersions(String layerName, String runtime, String architecture, String marker, int maxItems) {
        Predicate<LayerVersion> matches = filter(runtime, architecture);
        long below = marker == null ? Long.MAX_VALUE : parseMarker(marker);
        List<LayerVersion> found = LayerAddress.parse(layerName, account).local().map(layers::versions)
                .orElse(List.of()).stream().filter(v -> v.version() < below).filter(matches).toList();
        return page(found, maxItems, v -> Long.toString(v.version()));
    }

    /** DeleteLayerVersion: idempotent, as on AWS. */
    void delete(String layerName, String versionNumber) {
        LayerAddress address = LayerAddress.parse(layerName, account);
        long version = LayerAddress.version(versionNumber);
        if (address.local().map(name -> layers.delete(name, version)).orElse(false)) {
            collectPackages.run();
        }
    }

    /** AddLayerVersionPermission: the added statement and the policy's new revision id. */
    record Added(LayerPermission statement, String revisionId, String layerVersionArn) {
    }

    Added addPermission(String layerName, String versionNumber, String revisionId,
            LayerWireTypes.AddLayerVersionPermissionRequest request) {
        LayerAddress address = LayerAddress.parse(layerName, account);
        long version = LayerAddress.version(versionNumber);
        ValidationErrors errors = new ValidationErrors();
        requirePattern(errors, request.statementId(), "statementId", "([a-zA-Z0-9-_]+)", 100);
        requirePattern(errors, request.action(), "action", "lambda:GetLayerVersion", 22);
        requirePattern(errors, request.principal(), "principal", "\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root",
                10_000);
        if (request.organizationId() != null) {
            requirePattern(errors, request.organizationId(), "organizationId", "o-[a-z0-9]{10,32}", 34);
        }
        errors.throwIfAny();
        LayerPermission permission = new LayerPermission(request.statementId(), request.action(), request.principal(),
                request.organizationId());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            LayerVersion current = requireVersion(address, version);
            Optional<LayerPolicy> policy = current.policy();
            checkRevision(policy, revisionId);
            if (policy.flatMap(p -> p.statement(permission.statementId())).isPresent()) {
                throw LambdaException.resourceConflict("The statement id (" + permission.statementId() + ") provided "
                        + "already exists. Please provide a new statement id, or remove the existing statement.");
            }
            List<LayerPermission> statements = new ArrayList<>(policy.map(LayerPolicy::statements).orElse(List.of()));
            statements.add(permission);
            LayerPolicy updated = new LayerPolicy(UUID.randomUUID().toString(), statements);
            if (replace(address, version, policy, Optional.of(updated))) {
                return new Added(permission, updated.revisionId(), arn(current));
            }
        }
        throw LambdaException.resourceConflict("The policy of " + account.layerVersionArn(address.name(), version)
                + " is being changed concurrently; try again.");
    }

    /** GetLayerVersionPolicy: the version and its policy. */
    LayerVersion policy(String layerName, String versionNumber) {
        LayerVersion current = requireVersion(LayerAddress.parse(layerName, account), LayerAddress.version(versionNumber));
        if (current.policy().isEmpty()) {
            throw LambdaException.resourceNotFound("No policy is associated with the given resource.");
        }
        return current;
    }

    /** RemoveLayerVersionPermission. */
    void removePermission(String layerName, String versionNumber, String statementId, String revisionId) {
        LayerAddress address = LayerAddress.parse(layerName, account);
        long version = LayerAddress.version(versionNumber);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<LayerPolicy> policy = requireVersion(address, version).policy();
            checkRevision(policy, revisionId);
            if (policy.flatMap(p -> p.statement(statementId)).isEmpty()) {
                throw LambdaException.resourceNotFound("Statement " + statementId + " is not found in resource policy.");
            }
            List<LayerPermission> remaining = policy.orElseThrow().statements().stream()
                    .filter(s -> !s.statementId().equals(statementId)).toList();
            Optional<LayerPolicy> updated = remaining.isEmpty() ? Optional.empty()
                    : Optional.of(new LayerPolicy(UUID.randomUUID().toString(), remaining));
            if (replace(address, version, policy, updated)) {
                return;
            }
        }
        throw LambdaException.resourceConflict("The policy of " + account.layerVersionArn(address.name(), version)
                + " is being changed concurrently; try again.");
    }

    /** The version's ARN. */
    String arn(LayerVersion version) {
        return account.layerVersionArn(version.layerName(), version.version());
    }

    private boolean replace(LayerAddress address, long version, Optional<LayerPolicy> read,
            Optional<LayerPolicy> updated) {
        return switch (layers.replacePolicy(address.name(), version, read.map(LayerPolicy::revisionId).orElse(null),
                updated)) {
            case REPLACED -> true;
            case NOT_FOUND -> throw versionNotFound(address, version);
            case REVISION_MISMATCH -> false; // changed concurrently: re-read and try again
        };
    }

    private LayerVersion requireVersion(LayerAddress address, long version) {
        return address.local().flatMap(name -> layers.find(name, version))
                .orElseThrow(() -> versionNotFound(address, version));
    }

    private LambdaException versionNotFound(LayerAddress address, long version) {
        return LambdaException.resourceNotFound("Layer version " + account.layerVersionArn(address.name(), version)
                + " does not exist.");
    }

    private static void checkRevision(Optional<LayerPolicy> policy, String revisionId) {
        if (revisionId != null && !revisionId.equals(policy.map(LayerPolicy::revisionId).orElse(null))) {
            throw LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetLayerPolicy API to retrieve the latest Revision Id");
        }
    }

    private static void requirePattern(ValidationErrors errors, String value, String member, String pattern, int max) {
        if (value == null) {
            errors.requireNotNull(null, member);
        } else if (value.length() > max) {
            errors.requireMaxLength(value, member, max);
        } else if (!value.matches(pattern)) {
            errors.add(value, member, "Member must satisfy regular expression pattern: " + pattern);
        }
    }

    private static void checkRuntimes(ValidationErrors errors, List<String> runtimes) {
        if (runtimes == null) {
            return;
        }
        if (runtimes.stream().anyMatch(r -> r == null || !LayerRuntimes.MODEL.contains(r))) {
            errors.add(runtimes, "compatibleRuntimes", "Member must satisfy enum value set: " + LayerRuntimes.PUBLISH_QUOTE);
        } else if (runtimes.size() > 15) {
            errors.add(runtimes, "compatibleRuntimes", "Member must have length less than or equal to 15");
        }
    }

    private static void checkArchitectures(ValidationErrors errors, List<String> architectures) {
        if (architectures == null) {
            return;
        }
        if (architectures.stream().anyMatch(a -> a == null || !LayerRuntimes.ARCHITECTURES.contains(a))) {
            errors.add(architectures, "compatibleArchitectures", "Member must satisfy constraint: [Member must satisfy "
                    + "enum value set: [x86_64, arm64], Member must not be null]");
        } else if (architectures.size() > 2) {
            errors.add(architectures, "compatibleArchitectures", "Member must have length less than or equal to 2");
        }
    }

    /** The filter of ListLayers and ListLayerVersions, validated. */
    private static Predicate<LayerVersion> filter(String runtime, String architecture) {
        ValidationErrors errors = new ValidationErrors();
        if (runtime != null && !LayerRuntimes.MODEL.contains(runtime)) {
            errors.add(runtime, "compatibleRuntime", "Member must satisfy enum value set: " + LayerRuntimes.LIST_QUOTE);
        }
        if (architecture != null && !LayerRuntimes.ARCHITECTURES.contains(architecture)) {
            errors.add(architecture, "compatibleArchitecture", "Member must satisfy enum value set: [x86_64, arm64]");
        }
        errors.throwIfAny();
        return v -> (runtime == null || v.compatibleRuntimes() != null && v.compatibleRuntimes().contains(runtime))
                && (architecture == null
                        || v.compatibleArchitectures() != null && v.compatibleArchitectures().contains(architecture));
    }

    private static Page page(List<LayerVersion> all, int maxItems, java.util.function.Function<LayerVersion, String> marker) {
        if (all.size() <= maxItems) {
            return new Page(all, Optional.empty());
        }
        List<LayerVersion> page = all.subList(0, maxItems);
        return new Page(List.copyOf(page), Optional.of(marker.apply(page.getLast())));
    }

    private static long parseMarker(String marker) {
        try {
            return Long.parseLong(marker);
        } catch (NumberFormatException e) {
            throw LambdaException.invalidParameterValue("Invalid pagination token: " + marker);
        }
    }

    private static byte[] requireZip(LayerWireTypes.LayerVersionContentInput content) {
        if (content.s3Bucket() != null || content.s3Key() != null) {
            throw LambdaException.invalidParameterValue("Layer content from S3Bucket/S3Key is not supported by Gust yet: "
                    + "upload it inline with ZipFile (AWS CLI: --zip-file fileb://layer.zip).");
        }
        if (content.zipFile() == null) {
            throw LambdaException.invalidParameterValue("Please provide a source for the layer content: ZipFile "
                    + "(AWS CLI: --zip-file fileb://layer.zip).");
        }
        if (content.zipFile().length > MAX_ZIPPED_BYTES) {
            throw LambdaException.requestTooLarge("Zipped size must be smaller than " + MAX_ZIPPED_BYTES + " bytes");
        }
        return content.zipFile();
    }
}
