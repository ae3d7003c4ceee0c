package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionChanges;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.FunctionState;
import dev.gust.core.LambdaException;
import dev.gust.core.LastUpdateStatus;
import dev.gust.core.RuntimeAvailability;
import dev.gust.core.ValidationErrors;
import dev.gust.api.layers.FunctionLayers;
import dev.gust.core.FunctionLayer;
import dev.gust.store.CodeStore;
import dev.gust.store.EmbeddedStorage;
import dev.gust.store.LayerStore;
import dev.gust.store.FunctionPage;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The function control plane: creates, reads, updates and deletes functions with Lambda's rules, over a
 * {@link FunctionStore} and a {@link CodeStore}.
 *
 * <p>A function is prepared before the call returns (its package is stored and unpacked), so the stored
 * record is already {@code Active}/{@code Successful}; the response still reports {@code Pending} /
 * {@code InProgress} with a revision id that the stored one supersedes, as AWS's responses do.
 *
 * <p>Thread-safe. Operations that add or drop code packages hold one lock so that garbage collection of
 * packages never races with a function starting to reference one.
 */
public final class FunctionService {

    private static final String CREATING = "The function is being created.";
    private static final int MAX_CAS_ATTEMPTS = 16;
    /** Lambda's limit on a directly uploaded deployment package. */
    static final int MAX_ZIPPED_BYTES = 52_428_800;
    /** Lambda's limit on the unzipped size of a function and its layers. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;

    private final Account account;
    private final FunctionStore functions;
    private final CodeStore code;
    private final InstantSource clock;
    private final RuntimeAvailability runtimes;
    private final FunctionChanges changes;
    private final VersionStore versionStore;
    private final VersionService versions;
    private final AliasService aliases;
    private final FunctionTags tags;
    private final LayerStore layerStore;
    private final FunctionLayers layers;
    private final ReentrantLock packageLock = new ReentrantLock();
    private final ExecutionRoleCheck executionRoles;

    public FunctionService(Account account, FunctionStore functions, VersionStore versionStore, CodeStore code,
            InstantSource clock, RuntimeAvailability runtimes, FunctionChanges changes, LayerStore layerStore,
            ExecutionRoleCheck executionRoles) {
        this.account = account;
        this.executionRoles = executionRoles;
        this.functions = functions;
        this.versionStore = versionStore;
        this.code = code;
        this.clock = clock;
        this.runtimes = runtimes;
        this.changes = changes;
        this.versions = new VersionService(account, functions, versionStore, clock, runtimes);
        this.aliases = new AliasService(account, functions, versionStore, changes);
        this.tags = new FunctionTags(account, functions);
        this.layerStore = layerStore;
        this.layers = new FunctionLayers(account, layerStore);
    }

    /** TagResource, UntagResource and ListTags. */
    public FunctionTags tags() {
        return tags;
    }

    /** PublishVersion and ListVersionsByFunction. */
    public VersionService versions() {
        return versions;
    }

    /** The alias operations. */
    public AliasService aliases() {
        return aliases;
    }

    /**
     * Deletes the packages that no function (code or layers) and no layer version references, under the lock that
     * keeps a function from starting to reference one meanwhile.
     */
    public void collectUnusedPackages() {
        packageLock.lock();
        try {
            code.retainOnly(EmbeddedStorage.livePackages(functions, layerStore));
        } finally {
            packageLock.unlock();
        }
    }

    public Account account() {
        return account;
    }

    /** Which runtimes this server runs, and on which interpreters. */
    public RuntimeAvailability runtimes() {
        return runtimes;
    }

    public CodeStore codeStore() {
        return code;
    }

    /** CreateFunction: returns the configuration as the response reports it ({@code Pending}). */
    FunctionRecord create(WireTypes.CreateFunctionRequest request) {
        FunctionReference reference = FunctionReference.parseForCreate(request.functionName(), account);
        if (reference.qualifier().isPresent()) {
            throw LambdaException.validation("1 validation error detected: Value '" + request.functionName()
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)");
        }
        ValidationErrors errors = new ValidationErrors()
                .requireNotNull(request.role(), "role")
                .requireNotNull(request.code(), "code");
        FunctionSettingsRules.checkModel(errors, request.role(), request.handler(), request.description(),
                request.timeout(), request.memorySize(), request.ephemeralStorage(), request.tracingConfig(),
                request.loggingConfig());
        FunctionSettingsRules.checkArchitectures(errors, request.architectures());
        DeadLetterRules.checkModel(errors, request.deadLetterConfig());
        if (request.packageType() != null && !request.packageType().equals("Zip") && !request.packageType().equals("Image")) {
            errors.add(request.packageType(), "packageType", "Member must satisfy enum value set: [Zip, Image]");
        }
        errors.throwIfAny();
        if ("Image".equals(request.packageType())) {
            throw LambdaException.invalidParameterValue(
                    "PackageType Image is not supported by Gust yet: deploy a .zip package with PackageType Zip.");
        }
        if (request.runtime() == null || request.handler() == null) {
            throw LambdaException.invalidParameterValue(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        FunctionSettingsRules.checkRuntime(request.runtime());
        FunctionSettingsRules.checkAssumable(request.role());
        runtimes.requireAvailable(request.runtime());
        FunctionSettingsRules.checkEnvironment(variables(request.environment()));
        FunctionSettingsRules.checkTags(request.tags());
        String deadLetterTarget = DeadLetterRules.target(request.deadLetterConfig(), account);
        byte[] zip = requireZip(request.code().zipFile(), request.code().s3Bucket(), request.code().imageUri());
        String name = reference.name();

        packageLock.lock();
        try {
            List<FunctionLayer> functionLayers = layers.resolve(request.layers()).orElse(List.of());
            if (functions.find(name).isPresent()) {
                throw LambdaException.resourceConflict("Function already exist: " + name);
            }
            executionRoles.require(account.accountId(), request.role());
            CodePackage stored = code.store(zip);
            checkUnzippedSize(stored, functionLayers);
            FunctionConfiguration.Builder builder = FunctionConfiguration.builder()
                    .functionName(name)
                    .runtime(request.runtime())
                    .role(request.role())
                    .handler(request.handler())
                    .description(request.description() == null ? "" : request.description())
                    .environment(variables(request.environment()))
                    .code(stored)
                    .layers(functionLayers)
                    .lastModified(clock.instant())
                    .logGroup("/aws/lambda/" + name);
            if (request.timeout() != null) builder.timeout(request.timeout());
            if (request.memorySize() != null) builder.memorySize(request.memorySize());
            if (request.ephemeralStorage() != null) builder.ephemeralStorageSize(request.ephemeralStorage().size());
            if (request.architectures() != null) builder.architectures(request.architectures());
            if (request.tracingConfig() != null && request.tracingConfig().mode() != null) {
                builder.tracingMode(request.tracingConfig().mode());
            }
            applyLogging(builder, request.loggingConfig());
            if (deadLetterTarget != null && !deadLetterTarget.isEmpty()) {
                builder.deadLetterTargetArn(deadLetterTarget);
            }
            FunctionConfiguration pending = builder.state(FunctionState.Pending).stateReason(CREATING)
                    .stateReasonCode("Creating").revisionId(newRevisionId()).build();
            FunctionConfiguration active = pending.toBuilder().state(FunctionState.Active).stateReason(null)
                    .stateReasonCode(null).lastUpdateStatus(LastUpdateStatus.Successful).revisionId(newRevisionId())
                    .build();
            Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
            if (!functions.create(new FunctionRecord(active, tags))) {
                throw LambdaException.resourceConflict("Function already exist: " + name);
            }
            if (Boolean.TRUE.equals(request.publish())) {
                // as AWS answers it: $LATEST's ARN, the published version's number
                pending = pending.toBuilder().version(versions.publishCreated(active).version()).build();
            }
            return new FunctionRecord(pending, tags);
        } finally {
            packageLock.unlock();
        }
    }

    /**
     * What GetFunction and GetFunctionConfiguration report on a function, as the caller named it.
     *
     * @param function the configuration of the version named (an alias's {@code FunctionVersion}), and the tags
     * @param qualifier the qualifier the caller gave, which qualifies the reported {@code FunctionArn}
     */
    record QualifiedFunction(FunctionRecord function, Optional<String> qualifier) {
    }

    /** GetFunction / GetFunctionConfiguration of {@code $LATEST}, a published version or an alias. */
    QualifiedFunction get(String functionName, String queryQualifier) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        Optional<String> qualifier = reference.effectiveQualifier(queryQualifier);
        FunctionRecord latest = require(reference.name(), qualifier);
        if (qualifier.isEmpty()) {
            return new QualifiedFunction(latest, qualifier);
        }
        FunctionConfiguration named = versions.find(latest, qualifier.get()).orElseThrow(() ->
                LambdaException.functionNotFound(account.functionArn(reference.name(), qualifier.get())));
        return new QualifiedFunction(new FunctionRecord(named, latest.tags()), qualifier);
    }

    /** ListFunctions: one page in name order. */
    FunctionPage list(String marker, int maxItems) {
        return functions.list(marker, maxItems);
    }

    /** UpdateFunctionConfiguration: merges the given settings into {@code $LATEST}. */
    FunctionRecord updateConfiguration(String functionName, WireTypes.UpdateFunctionConfigurationRequest request) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        requireUnqualified(reference);
        ValidationErrors errors = new ValidationErrors();
        FunctionSettingsRules.checkModel(errors, request.role(), request.handler(), request.description(),
                request.timeout(), request.memorySize(), request.ephemeralStorage(), request.tracingConfig(),
                request.loggingConfig());
        DeadLetterRules.checkModel(errors, request.deadLetterConfig());
        errors.throwIfAny();
        FunctionSettingsRules.checkRuntime(request.runtime());
        FunctionSettingsRules.checkAssumable(request.role());
        if (request.runtime() != null) {
            runtimes.requireAvailable(request.runtime());
        }
        if (request.environment() != null) {
            FunctionSettingsRules.checkEnvironment(variables(request.environment()));
        }
        String deadLetterTarget = DeadLetterRules.target(request.deadLetterConfig(), account);
        if (request.role() != null) {
            require(reference.name(), Optional.empty()); // a missing function must not leave a dev-mode role behind
            executionRoles.require(account.accountId(), request.role());
        }
        packageLock.lock(); // the layers' packages must not be collected before the function references them
        try {
            return updateConfiguration(reference.name(), request, layers.resolve(request.layers()), deadLetterTarget);
        } finally {
            packageLock.unlock();
        }
    }

    /** @param deadLetterTarget the new dead-letter target, {@code ""} to clear it, {@code null} to keep it */
    private FunctionRecord updateConfiguration(String name, WireTypes.UpdateFunctionConfigurationRequest request,
            Optional<List<FunctionLayer>> functionLayers, String deadLetterTarget) {
        return update(name, request.revisionId(), builder -> {
            functionLayers.ifPresent(resolved -> {
                checkUnzippedSize(builder.build().code(), resolved);
                builder.layers(resolved);
            });
            if (request.runtime() != null) builder.runtime(request.runtime());
            if (request.role() != null) builder.role(request.role());
            if (request.handler() != null) builder.handler(request.handler());
            if (request.description() != null) builder.description(request.description());
            if (request.timeout() != null) builder.timeout(request.timeout());
            if (request.memorySize() != null) builder.memorySize(request.memorySize());
            if (request.environment() != null) builder.environment(variables(request.environment()));
            if (request.ephemeralStorage() != null) builder.ephemeralStorageSize(request.ephemeralStorage().size());
            if (request.tracingConfig() != null && request.tracingConfig().mode() != null) {
                builder.tracingMode(request.tracingConfig().mode());
            }
            applyLogging(builder, request.loggingConfig());
            if (deadLetterTarget != null) {
                builder.deadLetterTargetArn(deadLetterTarget.isEmpty() ? null : deadLetterTarget);
            }
            return builder;
        });
    }

    /**
     * UpdateFunctionCode: stores the new package and points {@code $LATEST} at it; with {@code Publish} returns
     * the version published from it, as AWS reports a version being created.
     */
    FunctionRecord updateCode(String functionName, WireTypes.UpdateFunctionCodeRequest request) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        requireUnqualified(reference);
        ValidationErrors errors = new ValidationErrors();
        FunctionSettingsRules.checkArchitectures(errors, request.architectures());
        errors.throwIfAny();
        byte[] zip = requireZip(request.zipFile(), request.s3Bucket(), request.imageUri());
        if (Boolean.TRUE.equals(request.dryRun())) {
            FunctionRecord current = require(reference.name(), Optional.empty());
            checkRevision(current, request.revisionId());
            CodePackage probe = code.store(zip);
            return new FunctionRecord(current.configuration().toBuilder().code(probe).build(), current.tags());
        }
        packageLock.lock();
        try {
            CodePackage stored = code.store(zip);
            FunctionRecord result = update(reference.name(), request.revisionId(), builder -> {
                checkUnzippedSize(stored, builder.build().layers());
                builder.code(stored);
                if (request.architectures() != null) builder.architectures(request.architectures());
                return builder;
            });
            collectUnusedPackages();
            if (Boolean.TRUE.equals(request.publish())) {
                return new FunctionRecord(versions.publishLatest(reference.name()).toBuilder()
                        .state(FunctionState.Pending).stateReason(CREATING).stateReasonCode("Creating")
                        .lastUpdateStatus(null).build(), result.tags());
            }
            return result;
        } finally {
            packageLock.unlock();
        }
    }

    /** DeleteFunction: the whole function, or with a version number as qualifier that version. */
    void delete(String functionName, String queryQualifier) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        Optional<String> qualifier = reference.effectiveQualifier(queryQualifier);
        if (qualifier.isPresent() && qualifier.get().equals(FunctionConfiguration.LATEST)) {
            throw LambdaException.invalidParameterValue("$LATEST version cannot be deleted without deleting the function.");
        }
        if (qualifier.isPresent()) {
            deleteVersion(reference.name(), qualifier.get());
            return;
        }
        packageLock.lock();
        try {
            if (!functions.delete(reference.name())) {
                throw LambdaException.functionNotFound(account.functionArn(reference.name()));
            }
            changes.changed(reference.name());
            changes.deleted(reference.name());
            collectUnusedPackages();
        } finally {
            packageLock.unlock();
        }
    }

    /**
     * Deletes one published version unless an alias routes to it. Deleting a version that does not exist
     * succeeds, as in Lambda.
     */
    private void deleteVersion(String name, String version) {
        if (!QualifierRules.isNumber(version)) {
            throw LambdaException.invalidParameterValue("Deletion of aliases is not currently supported.");
        }
        packageLock.lock();
        try {
            require(name, Optional.empty());
            VersionStore.VersionDeletion deletion = versionStore.deleteVersion(name, version);
            if (!deletion.referencingAliases().isEmpty()) {
                throw LambdaException.resourceConflict("Unable to delete version because the following aliases "
                        + "reference it: " + deletion.referencingAliases());
            }
            if (deletion.deleted()) {
                changes.versionDeleted(name, version);
                collectUnusedPackages();
            }
        } finally {
            packageLock.unlock();
        }
    }

    /** The number of functions and the bytes their packages take, for GetAccountSettings. */
    int functionCount() {
        return functions.count();
    }

    private FunctionRecord update(String name, String expectedRevision,
            UnaryOperator<FunctionConfiguration.Builder> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            FunctionRecord current = require(name, Optional.empty());
            checkRevision(current, expectedRevision);
            FunctionConfiguration.Builder builder = change.apply(current.configuration().toBuilder())
                    .lastModified(clock.instant());
            FunctionConfiguration inProgress = builder.lastUpdateStatus(LastUpdateStatus.InProgress)
                    .lastUpdateStatusReason(CREATING).lastUpdateStatusReasonCode("Creating")
                    .revisionId(newRevisionId()).build();
            FunctionConfiguration done = inProgress.toBuilder().lastUpdateStatus(LastUpdateStatus.Successful)
                    .lastUpdateStatusReason(null).lastUpdateStatusReasonCode(null).revisionId(newRevisionId()).build();
            switch (functions.replace(new FunctionRecord(done, current.tags()), current.revisionId())) {
                case REPLACED -> {
                    changes.changed(name);
                    return new FunctionRecord(inProgress, current.tags());
                }
                case NOT_FOUND -> throw LambdaException.functionNotFound(account.functionArn(name));
                case REVISION_MISMATCH -> {
                    // a concurrent update won; re-read and apply this change on top of it
                }
            }
        }
        throw LambdaException.updateInProgress(account.functionArn(name));
    }

    private FunctionRecord require(String name, Optional<String> qualifier) {
        return functions.find(name).orElseThrow(() -> LambdaException.functionNotFound(
                qualifier.map(q -> account.functionArn(name, q)).orElseGet(() -> account.functionArn(name))));
    }

    private static void requireUnqualified(FunctionReference reference) {
        if (reference.qualifier().isPresent()) {
            throw LambdaException.invalidParameterValue("This operation is permitted on Lambda functions only. "
                    + "Aliases and versions do not support this operation. Please specify either a function name or an "
                    + "unqualified function ARN.");
        }
    }

    private static void checkRevision(FunctionRecord current, String expectedRevision) {
        if (expectedRevision != null && !expectedRevision.equals(current.revisionId())) {
            throw LambdaException.revisionIdMismatch();
        }
    }

    private static byte[] requireZip(byte[] zip, String s3Bucket, String imageUri) {
        if (imageUri != null) {
            throw LambdaException.invalidParameterValue("Please don't provide ImageUri when updating a function with "
                    + "packageType Zip.");
        }
        if (s3Bucket != null) {
            throw LambdaException.invalidParameterValue("Code from S3Bucket/S3Key is not supported by Gust yet: upload "
                    + "the package inline with ZipFile (AWS CLI: --zip-file fileb://function.zip).");
        }
        if (zip == null) {
            throw LambdaException.invalidParameterValue("Please provide a source for function code: ZipFile "
                    + "(AWS CLI: --zip-file fileb://function.zip).");
        }
        if (zip.length > MAX_ZIPPED_BYTES) {
            throw LambdaException.requestTooLarge("Zipped size must be smaller than " + MAX_ZIPPED_BYTES + " bytes");
        }
        return zip;
    }

    /** Lambda's limit on the unzipped size of a function's code and all its layers together. */
    private static void checkUnzippedSize(CodePackage functionCode, List<FunctionLayer> functionLayers) {
        long total = functionCode.unzippedSize() + functionLayers.stream().mapToLong(l -> l.code().unzippedSize()).sum();
        if (total > MAX_UNZIPPED_BYTES) {
            throw LambdaException.invalidParameterValue("Function code combined with layers exceeds the maximum allowed "
                    + "size of " + MAX_UNZIPPED_BYTES + " bytes. The actual size is " + total + " bytes.");
        }
    }

    private static Map<String, String> variables(WireTypes.Environment environment) {
        return environment == null || environment.variables() == null ? Map.of() : environment.variables();
    }

    private static void applyLogging(FunctionConfiguration.Builder builder, WireTypes.LoggingConfig logging) {
        if (logging == null) {
            return;
        }
        if (logging.logFormat() != null) builder.logFormat(logging.logFormat());
        if (logging.logGroup() != null) builder.logGroup(logging.logGroup());
        if (logging.applicationLogLevel() != null) builder.applicationLogLevel(logging.applicationLogLevel());
        if (logging.systemLogLevel() != null) builder.systemLogLevel(logging.systemLogLevel());
    }

    private static String newRevisionId() {
        return UUID.randomUUID().toString();
    }
}
