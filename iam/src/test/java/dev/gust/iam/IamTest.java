package dev.gust.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.identity.AccountAccessRoles;
import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import dev.gust.policy.Policy;
import dev.gust.store.SqliteIdentityStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamTest {

    private static final String ACCOUNT = "000000000000";
    private static final String ALLOW_LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"logs:*\",\"Resource\":\"*\"}]}";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    @TempDir
    Path dataDir;
    private SqliteIdentityStore store;
    private Iam iam;
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-07T12:00:00.750Z"));

    @BeforeEach
    void open() {
        store = new SqliteIdentityStore(dataDir);
        iam = Iam.load(store, "server-secret", clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void resolvesAnActiveUserKeyToTheUserUntilItIsDeactivated() {
        User alice = new User("alice", "/team/", "AIDAEXAMPLEALICE00001", iam.now(),
                List.of(new AccessKey("AKIAEXAMPLEKEY000001", AccessKey.ACTIVE, iam.now())), Permissions.NONE);
        iam.update(ACCOUNT, account -> List.of(new IamWrite.PutUser(alice)));

        var resolved = iam.credentialsResolver().resolve("AKIAEXAMPLEKEY000001", null).orElseThrow();

        assertThat(resolved.secretAccessKey()).hasSize(40)
                .isEqualTo(new KeySecrets("server-secret").secretOf("AKIAEXAMPLEKEY000001"))
                .isNotEqualTo(new KeySecrets("another-secret").secretOf("AKIAEXAMPLEKEY000001"));
        assertThat(resolved.caller()).isEqualTo(new Caller(ACCOUNT, "arn:aws:iam::000000000000:user/team/alice",
                "AIDAEXAMPLEALICE00001", "AKIAEXAMPLEKEY000001", OperationKind.WRITE, null));
        assertThat(iam.credentialsResolver().resolve("AKIAUNKNOWNKEY000001", null)).isEmpty();
        assertThat(iam.credentialsResolver().resolve("ASIAEXAMPLEKEY000001", null)).isEmpty();

        iam.update(ACCOUNT, account -> List.of(new IamWrite.PutUser(alice.withAccessKey(
                new AccessKey("AKIAEXAMPLEKEY000001", AccessKey.INACTIVE, iam.now())))));

        assertThat(iam.credentialsResolver().resolve("AKIAEXAMPLEKEY000001", null)).isEmpty();
    }

    @Test
    void writesDatesToTheSecond() {
        assertThat(iam.now()).isEqualTo("2026-12-07T12:00:00Z");
    }

    @Test
    void compilesTheInlineAndAttachedPoliciesOfUsersAndAssumedRoles() {
        User bob = new User("bob", "/", "AIDAEXAMPLEBOB000001", iam.now(), List.of(),
                Permissions.NONE.withInline("logs", ALLOW_LOGS).withAttached(ADMIN));
        Role role = new Role("Deployer", "/ci/", "AROAEXAMPLEROLE00001", iam.now(), ALLOW_LOGS, null, 3600,
                Permissions.NONE.withInline("logs", ALLOW_LOGS));
        iam.update(ACCOUNT, account -> List.of(new IamWrite.PutUser(bob), new IamWrite.PutRole(role)));

        List<Policy> ofBob = iam.identityPolicies().of(caller("arn:aws:iam::000000000000:user/bob"));
        List<Policy> ofSession = iam.identityPolicies()
                .of(caller("arn:aws:sts::000000000000:assumed-role/Deployer/session"));

        assertThat(ofBob).extracting(Policy::document).hasSize(2).first().isEqualTo(ALLOW_LOGS);
        assertThat(ofBob.get(1).document()).contains("\"Action\" : \"*\"");
        assertThat(ofSession).extracting(Policy::document).containsExactly(ALLOW_LOGS);
        assertThat(ofSession.getFirst()).isSameAs(ofBob.getFirst());
        assertThat(iam.identityPolicies().of(Caller.accountRoot(ACCOUNT, "AKGU"))).isEmpty();
        assertThat(iam.identityPolicies().of(caller("arn:aws:iam::000000000000:user/nobody"))).isEmpty();
        assertThat(iam.roles().find(ACCOUNT, "deployer")).hasValueSatisfying(found -> {
            assertThat(found.arn()).isEqualTo("arn:aws:iam::000000000000:role/ci/Deployer");
            assertThat(found.roleId()).isEqualTo("AROAEXAMPLEROLE00001");
        });
        assertThat(iam.roles().find("111111111111", "deployer")).isEmpty();
    }

    @Test
    void givesANewAccountItsAccessRoleInTheCommitThatRecordsTheAccount() {
        AccountAccessRoles roles = iam;
        IdentityChange record = IdentityChange.put(ACCOUNT, "organizations/account", "123456789012", "{}");

        roles.create("123456789012", ACCOUNT, List.of(record));

        assertThat(store.all()).extracting(IdentityEntity::kind).containsExactly("organizations/account", "iam/role");
        var role = iam.roles().find("123456789012", AccountAccessRoles.ROLE_NAME).orElseThrow();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/OrganizationAccountAccessRole");
        assertThat(Policy.trust(role.trustPolicy()).document()).contains("arn:aws:iam::000000000000:root");
        assertThat(iam.identityPolicies().of(new Caller("123456789012",
                "arn:aws:sts::123456789012:assumed-role/OrganizationAccountAccessRole/s", "AROA:s", "ASIA",
                OperationKind.WRITE, null))).extracting(Policy::document).singleElement().asString()
                .contains("\"Action\" : \"*\"");
    }

    @Test
    void changesNothingWhenAnOperationRefuses() {
        assertThatThrownBy(() -> iam.update(ACCOUNT, account -> {
            throw IamErrors.noSuchUser("ghost");
        })).isInstanceOf(EdgeException.class).hasMessage("The user with name ghost cannot be found.");

        assertThat(store.all()).isEmpty();
        int users = iam.read(ACCOUNT, account -> account.users().size());
        assertThat(users).isZero();
    }

    @Test
    void loadsEverythingBackFromTheStore() {
        User carol = new User("carol", "/", "AIDAEXAMPLECAROL0001", iam.now(),
                List.of(new AccessKey("AKIAEXAMPLEKEY000002", AccessKey.ACTIVE, iam.now())),
                Permissions.NONE.withInline("logs", ALLOW_LOGS).withAttached(ADMIN));
        ManagedPolicy policy = new ManagedPolicy("arn:aws:iam::000000000000:policy/p", "p", "/",
                "ANPAEXAMPLEPOLICY001", "d", iam.now(), iam.now(), "v1", 2,
                List.of(new PolicyVersion("v1", ALLOW_LOGS, iam.now())));
        iam.update(ACCOUNT, account -> List.of(new IamWrite.PutUser(carol), new IamWrite.PutPolicy(policy)));

        Iam reloaded = Iam.load(store, "server-secret", clock);

        User user = reloaded.read(ACCOUNT, account -> account.requireUser("CAROL"));
        java.util.Optional<ManagedPolicy> stored = reloaded.read(ACCOUNT, account -> account.policy(policy.arn()));
        assertThat(user).isEqualTo(carol);
        assertThat(stored).contains(policy);
        assertThat(reloaded.credentialsResolver().resolve("AKIAEXAMPLEKEY000002", null)).isPresent();
        assertThat(reloaded.identityPolicies().of(caller("arn:aws:iam::000000000000:user/carol"))).hasSize(2);
    }

    private static Caller caller(String arn) {
        return new Caller(ACCOUNT, arn, "AIDA", "AKIA", OperationKind.WRITE, null);
    }
}
