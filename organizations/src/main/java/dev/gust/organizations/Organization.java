package dev.gust.organizations;

import dev.gust.core.identity.AccountAccessRoles;
import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import dev.gust.store.EntityJson;
import dev.gust.store.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one organization of a Gust server: its management account (the server's default account, which exists from
 * the start) and the member accounts {@link #createAccount} made, in memory and written through to the
 * {@link IdentityStore}. A new account and its {@code OrganizationAccountAccessRole} are committed in one transaction
 * (through IAM's {@link AccountAccessRoles}). Thread-safe: every method serializes on this object;
 * {@link #createAccount} blocks on storage.
 */
public final class Organization {

    static final String ACCOUNT = "organizations/account";
    static final String REQUEST = "organizations/create-account-request";

    private final String managementAccountId;
    private final String managementEmail;
    /** The management account's {@code JoinedTimestamp}: when this server started (Gust keeps no earlier date). */
    private final long created;
    private final IdentityStore store;
    private final AccountAccessRoles accessRoles;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, MemberAccount> accounts = new LinkedHashMap<>();
    private final Map<String, CreateAccountStatus> requests = new LinkedHashMap<>();

    private Organization(String managementAccountId, IdentityStore store, AccountAccessRoles accessRoles,
            InstantSource clock) {
        this.managementAccountId = Objects.requireNonNull(managementAccountId, "managementAccountId");
        this.managementEmail = "management@" + managementAccountId + ".gust.invalid";
        this.store = Objects.requireNonNull(store, "store");
        this.accessRoles = Objects.requireNonNull(accessRoles, "accessRoles");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.created = clock.instant().toEpochMilli();
    }

    /** Loads the organization whose management account is {@code managementAccountId} from {@code store}. */
    public static Organization load(String managementAccountId, IdentityStore store, AccountAccessRoles accessRoles,
            InstantSource clock) {
        Organization organization = new Organization(managementAccountId, store, accessRoles, clock);
        for (IdentityEntity entity : store.all()) {
            if (entity.accountId().equals(managementAccountId) && entity.kind().equals(ACCOUNT)) {
                MemberAccount account = EntityJson.read(entity.body(), MemberAccount.class);
                organization.accounts.put(account.id(), account);
            } else if (entity.accountId().equals(managementAccountId) && entity.kind().equals(REQUEST)) {
                CreateAccountStatus status = EntityJson.read(entity.body(), CreateAccountStatus.class);
                organization.requests.put(status.id(), status);
            }
        }
        return organization;
    }

    String managementAccountId() {
        return managementAccountId;
    }

    /** {@code o-} and ten lower-case characters, the same for a management account on every start. */
    String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("gust/organization/" + managementAccountId).getBytes(StandardCharsets.UTF_8));
            return "o-" + HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Creates the account {@code name}, with its {@code OrganizationAccountAccessRole}, durably; or, for an email
     * address already in use, records the request as {@code FAILED} ({@code EMAIL_ALREADY_EXISTS}), as AWS does.
     */
    synchronized CreateAccountStatus createAccount(String name, String email) {
        long now = clock.instant().toEpochMilli();
        String requestId = "car-" + HexFormat.of().formatHex(randomBytes(16));
        boolean taken = email.equalsIgnoreCase(managementEmail)
                || accounts.values().stream().anyMatch(a -> a.email().equalsIgnoreCase(email));
        if (taken) {
            CreateAccountStatus failed = new CreateAccountStatus(requestId, name, "FAILED", null,
                    "EMAIL_ALREADY_EXISTS", now);
            store.commit(List.of(
                    IdentityChange.put(managementAccountId, REQUEST, requestId, EntityJson.write(failed))));
            requests.put(requestId, failed);
            return failed;
        }
        String accountId = newAccountId();
        MemberAccount account = new MemberAccount(accountId, name, email, requestId, now);
        CreateAccountStatus succeeded = new CreateAccountStatus(requestId, name, "SUCCEEDED", accountId, null, now);
        accessRoles.create(accountId, managementAccountId, List.of(
                IdentityChange.put(managementAccountId, ACCOUNT, accountId, EntityJson.write(account)),
                IdentityChange.put(managementAccountId, REQUEST, requestId, EntityJson.write(succeeded))));
        accounts.put(accountId, account);
        requests.put(requestId, succeeded);
        return succeeded;
    }

    synchronized Optional<CreateAccountStatus> createAccountStatus(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    /** Every account, the management account first, then the members in the order they were created. */
    synchronized List<MemberAccount> accounts() {
        List<MemberAccount> all = new ArrayList<>();
        all.add(new MemberAccount(managementAccountId, "management", managementEmail, "", created));
        accounts.values().stream().sorted(Comparator.comparingLong(MemberAccount::joined)
                .thenComparing(MemberAccount::id)).forEach(all::add);
        return all;
    }

    synchronized Optional<MemberAccount> account(String accountId) {
        return accounts().stream().filter(a -> a.id().equals(accountId)).findFirst();
    }

    String managementEmail() {
        return managementEmail;
    }

    /** Twelve random digits that name no account yet (nor the management account). */
    private String newAccountId() {
        while (true) {
            StringBuilder id = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                id.append((char) ('0' + random.nextInt(10)));
            }
            String candidate = id.toString();
            if (!candidate.equals(managementAccountId) && !accounts.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
