package dev.gust.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.identity.AccountAccessRoles;
import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import dev.gust.store.IdentityStore;
import dev.gust.store.SqliteIdentityStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationTest {

    private static final String MANAGEMENT = "000000000000";

    @TempDir
    Path dataDir;
    private IdentityStore store;
    /** A clock one second further on each time it is read. */
    private final AtomicLong seconds = new AtomicLong(Instant.parse("2026-12-07T12:00:00Z").getEpochSecond());
    private final InstantSource clock = () -> Instant.ofEpochSecond(seconds.getAndIncrement());
    /** A fake of IAM's seam: commits the caller's changes with a role entity of its own, and remembers the call. */
    private final List<String> rolesCreated = new ArrayList<>();
    private final AccountAccessRoles roles = (accountId, management, alongWith) -> {
        List<IdentityChange> changes = new ArrayList<>(alongWith);
        changes.add(IdentityChange.put(accountId, "iam/role", "organizationaccountaccessrole", "{}"));
        store.commit(changes);
        rolesCreated.add(accountId + " trusts " + management);
    };

    @BeforeEach
    void open() {
        store = new SqliteIdentityStore(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createsAccountsWithTheirAccessRoleInOneCommitAndAnswersTheirStatus() {
        Organization organization = Organization.load(MANAGEMENT, store, roles, clock);

        CreateAccountStatus dev = organization.createAccount("dev", "dev@example.com");
        CreateAccountStatus prod = organization.createAccount("prod", "prod@example.com");

        assertThat(dev.state()).isEqualTo("SUCCEEDED");
        assertThat(dev.id()).matches("car-[0-9a-f]{32}");
        assertThat(dev.accountId()).matches("\\d{12}").isNotEqualTo(MANAGEMENT).isNotEqualTo(prod.accountId());
        assertThat(rolesCreated).containsExactly(dev.accountId() + " trusts " + MANAGEMENT,
                prod.accountId() + " trusts " + MANAGEMENT);
        assertThat(store.all()).extracting(IdentityEntity::kind).containsOnly("organizations/account",
                "organizations/create-account-request", "iam/role").hasSize(6);
        assertThat(organization.createAccountStatus(dev.id())).contains(dev);
        assertThat(organization.accounts()).extracting(MemberAccount::name).containsExactly("management", "dev",
                "prod");
        assertThat(organization.account(prod.accountId())).hasValueSatisfying(a ->
                assertThat(a.email()).isEqualTo("prod@example.com"));
    }

    @Test
    void failsARequestForAnEmailAlreadyInUseAsAwsDoes() {
        Organization organization = Organization.load(MANAGEMENT, store, roles, clock);
        organization.createAccount("dev", "dev@example.com");

        CreateAccountStatus again = organization.createAccount("again", "DEV@example.com");

        assertThat(again.state()).isEqualTo("FAILED");
        assertThat(again.failureReason()).isEqualTo("EMAIL_ALREADY_EXISTS");
        assertThat(again.accountId()).isNull();
        assertThat(organization.createAccountStatus(again.id())).contains(again);
        assertThat(organization.accounts()).hasSize(2);
        assertThat(rolesCreated).hasSize(1);
    }

    @Test
    void loadsItsAccountsAndRequestsBackFromTheStore() {
        CreateAccountStatus dev = Organization.load(MANAGEMENT, store, roles, clock)
                .createAccount("dev", "dev@example.com");

        Organization reloaded = Organization.load(MANAGEMENT, store, roles, clock);

        assertThat(reloaded.account(dev.accountId())).isPresent();
        assertThat(reloaded.createAccountStatus(dev.id())).contains(dev);
        assertThat(reloaded.id()).matches("o-[0-9a-f]{10}").isEqualTo(Organization.load(MANAGEMENT, store, roles, clock)
                .id());
    }
}
