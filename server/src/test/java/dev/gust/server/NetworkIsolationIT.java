package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each instance runs in its own network namespace (as root, the default {@code network: isolated}): a Python function
 * tries every connection a hostile function would, and reports what happened. It reaches the outside world (a TCP
 * server in a test network namespace routed through the host) and Gust through its Runtime API and
 * {@code AWS_ENDPOINT_URL}, but nothing on the host's loopback, no service on the host's other addresses, no abstract
 * Unix socket of the host, and no other instance's Runtime API. Its namespace is removed when the instance ends, and
 * at the next start after a {@code kill -9}.
 */
class NetworkIsolationIT {

    /** The host's listeners: each sends a token on accept, so that a real connection is told from a proxy's. */
    private static final String LISTENERS = """
            import json, socket, sys, threading
            token = sys.argv[1].encode()
            def serve(s):
                while True:
                    c, _ = s.accept()
                    try:
                        c.sendall(token)
                    finally:
                        c.close()
            ports = {}
            def listen(name, family, address):
                s = socket.socket(family, socket.SOCK_STREAM)
                s.bind(address)
                s.listen(64)
                ports[name] = s.getsockname()[1] if family == socket.AF_INET else 0
                threading.Thread(target=serve, args=(s,), daemon=True).start()
            listen("loopback", socket.AF_INET, ("127.0.0.1", 0))
            listen("wildcard", socket.AF_INET, ("0.0.0.0", 0))
            listen("abstract", socket.AF_UNIX, "\\0" + sys.argv[2])
            print(json.dumps(ports), flush=True)
            sys.stdin.read()
            """;
    /** Tries each target: {@code token} when the listener answered, else what the connection did. */
    private static final String PROBE = """
            import os, socket
            def attempt(target, token):
                if target[0] == "abstract":
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    address = "\\0" + target[1]
                else:
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    address = (target[0], int(target[1]))
                s.settimeout(1.5)
                try:
                    s.connect(address)
                except socket.timeout:
                    s.close()
                    return "timeout"
                except OSError as e:
                    s.close()
                    return type(e).__name__
                try:
                    return "token" if s.recv(100) == token.encode() else "connected"
                except OSError:
                    return "connected"
                finally:
                    s.close()
            def handler(event, context):
                results = {name: attempt(target, event["token"]) for name, target in event["targets"].items()}
                results["runtimeApi"] = os.environ["AWS_LAMBDA_RUNTIME_API"]
                results["endpointUrl"] = os.environ["AWS_ENDPOINT_URL"]
                if event.get("sts"):
                    import boto3
                    results["arn"] = boto3.client("sts").get_caller_identity()["Arn"]
                return results
            """;
    private static final String VICTIM = """
            import os
            def handler(event, context):
                return {"runtimeApi": os.environ["AWS_LAMBDA_RUNTIME_API"], "uid": os.getuid()}
            """;

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static OutsideNetwork outside;
    private static Process listeners;
    private static JsonNode ports;
    private static final String TOKEN = "gust-" + UUID.randomUUID();
    private static final String ABSTRACT = "gust-test-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        outside = OutsideNetwork.create(TOKEN);
        listeners = new ProcessBuilder("/usr/bin/python3", "-c", LISTENERS, TOKEN, ABSTRACT).start();
        ports = TestFunctions.JSON.readTree(new BufferedReader(new InputStreamReader(listeners.getInputStream(),
                StandardCharsets.UTF_8)).readLine());
        server.functions().create("probe", "python3.12", "app.handler", Map.of("app.py", PROBE),
                b -> b.timeout(60));
        server.functions().create("victim", "python3.12", "app.handler", Map.of("app.py", VICTIM));
    }

    @AfterAll
    static void stop() throws Exception {
        if (listeners != null) {
            listeners.destroyForcibly();
        }
        if (outside != null) {
            outside.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFunctionReachesTheOutsideAndGustButNothingElseOfTheHost() throws Exception {
        String victimApi = server.functions().invokeForJson("victim", "{}").get("runtimeApi").asText();
        String ownApi = server.functions().invokeForJson("probe", TestFunctions.JSON.writeValueAsString(
                Map.of("token", TOKEN, "targets", Map.of()))).get("runtimeApi").asText();
        String gateway = ownApi.split(":")[0];
        Map<String, List<String>> targets = new LinkedHashMap<>();
        targets.put("outside", List.of(OutsideNetwork.SERVER_ADDRESS, Integer.toString(OutsideNetwork.PORT)));
        targets.put("hostLoopback", List.of("127.0.0.1", ports.get("loopback").asText()));
        targets.put("hostWildcardOnLoopback", List.of("127.0.0.1", ports.get("wildcard").asText()));
        targets.put("gustOnLoopback", List.of("127.0.0.1", Integer.toString(server.gust().endpoint().getPort())));
        for (String address : hostAddresses()) {
            targets.put("hostWildcardAt " + address, List.of(address, ports.get("wildcard").asText()));
            targets.put("gustAt " + address, List.of(address, Integer.toString(server.gust().endpoint().getPort())));
        }
        targets.put("abstractSocket", List.of("abstract", ABSTRACT));
        targets.put("anotherInstancesRuntimeApi", List.of(victimApi.split(":")));
        targets.put("ownGatewayWildcard", List.of(gateway, ports.get("wildcard").asText()));

        JsonNode results = server.functions().invokeForJson("probe", TestFunctions.JSON.writeValueAsString(
                Map.of("token", TOKEN, "targets", targets, "sts", true)));

        assertThat(results.get("runtimeApi").asText()).as("the same warm instance").isEqualTo(ownApi);
        assertThat(results.get("outside").asText()).as("a server outside the host").isEqualTo("token");
        assertThat(results.get("arn").asText()).as("Gust's STS through AWS_ENDPOINT_URL")
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/" + FunctionLifecycleIT.ROLE.replaceAll(".*/", "")
                        + "/probe");
        assertThat(results.get("endpointUrl").asText()).startsWith("http://" + gateway + ":");
        for (String name : targets.keySet()) {
            if (!name.equals("outside")) {
                assertThat(results.get(name).asText()).as(name).isIn("ConnectionRefusedError", "timeout");
            }
        }
        assertThat(results.get("hostLoopback").asText()).isEqualTo("ConnectionRefusedError");
        assertThat(results.get("abstractSocket").asText()).isEqualTo("ConnectionRefusedError");
        assertThat(results.get("anotherInstancesRuntimeApi").asText()).isEqualTo("timeout");
        // the victim is unharmed
        assertThat(server.functions().invokeForJson("victim", "{}").get("runtimeApi").asText()).isEqualTo(victimApi);
    }

    @Test
    void anInstancesNamespaceIsRemovedWhenItEndsAndAfterAKillOfTheServerAndTwoServersNeverShareOne(
            @TempDir Path otherDataDir) throws Exception {
        server.functions().create("ends", "python3.12", "app.handler", Map.of("app.py", VICTIM));
        Path namespace = namespaceOf(server.functions().invokeForJson("ends", "{}").get("runtimeApi").asText());
        Object identity = identity(namespace);

        server.lambda().deleteFunction(b -> b.functionName("ends"));

        awaitGone(namespace, identity, "after the instance ended");

        JsonNode running = server.functions().invokeForJson("victim", "{}");
        try (TestServer killed = TestServer.start(otherDataDir, Map.of())) {
            killed.functions().create("orphan", "python3.12", "app.handler", Map.of("app.py", VICTIM));
            JsonNode orphan = killed.functions().invokeForJson("orphan", "{}");
            Path orphaned = namespaceOf(orphan.get("runtimeApi").asText());
            Object orphanedIdentity = identity(orphaned);
            // two servers on one host lease distinct uids and distinct network slots
            assertThat(orphan.get("uid").asInt()).isNotEqualTo(running.get("uid").asInt());
            assertThat(orphaned).isNotEqualTo(namespaceOf(running.get("runtimeApi").asText()));
            killed.gust().kill();
            killed.gust().awaitExit(Duration.ofSeconds(10));
            assertThat(identity(orphaned)).as("a kill -9 leaves the namespace").isEqualTo(orphanedIdentity);

            try (TestServer restarted = TestServer.start(otherDataDir, Map.of())) {
                // the slot may serve a new namespace (a spare) by now, never the orphaned one
                awaitGone(orphaned, orphanedIdentity, "after the next start's sweep");
            }
        }
    }

    /**
     * The interface index of the namespace's host end: tells a namespace from a later one of the same name (the
     * kernel hands out interface indexes cyclically, where it reuses a freed namespace inode at once).
     */
    private static Object identity(Path namespace) throws IOException {
        return Files.readString(Path.of("/sys/class/net", namespace.getFileName().toString(), "ifindex")).trim();
    }

    /** The namespace named after the slot whose gateway is the Runtime API's host (two addresses per slot). */
    private static Path namespaceOf(String runtimeApi) {
        String[] octets = runtimeApi.split(":")[0].split("\\.");
        assertThat(octets[0] + "." + octets[1]).isIn("198.18", "198.19");
        int slot = ((Integer.parseInt(octets[1]) - 18) * 65536 + Integer.parseInt(octets[2]) * 256
                + Integer.parseInt(octets[3])) / 2;
        return Path.of("/run/netns", "gsi" + slot);
    }

    private static void awaitGone(Path namespace, Object identity, String when) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (isStill(namespace, identity) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(isStill(namespace, identity)).as("the instance's namespace " + when).isFalse();
    }

    private static boolean isStill(Path namespace, Object identity) throws IOException {
        try {
            return identity(namespace).equals(identity);
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // gone (or a new namespace of that name whose link is not there yet)
        }
    }

    /** The host's own IPv4 addresses outside loopback (and outside the instances' range). */
    private static List<String> hostAddresses() throws IOException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isLoopback() || nic.getName().startsWith("gsi") || nic.getName().startsWith("gto")) {
                continue;
            }
            nic.inetAddresses().filter(Inet4Address.class::isInstance)
                    .forEach(address -> addresses.add(address.getHostAddress()));
        }
        return addresses;
    }
}
