package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * SQS queues and SNS topics as {@code OnSuccess}/{@code OnFailure} destinations: which ARNs
 * {@code PutFunctionEventInvokeConfig} and {@code UpdateFunctionEventInvokeConfig} accept, with AWS's messages
 * ({@code test_lambda_api.snapshot.json}, {@code put_destination_invalid_service_arn}).
 */
class QueueDestinationsIT {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:records";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:records";
    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of());
        lambda = LambdaClients.forServer(gust.endpoint());
        AsyncTesting.createPython(lambda, "configured", AsyncTesting.PRINTS_EVENT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        if (gust != null) {
            gust.close();
        }
    }

    @Test
    void acceptsQueuesAndTopicsAsDestinationsAndShowsThem() {
        var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").destinationConfig(d -> d
                .onSuccess(s -> s.destination(TOPIC)).onFailure(f -> f.destination(QUEUE))));

        assertThat(put.destinationConfig().onSuccess().destination()).isEqualTo(TOPIC);
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
        var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName("configured").destinationConfig(d -> d
                .onSuccess(s -> s.destination(QUEUE))));
        assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo(QUEUE);
        assertThat(updated.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
    }

    @Test
    void refusesAnotherServicesArnWithAwsMessageAndChangesNothing() {
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE))));
        String iam = "arn:aws:iam:us-east-1:000000000000:function:configured";

        assertRefused(d -> d.onSuccess(s -> s.destination(iam)), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=" + iam + "), onFailure=null) is invalid.");
        assertRefused(d -> d.onSuccess(s -> s.destination(QUEUE)).onFailure(f -> f.destination(
                "arn:aws:sqs:us-east-1:000000000000:q:extra")), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=" + QUEUE + "), onFailure=OnFailure(destination="
                + "arn:aws:sqs:us-east-1:000000000000:q:extra)) is invalid.");
        assertRefused(d -> d.onSuccess(s -> s.destination("arn:aws:s3:::bucket")), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::bucket), onFailure=null) is invalid.");

        var kept = lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured"));
        assertThat(kept.maximumRetryAttempts()).isEqualTo(1);
        assertThat(kept.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
        assertThat(kept.destinationConfig().onSuccess().destination()).isNull();
    }

    @Test
    void refusesEventBusesAndBucketsWithAMessageThatSaysGustCannotYet() {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .destinationConfig(d -> d.onFailure(f -> f.destination(
                        "arn:aws:events:us-east-1:000000000000:event-bus/default")))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                            "Gust cannot deliver to EventBridge event bus destinations yet");
                });
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:s3:::failed-events")))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("Gust cannot deliver to S3 bucket destinations yet"));
    }

    private static void assertRefused(Consumer<DestinationConfig.Builder> destinations, String message) {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .maximumRetryAttempts(0).destinationConfig(destinations)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }
}
