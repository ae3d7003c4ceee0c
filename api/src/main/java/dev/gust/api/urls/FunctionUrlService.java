package dev.gust.api.urls;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.core.urls.FunctionUrlChanges;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.core.urls.UrlCors;
import dev.gust.store.FunctionStore;
import dev.gust.store.FunctionUrlStore;
import dev.gust.store.StoreException;
import dev.gust.store.VersionStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The function URLs of one namespace ({@code *FunctionUrlConfig}), with Lambda's validation and errors: one URL per
 * function ({@code $LATEST}, created without a qualifier) and one per alias; a version number (and an explicit
 * {@code $LATEST}) is refused as AWS refuses it. Every durable change is told to the data plane
 * ({@link FunctionUrlChanges}). Deleting a function deletes its URLs ({@link #functionDeleted}); deleting an alias
 * keeps its URL, as AWS does (the URL then answers 403 until the alias exists again with a permission).
 *
 * <p>Thread-safe; calls block on storage, so run them on worker threads.
 */
public final class FunctionUrlService {

    /** The model's pattern of {@code FunctionName} for these operations, as AWS reports it. */
    static final String FUNCTION_NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?"
            + "((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]{1,64})"
            + "(:((?!\\d+$)[0-9a-zA-Z-_]+))?";
    /** The model's pattern of {@code Qualifier}: an alias name, never a version number nor {@code $LATEST}. */
    static final String QUALIFIER_PATTERN = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    private static final Pattern FUNCTION_NAME = Pattern.compile(FUNCTION_NAME_PATTERN);
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
    private static final List<String> AUTH_TYPES = List.of(FunctionUrlConfig.AUTH_IAM, FunctionUrlConfig.AUTH_NONE);
    private static final List<String> INVOKE_MODES = List.of(FunctionUrlConfig.RESPONSE_STREAM,
            FunctionUrlConfig.BUFFERED);
    private static final String NO_FUNCTION = "Function does not exist";
    private static final String NO_RESOURCE = "The resource you requested does not exist.";
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_ATTEMPTS = 8;

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final FunctionUrlStore urls;
    private final InstantSource clock;
    private final FunctionUrlChanges changes;
    private final SecureRandom random = new SecureRandom();

    public FunctionUrlService(Account account, FunctionStore functions, VersionStore versions, FunctionUrlStore urls,
            InstantSource clock, FunctionUrlChanges changes) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.urls = urls;
        this.clock = clock;
        this.changes = changes;
    }

    /** The namespace's account and region. */
    public Account account() {
        return account;
    }

    /** CreateFunctionUrlConfig. */
    FunctionUrlConfig create(String functionName, String queryQualifier, UrlWireTypes.UrlConfigRequest request) {
        Target target = target(functionName, queryQualifier);
        ValidationErrors errors = new ValidationErrors().requireNotNull(request.authType(), "authType");
        validateSettings(errors, request);
        errors.throwIfAny();
        requireExists(target, NO_FUNCTION);
        var now = now();
        for (int attempt = 1; ; attempt++) {
            FunctionUrlConfig config = new FunctionUrlConfig(account, target.name(), target.qualifier(), newId(),
                    request.authType(), cors(request.cors()), request.invokeMode(), now, now);
            try {
                if (!urls.create(config)) {
                    throw LambdaException.resourceConflict("Failed to create function url config for [functionArn = "
                            + config.functionArn() + "]. Error message:  FunctionUrlConfig exists for this Lambda "
                            + "function");
                }
                changes.put(config);
                return config;
            } catch (StoreException idTaken) {
                if (attempt == ID_ATTEMPTS) {
                    throw idTaken;
                }
            }
        }
    }

    /** GetFunctionUrlConfig. */
    FunctionUrlConfig get(String functionName, String queryQualifier) {
        Target target = target(functionName, queryQualifier);
        return urls.find(target.name(), target.qualifier())
                .orElseThrow(() -> LambdaException.resourceNotFound(NO_RESOURCE));
    }

    /** UpdateFunctionUrlConfig: changes what the request names and keeps the rest. */
    FunctionUrlConfig update(String functionName, String queryQualifier, UrlWireTypes.UrlConfigRequest request) {
        Target target = target(functionName, queryQualifier);
        ValidationErrors errors = new ValidationErrors();
        validateSettings(errors, request);
        errors.throwIfAny();
        requireExists(target, NO_FUNCTION);
        FunctionUrlConfig current = urls.find(target.name(), target.qualifier())
                .orElseThrow(() -> LambdaException.resourceNotFound(NO_RESOURCE));
        FunctionUrlConfig changed = current.with(
                request.authType() != null ? request.authType() : current.authType(),
                request.cors() != null ? cors(request.cors()) : current.cors(),
                request.invokeMode() != null ? request.invokeMode() : current.invokeMode(), now());
        if (!urls.update(changed)) {
            throw LambdaException.resourceNotFound(NO_RESOURCE); // deleted meanwhile
        }
        changes.put(changed);
        return changed;
    }

    /** DeleteFunctionUrlConfig. */
    void delete(String functionName, String queryQualifier) {
        Target target = target(functionName, queryQualifier);
        FunctionUrlConfig deleted = urls.delete(target.name(), target.qualifier())
                .orElseThrow(() -> LambdaException.resourceNotFound(NO_RESOURCE));
        changes.removed(deleted.urlId());
    }

    /** A page of ListFunctionUrlConfigs. */
    record Page(List<FunctionUrlConfig> configs, Optional<String> nextMarker) {
    }

    /** ListFunctionUrlConfigs: the function's URLs ordered by qualifier, paged. */
    Page list(String functionName, String marker, int maxItems) {
        Target target = target(functionName, null);
        if (functions.find(target.name()).isEmpty()) {
            throw LambdaException.resourceNotFound(NO_FUNCTION);
        }
        List<FunctionUrlConfig> found = urls.list(target.name(), marker, maxItems + 1);
        if (found.size() <= maxItems) {
            return new Page(found, Optional.empty());
        }
        List<FunctionUrlConfig> page = found.subList(0, maxItems);
        return new Page(List.copyOf(page), Optional.of(page.get(maxItems - 1).qualifier()));
    }

    /**
     * Deletes the URLs whose function no longer exists (a crash between a function's deletion and its URLs' left
     * them), at startup.
     */
    public void load() {
        urls.everywhere().stream().filter(url -> url.account().equals(account))
                .map(FunctionUrlConfig::functionName).distinct()
                .filter(name -> functions.find(name).isEmpty())
                .forEach(this::functionDeleted);
    }

    /** Deletes the URLs of a deleted function (the {@code FunctionChanges} fan-out calls it). */
    public void functionDeleted(String functionName) {
        for (FunctionUrlConfig deleted : urls.deleteFunction(functionName)) {
            changes.removed(deleted.urlId());
        }
    }

    /** The function (bare name) and qualifier ({@code $LATEST} or an alias) a request names. */
    private record Target(String name, String qualifier) {
    }

    private Target target(String functionName, String queryQualifier) {
        ValidationErrors errors = new ValidationErrors()
                .requireMaxLength(queryQualifier, "qualifier", 128);
        if (queryQualifier != null && !QUALIFIER.matcher(queryQualifier).matches()) {
            errors.add(queryQualifier, "qualifier", "Member must satisfy regular expression pattern: "
                    + QUALIFIER_PATTERN);
        }
        if (functionName != null && functionName.length() > 140) {
            errors.add(functionName, "functionName", "Member must have length less than or equal to 140");
        } else if (functionName != null && !FUNCTION_NAME.matcher(functionName).matches()) {
            errors.add(functionName, "functionName", "Member must satisfy regular expression pattern: "
                    + FUNCTION_NAME_PATTERN);
        }
        errors.throwIfAny();
        FunctionReference reference = FunctionReference.parse(functionName, account);
        String qualifier = reference.effectiveQualifier(queryQualifier).orElse(FunctionUrlConfig.LATEST);
        return new Target(reference.name(), qualifier);
    }

    private void requireExists(Target target, String message) {
        boolean exists = functions.find(target.name()).isPresent()
                && (target.qualifier().equals(FunctionUrlConfig.LATEST)
                        || versions.findAlias(target.name(), target.qualifier()).isPresent());
        if (!exists) {
            throw LambdaException.resourceNotFound(message);
        }
    }

    private static void validateSettings(ValidationErrors errors, UrlWireTypes.UrlConfigRequest request) {
        if (request.authType() != null && !AUTH_TYPES.contains(request.authType())) {
            errors.add(request.authType(), "authType", "Member must satisfy enum value set: " + AUTH_TYPES);
        }
        UrlWireTypes.CorsRequest cors = request.cors();
        if (cors != null) {
            requireList(errors, cors.allowHeaders(), "cors.allowHeaders", 100, 0, 1024);
            requireList(errors, cors.allowMethods(), "cors.allowMethods", 6, 0, 6);
            requireList(errors, cors.allowOrigins(), "cors.allowOrigins", 100, 1, 253);
            requireList(errors, cors.exposeHeaders(), "cors.exposeHeaders", 100, 0, 1024);
            errors.requireRange(cors.maxAge(), "cors.maxAge", 0, 86_400);
        }
        if (request.invokeMode() != null && !INVOKE_MODES.contains(request.invokeMode())) {
            errors.add(request.invokeMode(), "invokeMode", "Member must satisfy enum value set: " + INVOKE_MODES);
        }
    }

    /** A list member's bounds: at most {@code maxItems} items, each {@code minLength} to {@code maxLength} long. */
    private static void requireList(ValidationErrors errors, List<String> values, String member, int maxItems,
            int minLength, int maxLength) {
        if (values == null) {
            return;
        }
        if (values.size() > maxItems) {
            errors.add(values, member, "Member must have length less than or equal to " + maxItems);
            return;
        }
        for (String value : values) {
            if (value == null) {
                errors.add(values, member, "Member must not be null");
            } else if (value.length() > maxLength) {
                errors.add(values, member, "Member must satisfy constraint: [Member must have length less than or "
                        + "equal to " + maxLength + "]");
            } else if (value.length() < minLength) {
                errors.add(values, member, "Member must satisfy constraint: [Member must have length greater than or "
                        + "equal to " + minLength + "]");
            } else {
                continue;
            }
            return;
        }
    }

    private static UrlCors cors(UrlWireTypes.CorsRequest cors) {
        return cors == null ? null : new UrlCors(cors.allowCredentials(), cors.allowHeaders(), cors.allowMethods(),
                cors.allowOrigins(), cors.exposeHeaders(), cors.maxAge());
    }

    /** Now, to the millisecond the store keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new URL id: 32 lowercase letters and digits, as AWS's. */
    private String newId() {
        StringBuilder id = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
