package dev.gust.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The peer baseline: serverless-offline 13.9.0 under serverless 3.40.0 (both from npm, both offline), serving the
 * same Node.js handler file Gust runs through its Lambda-compatible invoke port. Handlers run in worker threads
 * (serverless-offline's default) unless {@code inProcess}.
 */
final class PeerServer implements AutoCloseable {

    static final String SERVERLESS = "3.40.0";
    static final String OFFLINE = "13.9.0";
    /** serverless names a function {@code <service>-<stage>-<function>}. */
    static final String FUNCTION = "gust-bench-dev-noop";

    private final ChildProcess process;
    private final int lambdaPort;

    private PeerServer(ChildProcess process, int lambdaPort) {
        this.process = process;
        this.lambdaPort = lambdaPort;
    }

    static PeerServer start(Path peerDir, boolean inProcess) throws IOException {
        install(peerDir);
        Files.writeString(peerDir.resolve("index.js"), NoopFunctions.NODE);
        Files.writeString(peerDir.resolve("serverless.yml"), """
                service: gust-bench
                frameworkVersion: '3'
                provider:
                  name: aws
                  runtime: nodejs20.x
                  region: us-east-1
                  stage: dev
                plugins:
                  - serverless-offline
                functions:
                  noop:
                    handler: index.handler
                    timeout: 30
                """);
        int lambdaPort = ChildProcess.freePort();
        List<String> command = new java.util.ArrayList<>(List.of("node",
                peerDir.resolve("node_modules/serverless/bin/serverless.js").toString(), "offline", "start",
                "--lambdaPort", Integer.toString(lambdaPort), "--httpPort", Integer.toString(ChildProcess.freePort()),
                "--websocketPort", Integer.toString(ChildProcess.freePort()), "--noPrependStageInUrl", "--noTimeout"));
        if (inProcess) {
            command.add("--useInProcess");
        }
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "SLS_TELEMETRY_DISABLED", "1", "SLS_NOTIFICATIONS_MODE", "off", "SLS_DEPRECATION_DISABLE", "*",
                "SLS_INTERACTIVE_SETUP_DISABLE", "1");
        ChildProcess process = ChildProcess.start("serverless-offline", command, peerDir, env,
                peerDir.resolve("offline.log"));
        try {
            process.awaitHttp("http://127.0.0.1:" + lambdaPort + "/", Duration.ofSeconds(60));
        } catch (IOException e) {
            process.close();
            throw e;
        }
        return new PeerServer(process, lambdaPort);
    }

    /** Installs the pinned packages with npm unless they are there already. */
    static void install(Path peerDir) throws IOException {
        Path marker = peerDir.resolve("node_modules/serverless-offline/package.json");
        if (Files.exists(marker) && Files.readString(marker).contains("\"version\": \"" + OFFLINE + "\"")
                && Files.readString(peerDir.resolve("node_modules/serverless/package.json"))
                .contains("\"version\": \"" + SERVERLESS + "\"")) {
            return;
        }
        Files.createDirectories(peerDir);
        if (!Files.exists(peerDir.resolve("package.json"))) {
            Files.writeString(peerDir.resolve("package.json"), "{\"name\":\"gust-bench-peer\",\"private\":true}\n");
        }
        NoopFunctions.run(List.of("npm", "install", "--no-audit", "--no-fund", "serverless@" + SERVERLESS,
                "serverless-offline@" + OFFLINE), peerDir);
    }

    int port() {
        return lambdaPort;
    }

    RequestTemplate request(String payload) {
        return RequestTemplate.invoke(GustProcess.signer(), lambdaPort, FUNCTION, NoopFunctions.bytes(payload), Map.of());
    }

    @Override
    public void close() {
        process.close();
    }
}
