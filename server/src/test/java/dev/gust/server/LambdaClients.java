package dev.gust.server;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Real AWS SDK v2 Lambda clients pointed at a test server. */
final class LambdaClients {

    private LambdaClients() {
    }

    static LambdaClient forServer(URI endpoint) {
        return withKeys(endpoint, GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY);
    }

    static LambdaClient withKeys(URI endpoint, String accessKey, String secretKey) {
        return inRegion(endpoint, Region.US_EAST_1, accessKey, secretKey);
    }

    /** A client of the server's own keys whose requests are scoped to (act in) {@code region}. */
    static LambdaClient inRegion(URI endpoint, Region region) {
        return inRegion(endpoint, region, GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY);
    }

    private static LambdaClient inRegion(URI endpoint, Region region, String accessKey, String secretKey) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
