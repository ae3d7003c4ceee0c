package dev.gust.server;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A program a user might write: the AWS SDK for Java v2 with no endpoint, region or credentials in the code, so
 * everything comes from the environment ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, the key pair).
 * {@code EdgeReadmeIT} runs it in a child JVM whose environment has only those variables.
 */
public final class EndpointUrlProbe {

    private EndpointUrlProbe() {
    }

    public static void main(String[] args) {
        try (StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                LambdaClient lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            System.out.println("sts: " + sts.getCallerIdentity().arn());
            System.out.println("lambda: " + lambda.listFunctions().functions().size() + " functions");
        }
    }
}
