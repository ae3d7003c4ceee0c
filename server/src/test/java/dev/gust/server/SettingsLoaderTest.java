package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.api.functions.ExecutionRoleCheck;
import dev.gust.edge.OperationKind;
import dev.gust.server.config.ServerSettings;
import dev.gust.server.config.SettingsException;
import dev.gust.server.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void usesDefaultsWhenNothingIsGiven() {
        ServerSettings settings = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9070);
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.accountId()).isEqualTo("000000000000");
        assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".gust"));
        assertThat(settings.sandbox()).isEqualTo("bubblewrap");
    }

    @Test
    void optionsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("gust.yaml");
        Files.writeString(file, "port: 1111\nregion: eu-west-1\nhost: 0.0.0.0\n");
        ServerSettings settings = SettingsLoader.load(file, Map.of("GUST_PORT", "2222", "GUST_REGION", "eu-central-1"),
                Map.of("port", "3333"));
        assertThat(settings.port()).isEqualTo(3333);
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void reportsEveryProblemAtOnceAndSuggestsTheClosestKey() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_DATADIR", "/x", "GUST_ACCOUNT_ID", "12"),
                Map.of("port", "70000")))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.numbered()).contains("1. unknown setting 'datadir' (environment variable GUST_DATADIR); "
                            + "did you mean 'data-dir'?");
                    assertThat(e.numbered()).contains("port must be between 0 and 65535, got 70000");
                    assertThat(e.numbered()).contains("account-id '12' must be exactly twelve digits");
                });
    }

    @Test
    void instancesAreIsolatedByDefaultOrShareTheHostsNetworkWhenAsked() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).network()).isEqualTo("isolated");
        assertThat(SettingsLoader.load(null, Map.of("GUST_NETWORK", "host"), Map.of()).network()).isEqualTo("host");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of("network", "host")).network()).isEqualTo("host");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_NETWORK", "bridge"), Map.of()))
                .hasMessageContaining("network 'bridge' must be 'isolated' or 'host'");
    }

    @Test
    void requiresBothKeysOrNeither() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_ACCESS_KEY_ID", "AKIDEXAMPLE000000"), Map.of()))
                .hasMessageContaining("access-key-id and secret-access-key must be set together");
    }

    @Test
    void theDefaultRegionIsOneAwsHas() {
        assertThat(SettingsLoader.load(null, Map.of("GUST_REGION", "cn-north-1"), Map.of()).region())
                .isEqualTo("cn-north-1");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_REGION", "xx-moon-1"), Map.of()))
                .hasMessageContaining("region 'xx-moon-1' is not an AWS region name such as us-east-1");
    }

    @Test
    void idleConnectionsAreClosedAfterAMinuteUnlessConfigured() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(SettingsLoader.load(null, Map.of("GUST_IDLE_TIMEOUT", "1500ms"), Map.of()).idleTimeout())
                .isEqualTo(java.time.Duration.ofMillis(1500));
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_IDLE_TIMEOUT", "50ms"), Map.of()))
                .hasMessageContaining("idle-timeout must be at least 100ms, got '50ms'");
    }

    @Test
    void functionsCredentialsAreBoundedByTheirRoleAloneForInstancesOfTwoHoursByDefault() {
        ServerSettings settings = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(settings.functionCredentials()).isEqualTo(OperationKind.WRITE);
        assertThat(settings.instanceMaxLifetime()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void devModeWithoutAccountIdKeysByDefaultAndStrictOnRequest() {
        ServerSettings defaults = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(defaults.mode()).isEqualTo(ExecutionRoleCheck.Mode.DEV);
        assertThat(defaults.accountIdKeys()).isFalse();
        ServerSettings strict = SettingsLoader.load(null, Map.of("GUST_ACCOUNT_ID_KEYS", "true"),
                Map.of("mode", "strict"));
        assertThat(strict.mode()).isEqualTo(ExecutionRoleCheck.Mode.STRICT);
        assertThat(strict.accountIdKeys()).isTrue();
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_ACCOUNT_ID_KEYS", "yes"),
                Map.of("mode", "lenient")))
                .hasMessageContaining("mode must be 'dev' or 'strict', got 'lenient'")
                .hasMessageContaining("account-id-keys must be 'true' or 'false', got 'yes'");
    }

    @Test
    void functionCredentialsNameTheirGrant() {
        Map<String, OperationKind> grants = Map.of("none", OperationKind.IDENTITY, "data-plane", OperationKind.DATA,
                "read", OperationKind.READ, "full", OperationKind.WRITE);
        grants.forEach((value, grant) -> assertThat(SettingsLoader.load(null, Map.of("GUST_FUNCTION_CREDENTIALS", value),
                Map.of()).functionCredentials()).as(value).isEqualTo(grant));
        ServerSettings settings = SettingsLoader.load(null, Map.of(), Map.of("instance-max-lifetime", "30m"));
        assertThat(settings.instanceMaxLifetime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesAnUnknownGrantAndALifetimeItsCredentialsCouldNotCover() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("GUST_FUNCTION_CREDENTIALS", "admin"),
                Map.of("instance-max-lifetime", "12h")))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.numbered()).contains("function-credentials must be 'none', 'data-plane', 'read' or "
                            + "'full', got 'admin'");
                    assertThat(e.numbered()).contains("instance-max-lifetime must be between 1m and 11h");
                });
    }

    @Test
    void logQuotaIsASizeOfAtLeastOneKilobyte() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).logQuotaBytes()).isEqualTo(64L << 20);
        assertThat(SettingsLoader.load(null, Map.of("GUST_LOG_QUOTA", "512KB"), Map.of()).logQuotaBytes())
                .isEqualTo(512L << 10);
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("log-quota", "lots")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.numbered())
                        .contains("log-quota must be a size such as 512KB, 64MB or 1GB, got 'lots'"));
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("log-quota", "100")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.numbered())
                        .contains("log-quota must be at least 1KB"));
    }

    @Test
    void interpretersMapRuntimeIdsToExecutablesAndRefuseAnythingElse() {
        ServerSettings settings = SettingsLoader.load(null, Map.of("GUST_INTERPRETERS",
                "python3.12=/opt/python3.12/bin/python3, java21=/usr/lib/jvm/jdk-21"), Map.of("ruby", "/opt/ruby/bin/ruby"));
        assertThat(settings.interpreters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "python3.12", "/opt/python3.12/bin/python3", "java21", "/usr/lib/jvm/jdk-21"));
        assertThat(settings.ruby()).isEqualTo("/opt/ruby/bin/ruby");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).interpreters()).isEmpty();

        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("interpreters",
                "python3.9=/usr/bin/python3.9,python3.12=python3")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).hasSize(2)
                        .allMatch(problem -> problem.startsWith("interpreters must be runtime-id=/absolute/path pairs")));
    }

    @Test
    void sqsEndpointsSendQueuesOfAnArnPrefixToAnotherEndpointAndRefuseAnythingElse() {
        ServerSettings settings = SettingsLoader.load(null, Map.of("GUST_SQS_ENDPOINTS",
                "arn:aws:sqs:eu-west-1:123456789012:=https://sqs.eu-west-1.amazonaws.com;profile=prod"), Map.of());
        assertThat(settings.sqsEndpoints().find("arn:aws:sqs:eu-west-1:123456789012:orders"))
                .hasValueSatisfying(endpoint -> assertThat(endpoint.profile()).isEqualTo("prod"));
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).sqsEndpoints()
                .find("arn:aws:sqs:eu-west-1:123456789012:orders")).isEmpty();

        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("sqs-endpoints", "eu-west-1=https://x")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("sqs-endpoints entries must be ARN_PREFIX=URL[;profile=NAME], got "
                                + "'eu-west-1=https://x'"));
    }
}
