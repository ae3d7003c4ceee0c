package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Gust run as an ordinary user (here {@code nobody}, started by this root test with {@code setpriv}): network
 * isolation is not possible, the server says so in one line at startup and instances share the host's network; every
 * instance runs as Gust's own host uid, and its Runtime API closes the connections of every other host user unread,
 * where it used to serve any local process.
 */
class NonRootServerIT {

    private static final int NOBODY = 65_534;
    private static final String REPORT = """
            import os
            def handler(event, context):
                return {"runtimeApi": os.environ["AWS_LAMBDA_RUNTIME_API"], "uid": os.getuid()}
            """;

    @TempDir
    Path temp;

    @Test
    void asAnOrdinaryUserTheRuntimeApiServesThatUserOnly() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "starting a server as another user needs root");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Files.setAttribute(dataDir, "unix:uid", NOBODY);
        Files.setAttribute(dataDir, "unix:gid", NOBODY);
        try (GustProcess gust = GustProcess.startAs(NOBODY, dataDir);
                LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            assertThat(gust.output()).contains("network: isolated needs bubblewrap as root")
                    .contains("network: host (instances share the host's network and loopback)");
            TestFunctions functions = new TestFunctions(lambda);
            functions.create("report", "python3.12", "app.handler", Map.of("app.py", REPORT));

            JsonNode report = functions.invokeForJson("report", "{}");

            assertThat(report.get("uid").asInt()).as("Lambda's uid, in a user namespace").isEqualTo(993);
            String api = report.get("runtimeApi").asText();
            assertThat(api).startsWith("127.0.0.1:");
            // this test runs as root: another host user than the server's
            assertThat(postAsThisUser(api)).isEmpty();
            assertThat(postAs(NOBODY, api)).contains("InvalidRequestID");
            assertThat(functions.invokeForJson("report", "{}").get("runtimeApi").asText()).isEqualTo(api);
        }
    }

    /** A forged response for a made-up request id, from this process; what came back, empty if closed unread. */
    private static String postAsThisUser(String api) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(api.split(":")[1]))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /2018-06-01/runtime/invocation/forged/response HTTP/1.1\r\n"
                    + "Host: x\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return ""; // reset
            }
        }
    }

    /** The same request from a process of {@code uid}. */
    private static String postAs(int uid, String api) throws Exception {
        Process curl = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "/usr/bin/curl", "-s", "-m", "10", "-X", "POST", "-d", "{}",
                "http://" + api + "/2018-06-01/runtime/invocation/forged/response").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor(15, TimeUnit.SECONDS);
        return output;
    }
}
