package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** Every API request must carry a valid SigV4 signature made with the server's key pair. */
class AuthenticationIT {

    @TempDir
    static Path dataDir;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void signedRequestsWithTheServerKeyPairAreServed() {
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            assertThat(lambda.listFunctions().functions()).isEmpty();
        }
    }

    @Test
    void aWrongSecretKeyGetsInvalidSignature() {
        try (LambdaClient lambda = LambdaClients.withKeys(gust.endpoint(), GustProcess.ACCESS_KEY, "wrong-secret-key-123456")) {
            assertThatThrownBy(lambda::listFunctions).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request signature we calculated does not "
                        + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                        + "Consult the service documentation for details.");
            });
        }
    }

    @Test
    void anUnknownAccessKeyGetsUnrecognizedClient() {
        try (LambdaClient lambda = LambdaClients.withKeys(gust.endpoint(), "AKIDUNKNOWNKEY000000", GustProcess.SECRET_KEY)) {
            assertThatThrownBy(lambda::listFunctions).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
            });
        }
    }

    @Test
    void anUnsignedRequestGetsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gust.endpoint() + "/2015-03-31/functions/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void aForgedAuthorizationHeaderIsRejected() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gust.endpoint() + "/2015-03-31/functions/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + GustProcess.ACCESS_KEY
                        + "/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .header("X-Amz-Date", "20240101T000000Z").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body()).contains("Signature expired: 20240101T000000Z is now earlier than");
    }

    @Test
    void healthNeedsNoCredentials() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gust.endpoint() + "/_gust/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"",
                "\"services\":[\"lambda\",\"sts\",\"iam\",\"organizations\",\"apigateway\",\"sqs\",\"sns\"]");
    }
}
