package dev.gust.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.credentials.ExecutionRoles;
import dev.gust.core.credentials.Roles;
import dev.gust.core.credentials.Roles.RoleDescription;
import dev.gust.core.identity.AccountAccessRoles;
import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver;
import dev.gust.edge.IdentityPolicies;
import dev.gust.policy.Policy;
import dev.gust.store.EntityJson;
import dev.gust.store.IdentityStore;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The IAM of every account: users, roles and customer managed policies in memory, written through to the
 * {@link IdentityStore}, and the AWS-managed policies. Every change is durable before it is visible: {@link #update}
 * commits the writes an operation computed, then applies them and re-indexes what the edge reads per request
 * ({@link IamSnapshot}: user keys, identity policies, roles).
 *
 * <p>Thread-safe. {@link #read} and {@link #update} serialize on this object and may block on storage: call them on
 * worker threads. The resolver, identity policies and roles it hands out read the latest snapshot and never block.
 */
public final class Iam implements AccountAccessRoles {

    static final String USER = "iam/user";
    static final String ROLE = "iam/role";
    static final String POLICY = "iam/policy";

    private final IdentityStore store;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();
    private final IamIds ids = new IamIds();
    private final KeySecrets secrets;
    private final AwsManagedPolicies aws;
    private final Map<String, IamAccount> accounts = new HashMap<>();
    /** Compiled documents, by document; pruned to the documents in use at each re-index. */
    private volatile Map<String, Policy> compiled = Map.of();
    private volatile IamSnapshot snapshot = IamSnapshot.EMPTY;

    private Iam(IdentityStore store, String serverSecret, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = new KeySecrets(serverSecret);
        this.aws = AwsManagedPolicies.load(json);
    }

    /**
     * Loads every account's IAM state from {@code store}.
     *
     * @param serverSecret the server's secret, from which user keys' secrets are derived
     */
    public static Iam load(IdentityStore store, String serverSecret, InstantSource clock) {
        Iam iam = new Iam(store, serverSecret, clock);
        synchronized (iam) {
            for (IdentityEntity entity : store.all()) {
                String body = entity.body();
                switch (entity.kind()) {
                    case USER -> iam.account(entity.accountId()).apply(
                            new IamWrite.PutUser(EntityJson.read(body, User.class)));
                    case ROLE -> iam.account(entity.accountId()).apply(
                            new IamWrite.PutRole(EntityJson.read(body, Role.class)));
                    case POLICY -> iam.account(entity.accountId()).apply(
                            new IamWrite.PutPolicy(EntityJson.read(body, ManagedPolicy.class)));
                    default -> {
                        // another service's entity (Organizations' accounts)
                    }
                }
            }
            iam.reindex();
        }
        return iam;
    }

    /** Runs {@code query} against {@code accountId}'s state. */
    synchronized <T> T read(String accountId, Function<IamAccount, T> query) {
        return query.apply(account(accountId));
    }

    /**
     * Runs {@code operation} against {@code accountId}'s state; it validates (throwing leaves everything unchanged)
     * and returns the writes to make, which are committed, then applied.
     */
    synchronized void update(String accountId, Function<IamAccount, List<IamWrite>> operation) {
        IamAccount account = account(accountId);
        List<IamWrite> writes = operation.apply(account);
        commit(account, writes, List.of());
    }

    @Override
    public synchronized void create(String accountId, String managementAccountId, List<IdentityChange> alongWith) {
        IamAccount account = account(accountId);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + managementAccountId + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        Role role = new Role(ROLE_NAME, "/", ids.role(), now(), trust, null, 3600,
                Permissions.NONE.withAttached("arn:aws:iam::aws:policy/AdministratorAccess"));
        commit(account, List.of(new IamWrite.PutRole(role)), alongWith);
    }

    private void commit(IamAccount account, List<IamWrite> writes, List<IdentityChange> alongWith) {
        if (writes.isEmpty() && alongWith.isEmpty()) {
            return;
        }
        List<IdentityChange> changes = new ArrayList<>(alongWith);
        for (IamWrite write : writes) {
            changes.add(change(account.accountId, write));
        }
        store.commit(changes);
        writes.forEach(account::apply);
        reindex();
    }

    private IdentityChange change(String accountId, IamWrite write) {
        return switch (write) {
            case IamWrite.PutUser(User u) ->
                    IdentityChange.put(accountId, USER, IamAccount.key(u.name()), EntityJson.write(u));
            case IamWrite.DeleteUser(String name) -> IdentityChange.delete(accountId, USER, IamAccount.key(name));
            case IamWrite.PutRole(Role r) ->
                    IdentityChange.put(accountId, ROLE, IamAccount.key(r.name()), EntityJson.write(r));
            case IamWrite.DeleteRole(String name) -> IdentityChange.delete(accountId, ROLE, IamAccount.key(name));
            case IamWrite.PutPolicy(ManagedPolicy p) ->
                    IdentityChange.put(accountId, POLICY, IamAccount.key(p.name()), EntityJson.write(p));
            case IamWrite.DeletePolicy(String name) -> IdentityChange.delete(accountId, POLICY, IamAccount.key(name));
        };
    }

    /** Re-indexes every account, compiling only the documents not compiled before. Holds the lock. */
    private void reindex() {
        Map<String, Policy> previous = compiled;
        Map<String, Policy> inUse = new ConcurrentHashMap<>();
        snapshot = IamSnapshot.of(accounts.values(), secrets, this::findManaged,
                document -> inUse.computeIfAbsent(document, d -> {
                    Policy p = previous.get(d);
                    return p != null ? p : Policy.identity(d);
                }));
        compiled = inUse;
    }

    /** A managed policy {@code account} may attach: one of its own or an AWS-managed one. */
    Optional<ManagedPolicy> findManaged(IamAccount account, String arn) {
        return aws.find(arn).or(() -> account.policy(arn));
    }

    AwsManagedPolicies awsManaged() {
        return aws;
    }

    IamIds ids() {
        return ids;
    }

    KeySecrets secrets() {
        return secrets;
    }

    /** Now, ISO-8601 to the second, as IAM's dates are written. */
    String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Resolves active IAM user access keys ({@code AKIA...}) to their users; leaves every other key. */
    public CredentialsResolver credentialsResolver() {
        return (accessKeyId, sessionToken) -> accessKeyId != null && accessKeyId.startsWith("AKIA")
                ? snapshot.key(accessKeyId) : Optional.empty();
    }

    /** The identity-based policies of users and assumed roles. */
    public IdentityPolicies identityPolicies() {
        return caller -> caller.isAccountRoot() ? List.of() : snapshot.policiesOf(caller.principalArn());
    }

    /** Whether IAM knows {@code caller}'s principal: a user or a role that exists (roots are not IAM's). */
    public boolean knows(Caller caller) {
        return !caller.isAccountRoot() && snapshot.knows(caller.principalArn());
    }

    /** The roles, for STS. */
    public Roles roles() {
        return (accountId, roleName) -> snapshot.role(accountId, roleName);
    }

    /** The roles, for Lambda's check of execution roles, which in dev mode creates the missing ones. */
    public ExecutionRoles executionRoles() {
        return new ExecutionRoles() {
            @Override
            public Optional<RoleDescription> find(String accountId, String roleName) {
                return snapshot.role(accountId, roleName);
            }

            @Override
            public RoleDescription create(String accountId, String path, String roleName, String trustPolicy,
                    String policyName, String policyDocument) {
                createRole(accountId, path, roleName, trustPolicy, policyName, policyDocument);
                return snapshot.role(accountId, roleName).orElseThrow();
            }
        };
    }

    /** Creates a role with one inline policy unless one of that name exists; durable before it returns. */
    private synchronized void createRole(String accountId, String path, String roleName, String trustPolicy,
            String policyName, String policyDocument) {
        IamAccount account = account(accountId);
        if (account.role(roleName).isPresent()) {
            return;
        }
        Role role = new Role(roleName, path, ids.role(), now(), trustPolicy,
                "Created by Gust in dev mode: a function named it as its execution role", 3600,
                Permissions.NONE.withInline(policyName, policyDocument));
        commit(account, List.of(new IamWrite.PutRole(role)), List.of());
    }

    private IamAccount account(String accountId) {
        return accounts.computeIfAbsent(accountId, IamAccount::new);
    }
}
