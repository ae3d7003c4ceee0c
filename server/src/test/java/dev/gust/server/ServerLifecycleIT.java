package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Starting, stopping, restarting and crashing the server process. */
class ServerLifecycleIT {

    @TempDir
    Path dataDir;

    @Test
    void functionsSurviveARestart() throws Exception {
        byte[] zip = TestZips.pythonHandler("1");
        try (GustProcess gust = GustProcess.start(dataDir); LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            lambda.createFunction(b -> b.functionName("durable").runtime(Runtime.PYTHON3_12).role(FunctionLifecycleIT.ROLE)
                    .handler("lambda_function.lambda_handler").description("kept")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        }
        try (GustProcess gust = GustProcess.start(dataDir); LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            var found = lambda.getFunctionConfiguration(b -> b.functionName("durable"));
            assertThat(found.description()).isEqualTo("kept");
            assertThat(FunctionLifecycleIT.download(lambda.getFunction(b -> b.functionName("durable")).code().location()))
                    .isEqualTo(zip);
        }
    }

    @Test
    void sigtermStopsTheServerGracefully() throws Exception {
        GustProcess gust = GustProcess.start(dataDir);
        gust.close();
        assertThat(gust.exitCode()).isIn(0, 143);
        assertThat(gust.output()).contains("Gust is shutting down").contains("Gust stopped.");
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefused() throws Exception {
        try (GustProcess first = GustProcess.start(dataDir)) {
            GustProcess second = GustProcess.launch(dataDir, Map.of());
            assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(second.output()).contains("Another Gust server is already running on data dir")
                    .contains("pid " + first.pid());
        }
    }

    @Test
    void invalidSettingsStopStartupWithANumberedList() throws Exception {
        Path config = dataDir.resolve("gust.yaml");
        Files.writeString(config, "prot: 9000\nregion: mars\n");
        GustProcess gust = GustProcess.launch(dataDir, Map.of("GUST_CONCURRENCY", "lots"), "--config", config.toString());
        assertThat(gust.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(gust.output()).contains("the configuration has 3 problems:")
                .contains("1. unknown setting 'prot'").contains("did you mean 'port'?")
                .contains("region 'mars' is not an AWS region name")
                .contains("concurrency must be a whole number, got 'lots'");
    }

    @Test
    void generatesCredentialsOnFirstStartAndKeepsThemPrivate() throws Exception {
        GustProcess gust = GustProcess.launch(dataDir, Map.of());
        gust.awaitReady();
        try {
            Path credentials = dataDir.resolve("credentials");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            String stored = Files.readString(credentials);
            String accessKey = stored.lines().filter(l -> l.startsWith("aws_access_key_id=")).findFirst().orElseThrow()
                    .substring("aws_access_key_id=".length());
            String secretKey = stored.lines().filter(l -> l.startsWith("aws_secret_access_key=")).findFirst()
                    .orElseThrow().substring("aws_secret_access_key=".length());
            assertThat(gust.output()).contains("export AWS_ACCESS_KEY_ID=" + accessKey)
                    .contains("export AWS_SECRET_ACCESS_KEY=" + secretKey)
                    .contains("export AWS_ENDPOINT_URL=" + gust.endpoint())
                    .contains("export AWS_REGION=us-east-1");
            try (LambdaClient lambda = LambdaClients.withKeys(gust.endpoint(), accessKey, secretKey)) {
                assertThat(lambda.listFunctions().functions()).isEmpty();
            }
        } finally {
            gust.close();
        }
    }

    @Test
    void aKillDuringCreatesLeavesWholeFunctionsAndNoOrphanedPackages() throws Exception {
        GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = LambdaClients.forServer(gust.endpoint());
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            String name = "crash-" + i;
            byte[] zip = TestZips.pythonHandler("'" + "x".repeat(i) + "'");
            clients.submit(() -> {
                lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12)
                        .role(FunctionLifecycleIT.ROLE).handler("lambda_function.lambda_handler")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
                acknowledged.add(name);
                return null;
            });
        }
        while (acknowledged.size() < 20) {
            Thread.sleep(5);
        }
        gust.kill();
        clients.shutdownNow();
        lambda.close();

        try (GustProcess restarted = GustProcess.start(dataDir);
                LambdaClient after = LambdaClients.forServer(restarted.endpoint())) {
            Set<String> listed = new HashSet<>();
            after.listFunctionsPaginator().functions().forEach(f -> listed.add(f.functionName()));
            assertThat(listed).containsAll(acknowledged);
            Set<String> referenced = new HashSet<>();
            for (String name : listed) {
                var c = after.getFunctionConfiguration(b -> b.functionName(name));
                byte[] code = FunctionLifecycleIT.download(after.getFunction(b -> b.functionName(name)).code().location());
                assertThat(code.length).isEqualTo(c.codeSize().intValue());
                referenced.add(c.codeSha256());
            }
            assertThat(storedPackages()).hasSameSizeAs(referenced);
        }
    }

    private Set<String> storedPackages() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("code"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".zip")).collect(Collectors.toSet());
        }
    }
}
