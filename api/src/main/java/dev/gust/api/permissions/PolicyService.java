package dev.gust.api.permissions;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyPrincipal;
import dev.gust.core.permissions.PolicyStatement;
import dev.gust.store.FunctionPolicyStore;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.nio.charset.StandardCharsets;
import dev.gust.policy.MalformedPolicyException;
import dev.gust.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource-based policies of functions, versions and aliases (AddPermission, GetPolicy, RemovePermission) with
 * Lambda's validation, errors and revision ids. The unqualified function, each version and each alias has its own
 * policy; a change gives the policy a new revision id, which also becomes the function's or alias's
 * {@code RevisionId}. Deleting a function, version or alias deletes its policy (the {@code FunctionChanges} fan-out
 * calls {@link #functionDeleted}, {@link #versionDeleted}, {@link #aliasChanged}). Every stored policy is also kept
 * compiled in memory ({@link #compiled}), replaced after each durable change, for the edge's authorization. See
 * {@code docs/design/permissions.md}.
 *
 * <p>Thread-safe: policy changes are serialised on one lock (they are rare, and concurrent ones would otherwise
 * keep invalidating each other's reads), and each is a compare-and-set on the stores, retried a few times when a
 * concurrent change of the function or alias wins. Calls block on storage, so run them on worker threads.
 */
public final class PolicyService {

    /** AWS's limit on a function policy's size, in bytes of its JSON document. */
    static final int MAX_POLICY_BYTES = 20_480;
    private static final int MAX_ATTEMPTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);

    private static final String STATEMENT_ID = "([a-zA-Z0-9-_]+)";
    private static final String NAMESPACED_STATEMENT_ID = "([a-zA-Z0-9-_.]+)";
    private static final String ACTION = "(lambda:[*]|lambda:[a-zA-Z]+|[*])";
    private static final String PRINCIPAL = "[^\\s]+";
    private static final String SOURCE_ARN = "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|"
            + "(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final String SOURCE_ACCOUNT = "\\d{12}";
    private static final String EVENT_SOURCE_TOKEN = "[a-zA-Z0-9._\\-]+";
    private static final String PRINCIPAL_ORG_ID = "o-[a-z0-9]{10,32}";
    private static final String QUALIFIER = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
    private static final List<String> URL_AUTH_TYPES = List.of("NONE", "AWS_IAM");
    private static final String REVISION_MISMATCH = "The Revision Id provided does not match the latest Revision Id. "
            + "Call the GetPolicy API to retrieve the latest Revision Id";

    private final Account account;
    private final FunctionPolicyStore policies;
    private final PolicyTargets targets;
    /** Serialises policy changes. */
    private final Object changes = new Object();
    /** Every stored policy, compiled, by where it is kept; replaced after each durable change. */
    private final Map<FunctionPolicyStore.Key, Policy> compiled = new ConcurrentHashMap<>();

    /** The statement AddPermission added, and the ARN it names as its resource. */
    record Added(PolicyStatement statement, String resourceArn) {
    }

    /** A policy as GetPolicy shows it, with the ARN its statements name as their resource. */
    record Shown(FunctionPolicy policy, String resourceArn) {
    }

    public PolicyService(Account account, FunctionStore functions, VersionStore versions,
            FunctionPolicyStore policies) {
        this.account = account;
        this.policies = policies;
        this.targets = new PolicyTargets(account, functions, versions);
    }

    /** Deletes the stored policies whose function, version or alias no longer exists (a crash left them), at startup. */
    public void load() {
        for (FunctionPolicyStore.Key key : policies.keys()) {
            if (!targets.exists(key)) {
                LOG.info("deleting the policy of {}, which no longer exists", key);
                policies.delete(key.functionName(), key.qualifier());
            } else {
                recompile(key.functionName(), key.qualifier());
            }
        }
    }

    /**
     * The compiled resource-based policy of a function ({@code qualifier} {@code $LATEST}), version or alias, or
     * empty if it has none. Answered from memory; never blocks.
     */
    public Optional<Policy> compiled(String functionName, String qualifier) {
        return Optional.ofNullable(compiled.get(new FunctionPolicyStore.Key(functionName, qualifier)));
    }

    /** Reads the policy kept at {@code functionName}/{@code qualifier} from the store and compiles it (none: none). */
    private void recompile(String functionName, String qualifier) {
        FunctionPolicyStore.Key key = new FunctionPolicyStore.Key(functionName, qualifier);
        Optional<FunctionPolicy> stored = policies.find(functionName, qualifier);
        if (stored.isEmpty()) {
            compiled.remove(key);
            return;
        }
        String resourceArn = FunctionPolicyStore.LATEST.equals(qualifier) ? account.functionArn(functionName)
                : account.functionArn(functionName, qualifier);
        try {
            compiled.put(key, Policy.resource(PolicyDocument.policy(stored.get(), resourceArn)));
        } catch (MalformedPolicyException e) {
            // Lambda's own statements always compile; one that does not allows nothing rather than failing requests
            LOG.warn("the policy of {} does not compile, so it allows nothing: {}", resourceArn, e.toString());
            compiled.remove(key);
        }
    }

    /** AddPermission: appends a statement to the target's policy, creating the policy if it has none. */
    Added add(String functionName, String queryQualifier, PolicyWireTypes.AddPermissionRequest request) {
        validate(request, queryQualifier);
        FunctionReference reference = FunctionReference.parse(functionName, account);
        Optional<String> qualifier = reference.effectiveQualifier(queryQualifier);
        if (qualifier.filter(q -> q.startsWith(FunctionConfiguration.LATEST)).isPresent()) {
            throw LambdaException.invalidParameterValue("We currently do not support adding policies for $LATEST.");
        }
        PolicyStatement statement = statement(request);
        if (Boolean.TRUE.equals(request.invokedViaFunctionUrl())) {
            throw LambdaException.invalidParameterValue("InvokedViaFunctionUrl is not supported by Gust.");
        }
        synchronized (changes) {
            return add(reference, qualifier, statement, request.revisionId());
        }
    }

    private Added add(FunctionReference reference, Optional<String> qualifier, PolicyStatement statement,
            String expectedRevisionId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PolicyTarget target = targets.require(reference.name(), qualifier, PolicyTargets.NotFound.ADD);
            Optional<FunctionPolicy> current = policies.find(target.functionName(), target.qualifier());
            requireRevision(expectedRevisionId, current.map(FunctionPolicy::revisionId).orElse(target.revisionId()));
            if (current.flatMap(p -> p.statement(statement.sid())).isPresent()) {
                throw LambdaException.resourceConflict("The statement id (" + statement.sid() + ") provided already "
                        + "exists. Please provide a new statement id, or remove the existing statement.");
            }
            String revisionId = UUID.randomUUID().toString();
            FunctionPolicy updated = current.map(p -> p.with(statement, revisionId))
                    .orElseGet(() -> new FunctionPolicy(revisionId, List.of(statement)));
            int size = PolicyDocument.policy(updated, target.resourceArn()).getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_POLICY_BYTES) {
                throw LambdaException.policyLengthExceeded(size, MAX_POLICY_BYTES);
            }
            if (write(target, current, Optional.of(updated))) {
                return new Added(statement, target.resourceArn());
            }
        }
        throw LambdaException.updateInProgress(account.functionArn(reference.name()));
    }

    /** GetPolicy. */
    Shown get(String functionName, String queryQualifier) {
        new ValidationErrors().requirePattern(queryQualifier, "qualifier", QUALIFIER).throwIfAny();
        FunctionReference reference = FunctionReference.parse(functionName, account);
        Optional<String> qualifier = reference.effectiveQualifier(queryQualifier);
        PolicyTarget target = targets.require(reference.name(), qualifier, PolicyTargets.NotFound.GET);
        FunctionPolicy policy = policies.find(target.functionName(), target.qualifier())
                .orElseThrow(PolicyTargets::resourceDoesNotExist);
        return new Shown(policy, target.resourceArn());
    }

    /** RemovePermission: removes one statement; removing the last one removes the policy. */
    void remove(String functionName, String statementId, String queryQualifier, String revisionId) {
        new ValidationErrors().requirePattern(statementId, "statementId", NAMESPACED_STATEMENT_ID)
                .requireMaxLength(statementId, "statementId", 100)
                .requirePattern(queryQualifier, "qualifier", QUALIFIER).throwIfAny();
        FunctionReference reference = FunctionReference.parse(functionName, account);
        Optional<String> qualifier = reference.effectiveQualifier(queryQualifier);
        synchronized (changes) {
            remove(reference, qualifier, statementId, revisionId);
        }
    }

    private void remove(FunctionReference reference, Optional<String> qualifier, String statementId,
            String revisionId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PolicyTarget target = targets.require(reference.name(), qualifier, PolicyTargets.NotFound.REMOVE);
            FunctionPolicy current = policies.find(target.functionName(), target.qualifier()).orElseThrow(() ->
                    LambdaException.resourceNotFound("No policy is associated with the given resource."));
            requireRevision(revisionId, current.revisionId());
            if (current.statement(statementId).isEmpty()) {
                throw LambdaException.resourceNotFound("Statement " + statementId + " is not found in resource policy.");
            }
            if (write(target, Optional.of(current), current.without(statementId, UUID.randomUUID().toString()))) {
                return;
            }
        }
        throw LambdaException.updateInProgress(account.functionArn(reference.name()));
    }

    /** The function was deleted: its policies go. */
    public void functionDeleted(String functionName) {
        policies.deleteFunction(functionName);
        compiled.keySet().removeIf(key -> key.functionName().equals(functionName));
    }

    /** A version was deleted: its policy goes. */
    public void versionDeleted(String functionName, String version) {
        policies.delete(functionName, version);
        compiled.remove(new FunctionPolicyStore.Key(functionName, version));
    }

    /** An alias was created, updated or deleted: if it is gone, so is its policy. */
    public void aliasChanged(String functionName, String aliasName) {
        if (!targets.exists(new FunctionPolicyStore.Key(functionName, aliasName))) {
            policies.delete(functionName, aliasName);
            compiled.remove(new FunctionPolicyStore.Key(functionName, aliasName));
        }
    }

    /**
     * Writes the target's new policy (empty: none) if neither the target nor its policy changed since they were
     * read. The target gets the new policy's revision id first (a policy removed entirely: a fresh one), so a crash
     * between the two writes leaves only a changed revision id.
     */
    private boolean write(PolicyTarget target, Optional<FunctionPolicy> current, Optional<FunctionPolicy> updated) {
        String revisionId = updated.map(FunctionPolicy::revisionId).orElseGet(() -> UUID.randomUUID().toString());
        if (!targets.revise(target, revisionId)) {
            return false;
        }
        boolean written = policies.replace(target.functionName(), target.qualifier(),
                current.map(FunctionPolicy::revisionId).orElse(null), updated) == FunctionPolicyStore.Write.WRITTEN;
        if (written) {
            recompile(target.functionName(), target.qualifier());
        }
        return written;
    }

    private static void requireRevision(String expected, String actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            throw LambdaException.preconditionFailed(REVISION_MISMATCH);
        }
    }

    private static void validate(PolicyWireTypes.AddPermissionRequest r, String queryQualifier) {
        ValidationErrors errors = new ValidationErrors()
                .requireNotNull(r.statementId(), "statementId")
                .requirePattern(r.statementId(), "statementId", STATEMENT_ID)
                .requireMaxLength(r.statementId(), "statementId", 100)
                .requireNotNull(r.action(), "action")
                .requirePattern(r.action(), "action", ACTION)
                .requireNotNull(r.principal(), "principal")
                .requirePattern(r.principal(), "principal", PRINCIPAL)
                .requireMaxLength(r.principal(), "principal", 2048)
                .requirePattern(r.sourceArn(), "sourceArn", SOURCE_ARN)
                .requirePattern(r.sourceAccount(), "sourceAccount", SOURCE_ACCOUNT)
                .requirePattern(r.eventSourceToken(), "eventSourceToken", EVENT_SOURCE_TOKEN)
                .requireMaxLength(r.eventSourceToken(), "eventSourceToken", 256)
                .requirePattern(r.principalOrgID(), "principalOrgID", PRINCIPAL_ORG_ID)
                .requirePattern(queryQualifier, "qualifier", QUALIFIER)
                .requireMaxLength(queryQualifier, "qualifier", 128);
        if (r.functionUrlAuthType() != null && !URL_AUTH_TYPES.contains(r.functionUrlAuthType())) {
            errors.add(r.functionUrlAuthType(), "functionUrlAuthType",
                    "Member must satisfy enum value set: [NONE, AWS_IAM]");
        }
        errors.throwIfAny();
    }

    private static PolicyStatement statement(PolicyWireTypes.AddPermissionRequest r) {
        PolicyPrincipal principal = PolicyPrincipal.fromParameter(r.principal()).orElseThrow(() ->
                LambdaException.invalidParameterValue(
                        "The provided principal was invalid. Please check the principal and try again."));
        return new PolicyStatement(r.statementId(), principal, r.action(), r.sourceArn(), r.sourceAccount(),
                r.eventSourceToken(), r.functionUrlAuthType(), r.principalOrgID());
    }
}
