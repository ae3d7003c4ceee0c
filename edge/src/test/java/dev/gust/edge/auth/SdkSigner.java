package dev.gust.edge.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer ({@link AwsV4HttpSigner}, its defaults: double
 * URL encoding and path normalization on, as for every service but S3) at a fixed time. Immutable.
 *
 * @param credentials the key pair to sign with
 * @param sessionToken a session token to send as {@code X-Amz-Security-Token}, or {@code null}
 * @param region the region of the credential scope
 * @param service the service of the credential scope
 * @param signedAt the signing time
 */
record SdkSigner(Credentials credentials, String sessionToken, String region, String service, Instant signedAt) {

    static final String ENDPOINT_HOST = "lambda.us-east-1.amazonaws.com";

    static SdkSigner lambda(Credentials credentials, Instant signedAt) {
        return new SdkSigner(credentials, null, "us-east-1", "lambda", signedAt);
    }

    SdkSigner withRegion(String otherRegion) {
        return new SdkSigner(credentials, sessionToken, otherRegion, service, signedAt);
    }

    SdkSigner withService(String otherService) {
        return new SdkSigner(credentials, sessionToken, region, otherService, signedAt);
    }

    SdkSigner withCredentials(Credentials other) {
        return new SdkSigner(other, sessionToken, region, service, signedAt);
    }

    SdkSigner withSessionToken(String token) {
        return new SdkSigner(credentials, token, region, service, signedAt);
    }

    SdkSigner at(Instant time) {
        return new SdkSigner(credentials, sessionToken, region, service, time);
    }

    /** An HTTPS request to the Lambda endpoint; {@code encodedPath} is already percent-encoded, as the SDK's serializers leave it. */
    static SdkHttpFullRequest.Builder request(SdkHttpMethod method, String encodedPath) {
        return SdkHttpFullRequest.builder().method(method).protocol("https").host(ENDPOINT_HOST).encodedPath(encodedPath);
    }

    /** Signs with an {@code Authorization} header. */
    WireRequest sign(SdkHttpFullRequest request) {
        return sign(request, builder -> { });
    }

    /** Signs with an {@code Authorization} header and without hashing the payload ({@code UNSIGNED-PAYLOAD}). */
    WireRequest signWithUnsignedPayload(SdkHttpFullRequest request) {
        return sign(request, builder -> builder.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    /** Signs with an {@code Authorization} header, encoding the path only once, as the SDK does for S3 alone. */
    WireRequest signWithoutDoubleUrlEncoding(SdkHttpFullRequest request) {
        return sign(request, builder -> builder.putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false));
    }

    /** Signs in the query string, as the SDK's presigners do. */
    WireRequest presign(SdkHttpFullRequest request, Duration expiry) {
        return sign(request, builder -> builder
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry));
    }

    /** Signs in the query string with {@code UNSIGNED-PAYLOAD}, as the SDK's S3 presigner does. */
    WireRequest presignWithUnsignedPayload(SdkHttpFullRequest request, Duration expiry) {
        return sign(request, builder -> builder
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    private WireRequest sign(SdkHttpFullRequest request,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), sessionToken);
        ContentStreamProvider payload = request.contentStreamProvider().orElse(null);
        var signed = AwsV4HttpSigner.create().sign(builder -> {
            builder.identity(identity).request(request).payload(payload)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
            options.accept(builder);
        });
        byte[] body = signed.payload().map(SdkSigner::readAll).orElse(new byte[0]);
        return WireRequest.of(signed.request().method().name(), signed.request().getUri(), signed.request().headers(), body);
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
