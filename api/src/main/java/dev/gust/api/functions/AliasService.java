package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionChanges;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.core.VersionWeight;
import dev.gust.store.AliasPage;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Function aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases, with Lambda's validation
 * and errors. Every change is reported to {@link FunctionChanges#aliasChanged} once durable, so that invocations
 * route by the new alias.
 *
 * <p>Thread-safe; calls block on storage, so run them on worker threads.
 */
public final class AliasService {

    static final String NAME_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    static final String VERSION_PATTERN = "(\\$LATEST(\\.PUBLISHED)?|[0-9]+)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern VERSION = Pattern.compile(VERSION_PATTERN);
    private static final Pattern ADDITIONAL_VERSION = Pattern.compile("[0-9]+");

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final FunctionChanges changes;

    AliasService(Account account, FunctionStore functions, VersionStore versions, FunctionChanges changes) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.changes = changes;
    }

    Account account() {
        return account;
    }

    /** CreateAlias. */
    Alias create(String functionName, WireTypes.CreateAliasRequest request) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        ValidationErrors errors = new ValidationErrors().requireNotNull(request.name(), "name")
                .requireNotNull(request.functionVersion(), "functionVersion");
        checkModel(errors, request.name(), request.functionVersion(), request.description(), request.routingConfig());
        errors.throwIfAny();
        String name = reference.name();
        Optional<VersionWeight> routing = routing(request.routingConfig());
        checkRouting(request.functionVersion(), routing);
        if (functions.find(name).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name, request.functionVersion()));
        }
        Alias alias = new Alias(name, request.name(), request.functionVersion(),
                request.description() == null ? "" : request.description(), routing, VersionService.newRevisionId());
        requireVersions(alias);
        switch (versions.createAlias(alias)) {
            case WRITTEN -> {
                changes.aliasChanged(name, alias.name());
                return alias;
            }
            case ALREADY_EXISTS -> throw LambdaException.resourceConflict("Alias already exists: " + arn(alias));
            case NOT_FOUND -> throw LambdaException.functionNotFound(account.functionArn(name, alias.functionVersion()));
            default -> throw versionRaced(alias);
        }
    }

    /** GetAlias. */
    Alias get(String functionName, String aliasName) {
        String name = existingFunction(functionName, aliasName);
        return versions.findAlias(name, aliasName).orElseThrow(() -> LambdaException.resourceNotFound(
                "Cannot find alias arn: " + account.functionArn(name, aliasName)));
    }

    /** UpdateAlias: changes what the request names and keeps the rest; a new revision id either way. */
    Alias update(String functionName, String aliasName, WireTypes.UpdateAliasRequest request) {
        ValidationErrors errors = new ValidationErrors();
        checkModel(errors, aliasName, request.functionVersion(), request.description(), request.routingConfig());
        errors.throwIfAny();
        String name = existingFunction(functionName, aliasName);
        Alias current = versions.findAlias(name, aliasName).orElseThrow(() -> aliasNotFound(name, aliasName));
        if (request.revisionId() != null && !request.revisionId().equals(current.revisionId())) {
            throw LambdaException.revisionIdMismatch();
        }
        String version = request.functionVersion() != null ? request.functionVersion() : current.functionVersion();
        Optional<VersionWeight> routing = request.routingConfig() != null ? routing(request.routingConfig())
                : current.additionalVersion();
        checkRouting(version, routing);
        Alias updated = new Alias(name, aliasName, version,
                request.description() != null ? request.description() : current.description(), routing,
                VersionService.newRevisionId());
        requireVersions(updated);
        switch (versions.replaceAlias(updated, current.revisionId())) {
            case WRITTEN -> {
                changes.aliasChanged(name, aliasName);
                return updated;
            }
            case NOT_FOUND -> throw aliasNotFound(name, aliasName);
            case REVISION_MISMATCH -> throw LambdaException.revisionIdMismatch();
            default -> throw versionRaced(updated);
        }
    }

    /** DeleteAlias: deleting an alias that does not exist succeeds, as in Lambda. */
    void delete(String functionName, String aliasName) {
        String name = existingFunction(functionName, aliasName);
        if (versions.deleteAlias(name, aliasName)) {
            changes.aliasChanged(name, aliasName);
        }
    }

    /** ListAliases. */
    AliasPage list(String functionName, String functionVersion, String marker, int maxItems) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        if (functionVersion != null) {
            ValidationErrors errors = new ValidationErrors().requireMaxLength(functionVersion, "functionVersion", 1024);
            requirePattern(errors, functionVersion, "functionVersion", VERSION, VERSION_PATTERN);
            errors.throwIfAny();
        }
        if (functions.find(reference.name()).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(reference.name()));
        }
        return versions.listAliases(reference.name(), functionVersion, marker, maxItems);
    }

    /** The alias's ARN, as {@code AliasArn} shows it. */
    String arn(Alias alias) {
        return account.functionArn(alias.functionName(), alias.name());
    }

    private String existingFunction(String functionName, String aliasName) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        ValidationErrors errors = new ValidationErrors().requireMaxLength(aliasName, "name", 128);
        requirePattern(errors, aliasName, "name", NAME, NAME_PATTERN);
        errors.throwIfAny();
        if (functions.find(reference.name()).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(reference.name()));
        }
        return reference.name();
    }

    private static void checkModel(ValidationErrors errors, String aliasName, String functionVersion,
            String description, WireTypes.AliasRoutingConfiguration routingConfig) {
        errors.requireMaxLength(aliasName, "name", 128);
        requirePattern(errors, aliasName, "name", NAME, NAME_PATTERN);
        errors.requireMaxLength(functionVersion, "functionVersion", 1024);
        requirePattern(errors, functionVersion, "functionVersion", VERSION, VERSION_PATTERN);
        errors.requireMaxLength(description, "description", 256);
        Map<String, Double> weights = routingConfig == null ? null : routingConfig.additionalVersionWeights();
        if (weights == null) {
            return;
        }
        if (weights.keySet().stream().anyMatch(key -> key.isEmpty() || key.length() > 1024
                || !ADDITIONAL_VERSION.matcher(key).matches())) {
            errors.add(weights, "routingConfig.additionalVersionWeights", "Map keys must satisfy constraint: "
                    + "[Member must have length less than or equal to 1024, Member must have length greater than or "
                    + "equal to 1, Member must satisfy regular expression pattern: [0-9]+]");
        }
        if (weights.values().stream().anyMatch(weight -> weight == null || weight < 0.0 || weight > 1.0)) {
            errors.add(weights, "routingConfig.additionalVersionWeights", "Map value must satisfy constraint: "
                    + "[Member must have value less than or equal to 1.0, Member must have value greater than or "
                    + "equal to 0.0, Member must not be null]");
        }
    }

    private static void requirePattern(ValidationErrors errors, String value, String member, Pattern pattern,
            String patternText) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(value, member, "Member must satisfy regular expression pattern: " + patternText);
        }
    }

    private static Optional<VersionWeight> routing(WireTypes.AliasRoutingConfiguration routingConfig) {
        Map<String, Double> weights = routingConfig == null ? null : routingConfig.additionalVersionWeights();
        if (weights == null || weights.isEmpty()) {
            return Optional.empty();
        }
        if (weights.size() > 1) {
            throw LambdaException.invalidParameterValue("Number of items in AdditionalVersionWeights cannot be greater "
                    + "than 1");
        }
        Map.Entry<String, Double> only = weights.entrySet().iterator().next();
        return Optional.of(new VersionWeight(only.getKey(), only.getValue()));
    }

    /** The rules that relate the alias's two versions. */
    private static void checkRouting(String functionVersion, Optional<VersionWeight> routing) {
        if (functionVersion.equals(FunctionConfiguration.LATEST + ".PUBLISHED")) {
            throw LambdaException.invalidParameterValue("$LATEST.PUBLISHED is not supported by Gust.");
        }
        if (routing.isEmpty()) {
            return;
        }
        if (functionVersion.equals(FunctionConfiguration.LATEST)) {
            throw LambdaException.invalidParameterValue("$LATEST is not supported for an alias pointing to more than 1 "
                    + "version");
        }
        String additional = routing.get().version();
        if (additional.equals(functionVersion)) {
            throw LambdaException.invalidParameterValue("Invalid function version " + functionVersion
                    + ". Function version " + functionVersion + " is already included in routing configuration.");
        }
    }

    /** Each version the alias routes to must exist: ResourceNotFoundException naming the first that does not. */
    private void requireVersions(Alias alias) {
        requireVersion(alias.functionName(), alias.functionVersion());
        alias.additionalVersion().ifPresent(v -> requireVersion(alias.functionName(), v.version()));
    }

    private void requireVersion(String name, String version) {
        if (!version.equals(FunctionConfiguration.LATEST) && versions.findVersion(name, version).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name, version));
        }
    }

    /** A version was deleted between the check and the write. */
    private LambdaException versionRaced(Alias alias) {
        requireVersions(alias);
        return LambdaException.resourceConflict("The operation cannot be performed at this time. The versions of "
                + arn(alias) + " changed; try again.");
    }

    private LambdaException aliasNotFound(String name, String aliasName) {
        return LambdaException.resourceNotFound("Alias not found: " + account.functionArn(name, aliasName));
    }
}
