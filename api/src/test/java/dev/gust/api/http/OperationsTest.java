package dev.gust.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.api.invoke.InvokeRoute;
import dev.gust.api.invoke.InvokeWithResponseStreamRoute;
import dev.gust.edge.Caller;
import dev.gust.edge.OperationKind;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda's operations carry AWS's IAM actions and kinds, and name the function they act on for access denials. */
class OperationsTest {

    static Vertx vertx;
    static HttpServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> { // what the edge puts there: the caller, and the credential scope's region
            String account = ctx.request().headers().get("X-Test-Account");
            ctx.put(Caller.class.getName(), Caller.accountRoot(account == null ? "000000000000" : account, "AKIDTEST"));
            String region = ctx.request().headers().get("X-Test-Region");
            ctx.put(ServiceRoutes.REGION, region == null ? "us-east-1" : region);
            ctx.next();
        });
        router.route("/2015-03-31/functions/:FunctionName/*").handler(ctx -> ctx.response()
                .end(Operations.resource(ctx)));
        router.route("/2018-10-31/layers/:LayerName/versions/:VersionNumber").handler(ctx -> ctx.response()
                .end(Operations.resource(ctx)));
        router.route("/2016-08-19/account-settings").handler(ctx -> ctx.response().end(Operations.resource(ctx)));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void getAndListReadEverythingElseWrites() {
        assertThat(Operations.lambda("GetFunctionConfiguration").action()).isEqualTo("lambda:GetFunctionConfiguration");
        assertThat(Operations.lambda("GetFunctionConfiguration").kind()).isEqualTo(OperationKind.READ);
        assertThat(Operations.lambda("ListVersionsByFunction").kind()).isEqualTo(OperationKind.READ);
        assertThat(Operations.lambda("PublishLayerVersion").kind()).isEqualTo(OperationKind.WRITE);
        assertThat(Operations.lambda("DeleteFunction").kind()).isEqualTo(OperationKind.WRITE);
        assertThat(Operations.lambda("TagResource").kind()).isEqualTo(OperationKind.WRITE);
    }

    @Test
    void invokeIsTheDataPlaneAuthorizedAsInvokeFunction() {
        assertThat(InvokeRoute.INVOKE.action()).isEqualTo("lambda:InvokeFunction");
        assertThat(InvokeRoute.INVOKE.kind()).isEqualTo(OperationKind.DATA);
        assertThat(InvokeRoute.INVOKE_ASYNC.action()).isEqualTo("lambda:InvokeFunction");
        assertThat(InvokeWithResponseStreamRoute.INVOKE_WITH_RESPONSE_STREAM.action())
                .isEqualTo("lambda:InvokeFunction");
        assertThat(InvokeWithResponseStreamRoute.INVOKE_WITH_RESPONSE_STREAM.kind()).isEqualTo(OperationKind.DATA);
    }

    @Test
    void theResourceIsTheFunctionArnHoweverTheFunctionIsNamed() throws Exception {
        assertThat(get("/2015-03-31/functions/hello/configuration"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello");
        assertThat(get("/2015-03-31/functions/hello:live/invocations"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello:live");
        assertThat(get("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/x"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello");
        assertThat(get("/2015-03-31/functions/000000000000%3Afunction%3Ahello%3A3/x"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello:3");
    }

    @Test
    void theResourceIsInTheCallersAccountAndTheRequestsRegion() throws Exception {
        assertThat(get("/2015-03-31/functions/hello/configuration", "123456789012", "eu-west-1"))
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:hello");
        assertThat(get("/2018-10-31/layers/shared/versions/2", "123456789012", "cn-north-1"))
                .isEqualTo("arn:aws-cn:lambda:cn-north-1:123456789012:layer:shared:2");
    }

    @Test
    void aFunctionOrLayerArnOfAnotherAccountNamesThatAccountsResource() throws Exception {
        assertThat(get("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Afunction%3Ahello/x",
                "123456789012", "eu-west-1")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:hello");
        assertThat(get("/2015-03-31/functions/111122223333%3Afunction%3Ahello%3Alive/x", "123456789012", "eu-west-1"))
                .isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:hello:live");
        assertThat(get("/2018-10-31/layers/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Alayer%3Ashared/versions/2",
                "123456789012", "eu-west-1")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:layer:shared:2");
    }

    @Test
    void otherResourcesAreLayersOrEverything() throws Exception {
        assertThat(get("/2018-10-31/layers/shared/versions/2"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:layer:shared:2");
        assertThat(get("/2016-08-19/account-settings")).isEqualTo("*");
    }

    private static String get(String path) throws Exception {
        return get(path, "000000000000", "us-east-1");
    }

    private static String get(String path, String account, String region) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + path)).header("X-Test-Account", account)
                .header("X-Test-Region", region).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
