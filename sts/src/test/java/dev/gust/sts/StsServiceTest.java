package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.edge.Caller;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class StsServiceTest {

    private static final Caller ROOT = new Caller("000000000000", "arn:aws:iam::000000000000:root", "000000000000",
            "AKGUEXAMPLE0000000000", OperationKind.WRITE, null);

    private final SessionTokens tokens = new SessionTokens("server-secret-for-the-tests",
            () -> Instant.parse("2026-12-07T12:00:00Z"));
    private final StsService sts = new StsService(tokens, new KnownRoles()
            .add("arn:aws:iam::000000000000:role/deployer", "AROAEXAMPLEDEPLOYER01", 3600));
    private final FakeEdge edge = new FakeEdge();
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        sts.register(edge);
        edge.callAs(ROOT);
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(edge.router(vertx)).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void isTheQueryProtocolServiceNamedSts() {
        assertThat(sts.signingName()).isEqualTo("sts");
        assertThat(sts.protocol()).isEqualTo(Protocol.QUERY);
        assertThat(sts.maxRequestBytes()).isEqualTo(64 * 1024);
        assertThat(edge.operation("GetCallerIdentity").kind()).isEqualTo(OperationKind.IDENTITY);
        assertThat(edge.operation("AssumeRole").action()).isEqualTo("sts:AssumeRole");
        assertThat(edge.operation("AssumeRole").kind()).isEqualTo(OperationKind.DATA);
    }

    @Test
    void answersGetCallerIdentityPostedAsAForm() throws Exception {
        HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        Element result = StsXmlTest.result(response.body(), "GetCallerIdentity");
        assertThat(StsXmlTest.text(result, "Arn")).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(StsXmlTest.text(result, "UserId")).isEqualTo("000000000000");
        assertThat(StsXmlTest.text(result, "Account")).isEqualTo("000000000000");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
                id -> assertThat(response.body()).contains("<RequestId>" + id + "</RequestId>"));
    }

    @Test
    void answersAGetWithTheParametersInTheUrl() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("?Action=GetCallerIdentity&Version=2011-06-15"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Arn>arn:aws:iam::000000000000:root</Arn>");
    }

    @Test
    void assumeRoleAnswersCredentialsThatTheResolverAccepts() throws Exception {
        HttpResponse<String> response = post("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdeployer&RoleSessionName=ci&DurationSeconds=900");

        assertThat(response.statusCode()).isEqualTo(200);
        Element result = StsXmlTest.result(response.body(), "AssumeRole");
        String accessKeyId = StsXmlTest.text(result, "AccessKeyId");
        Caller session = new SessionCredentialsResolver(tokens)
                .resolve(accessKeyId, StsXmlTest.text(result, "SessionToken")).orElseThrow().caller();
        assertThat(session.arn()).isEqualTo(StsXmlTest.text(result, "Arn"))
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/deployer/ci");
        assertThat(session.userId()).isEqualTo(StsXmlTest.text(result, "AssumedRoleId"));
        assertThat(StsXmlTest.text(result, "Expiration")).isEqualTo("2026-12-07T12:15:00Z");
        assertThat(response.body()).doesNotContain("PackedPolicySize");
    }

    @Test
    void deniesRolesOfOtherAccountsNamingTheRoleAsTheResource() throws Exception {
        assertAnswers("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fx&RoleSessionName=ci",
                403, "ACCESS_DENIED: User: arn:aws:iam::000000000000:root is not authorized to perform: "
                        + "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x");
        assertThat(edge.lastResource()).isEqualTo("arn:aws:iam::123456789012:role/x");
        post("Action=GetCallerIdentity");
        assertThat(edge.lastResource()).isEqualTo("*");
    }

    @Test
    void offersAnExistingRolesTrustPolicyCompiledOnceAsTheResourcePolicy() {
        var trust = sts.resourcePolicy("arn:aws:iam::000000000000:role/deployer").orElseThrow();

        assertThat(trust.document()).isEqualTo(KnownRoles.TRUST);
        assertThat(sts.resourcePolicy("arn:aws:iam::000000000000:role/deployer")).containsSame(trust);
        assertThat(sts.resourcePolicy("arn:aws:iam::000000000000:role/absent")).isEmpty();
        assertThat(sts.resourcePolicy("*")).isEmpty();
    }

    @Test
    void letsTheEdgeWriteValidationErrors() throws Exception {
        assertAnswers("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fx&RoleSessionName=ci"
                + "&DurationSeconds=10", 400, "ValidationError: 1 validation error detected: Value '10' at "
                + "'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    }

    private void assertAnswers(String form, int status, String body) throws Exception {
        HttpResponse<String> response = post(form);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    private HttpResponse<String> post(String form) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/" + query);
    }
}
