package dev.gust.server;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real AWS SDK v2 SQS clients (the JSON 1.0 protocol) pointed at a test server. */
final class SqsClients {

    private SqsClients() {
    }

    static SqsClient forServer(URI endpoint) {
        return withKeys(endpoint, GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY);
    }

    static SqsClient withKeys(URI endpoint, String accessKey, String secretKey) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** The async client, as the SQS poller uses it. */
    static SqsAsyncClient async(URI endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(GustProcess.ACCESS_KEY,
                        GustProcess.SECRET_KEY)))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
