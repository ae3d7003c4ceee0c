package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A publish SNS acknowledged is never lost: boto3 publishes a burst from several threads to a topic that fans out to
 * a function, the server is SIGKILLed in the middle of it, and after a restart on the same data dir every
 * acknowledged message reaches the function.
 */
class SnsDurabilityIT {

    private static final int MESSAGES = 600;
    private static final int KILL_AFTER_ACKNOWLEDGED = 200;
    private static final Pattern RAN = Pattern.compile("SNSBURST (burst-\\d{4})");
    private static final Pattern ACK = Pattern.compile("ACK (burst-\\d{4}) [0-9a-f-]{36}");

    /** Publishes the burst with 8 threads; prints one line per acknowledged publish, as soon as it is answered. */
    private static final String PUBLISHER = """
            import os, sys, threading, boto3, botocore.config
            sns = boto3.client("sns", endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                config=botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10))
            lock = threading.Lock()
            def publish(start):
                for i in range(start, %d, 8):
                    body = "burst-%%04d" %% i
                    try:
                        answer = sns.publish(TopicArn=sys.argv[1], Message=body)
                    except Exception:
                        continue  # the server is gone: not acknowledged, so not promised
                    with lock:
                        print("ACK", body, answer["MessageId"], flush=True)
            threads = [threading.Thread(target=publish, args=(t,)) for t in range(8)]
            for t in threads: t.start()
            for t in threads: t.join()
            """.formatted(MESSAGES);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void everyAcknowledgedPublishReachesTheFunctionAfterAKillInTheMiddleOfABurst() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String topic;
        GustProcess gust = AsyncTesting.start(dataDir, Map.of());
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            topic = SnsTesting.createTopic(gust, "burst");
            AsyncTesting.createPython(lambda, "burst", """
                    def handler(event, context):
                        print("SNSBURST " + event["Records"][0]["Sns"]["Message"])
                    """);
            lambda.addPermission(b -> b.functionName("burst").statementId("sns").action("lambda:InvokeFunction")
                    .principal("sns.amazonaws.com").sourceArn(topic));
            SnsTesting.subscribe(gust, topic, "lambda", AsyncTesting.FUNCTION_ARN + "burst");

            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3",
                    SnsTesting.script(work, "publish.py", PUBLISHER).toString(), topic).redirectErrorStream(true);
            ReadmeShell.clientEnvironment(builder.environment(), gust);
            Process publisher = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(publisher.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher ack = ACK.matcher(line);
                    if (ack.matches()) {
                        acknowledged.add(ack.group(1));
                        if (acknowledged.size() == KILL_AFTER_ACKNOWLEDGED) {
                            gust.kill();
                        }
                    }
                }
            }
            assertThat(publisher.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            gust.kill();
        }
        Set<String> promised = Set.copyOf(acknowledged);
        System.out.printf("[measure] %d of %d SNS publishes acknowledged before SIGKILL; %d of them had reached the "
                + "function before the kill%n", promised.size(), MESSAGES,
                ran().stream().filter(promised::contains).count());
        assertThat(promised.size()).as("the kill came in the middle of the burst")
                .isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED).isLessThan(MESSAGES);

        try (GustProcess again = AsyncTesting.start(dataDir, Map.of())) {
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ran()).containsAll(promised));
            assertThat(ran()).allSatisfy(id -> assertThat(id).matches("burst-\\d{4}"));
            // the topic and its subscription survived too: a new publish reaches the function
            SnsTesting.aws(again, "sns", "publish", "--topic-arn", topic, "--message", "burst-9999");
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ran()).contains("burst-9999"));
        }
    }

    /** The messages the function printed so far, before or after the restart. */
    private Set<String> ran() {
        Set<String> ids = new HashSet<>();
        Matcher m = RAN.matcher(AsyncTesting.logs(dataDir, "burst"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
