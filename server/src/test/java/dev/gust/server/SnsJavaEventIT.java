package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The typed oracle of the SNS event: a Java function on the official runtime interface client takes what a topic
 * delivers as aws-lambda-java-events' {@code SNSEvent}, every field read back.
 */
class SnsJavaEventIT {

    static final String HANDLER = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.SNSEvent;
            public class Reader implements RequestHandler<SNSEvent, String> {
                public String handleRequest(SNSEvent event, Context context) {
                    SNSEvent.SNSRecord record = event.getRecords().get(0);
                    SNSEvent.SNS sns = record.getSNS();
                    SNSEvent.MessageAttribute color = sns.getMessageAttributes().get("color");
                    System.out.println(String.join("|", "SNSJAVA", record.getEventSource(), record.getEventVersion(),
                            record.getEventSubscriptionArn(), sns.getType(), sns.getMessageId(), sns.getTopicArn(),
                            sns.getSubject(), sns.getMessage(), String.valueOf(sns.getTimestamp().getMillis()),
                            sns.getSignatureVersion(), String.valueOf(sns.getSignature().length() > 100),
                            sns.getSigningCertUrl(), sns.getUnsubscribeUrl(), color.getType(), color.getValue(),
                            String.valueOf(event.getRecords().size())));
                    return "ok";
                }
            }
            """;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void aJavaFunctionReadsEveryFieldOfTheSnsEvent() throws Exception {
        try (GustProcess gust = AsyncTesting.start(dataDir, Map.of());
                LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            Path eventsJar = jarOf(SNSEvent.class);
            Path jodaJar = jarOf(DateTime.class);
            Map<String, byte[]> files = new LinkedHashMap<>(TestZips.javaClassFiles(work,
                    Map.of("example/Reader.java", HANDLER), List.of(eventsJar, jodaJar)));
            files.put("lib/" + eventsJar.getFileName(), Files.readAllBytes(eventsJar));
            files.put("lib/" + jodaJar.getFileName(), Files.readAllBytes(jodaJar));
            new TestFunctions(lambda).create("java-sns", "java21", "example.Reader::handleRequest",
                    TestZips.zipBytes(files), b -> b.memorySize(512).timeout(30));
            String topic = SnsTesting.createTopic(gust, "typed");
            lambda.addPermission(b -> b.functionName("java-sns").statementId("sns").action("lambda:InvokeFunction")
                    .principal("sns.amazonaws.com").sourceArn(topic));
            String subscription = SnsTesting.subscribe(gust, topic, "lambda", AsyncTesting.FUNCTION_ARN + "java-sns");

            String messageId = SnsTesting.aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "typed hello",
                    "--subject", "typed", "--message-attributes",
                    "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"red\"}}").path("MessageId").asText();

            String[] line = new String[1];
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                line[0] = AsyncTesting.logs(dataDir, "java-sns").lines().filter(l -> l.startsWith("SNSJAVA|"))
                        .findFirst().orElse(null);
                return line[0] != null;
            });
            String[] fields = line[0].split("\\|", -1);
            assertThat(List.of(fields).subList(1, 9)).containsExactly("aws:sns", "1.0", subscription,
                    "Notification", messageId, topic, "typed", "typed hello");
            assertThat(Long.parseLong(fields[9])).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset
                    .offset(300_000L));
            assertThat(fields[10]).isEqualTo("1");
            assertThat(fields[11]).isEqualTo("true");
            assertThat(fields[12]).startsWith(gust.endpoint() + "/_gust/sns/SimpleNotificationService-").endsWith(".pem");
            assertThat(fields[13]).startsWith(gust.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=");
            assertThat(List.of(fields).subList(14, 17)).containsExactly("String", "red", "1");
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
