package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.edge.auth.Credentials;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge authorizes every operation with AWS's policy evaluation: the caller's identity-based policies, the
 * resource's policy, the global condition keys and the operation's own, with AWS's access-denied messages.
 */
class EdgeAuthorizationTest {

    private static final String THING = "arn:aws:things:us-east-1:000000000000:thing/";
    private static EdgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EdgeFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void userMayCallWhatHerInlinePolicyAllows() throws Exception {
        assertThat(post(EdgeFixture.USER, "/2020-01-01/things/hello/invocations").statusCode()).isEqualTo(200);
        assertThat(post(EdgeFixture.USER, "/2020-01-01/things/carla-1").statusCode()).isEqualTo(200);
    }

    @Test
    void userIsDeniedWhatNoPolicyAllowsWithAwsMessage() throws Exception {
        HttpResponse<String> denied = post(EdgeFixture.USER, "/2020-01-01/things/bob-1");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(denied.body()).isEqualTo("{\"Message\":\"User: arn:aws:iam::000000000000:user/carla is not "
                + "authorized to perform: things:CreateThing on resource: " + THING + "bob-1 because no "
                + "identity-based policy allows the things:CreateThing action\"}");
    }

    @Test
    void explicitDenyBeatsAnAllowWhenItsConditionsHold() throws Exception {
        HttpResponse<String> plain = fixture.send("things", EdgeFixture.USER, null, "GET", "/2020-01-01/things",
                Map.of(), null);
        HttpResponse<String> strict = fixture.send("things", EdgeFixture.USER, null, "GET",
                "/2020-01-01/things?Mode=strict", Map.of(), null);
        HttpResponse<String> delete = fixture.send("querythings", EdgeFixture.USER, null, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=DeleteThing");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(strict.statusCode()).isEqualTo(403);
        assertThat(strict.body()).contains("things:ListThings on resource: * with an explicit deny in an "
                + "identity-based policy");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("<Code>AccessDenied</Code>",
                "querythings:DeleteThing on resource: * with an explicit deny in an identity-based policy");
    }

    @Test
    void resourcePolicyThatNamesTheUserAllowsWithinTheAccount() throws Exception {
        assertThat(post(EdgeFixture.USER, "/2020-01-01/things/shared").statusCode()).isEqualTo(200);
    }

    @Test
    void resourcePolicyDenyStopsEvenTheRoot() throws Exception {
        HttpResponse<String> denied = post(EdgeFixture.ROOT, "/2020-01-01/things/locked");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("User: arn:aws:iam::000000000000:root is not authorized to perform: "
                + "things:CreateThing on resource: " + THING + "locked with an explicit deny in a resource-based policy");
        assertThat(post(EdgeFixture.ROOT, "/2020-01-01/things/anything").statusCode()).isEqualTo(200);
    }

    @Test
    void crossAccountCallNeedsTheResourcePolicyToo() throws Exception {
        HttpResponse<String> denied = post(EdgeFixture.STRANGER, "/2020-01-01/things/hello");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("User: arn:aws:iam::111111111111:user/stranger is not authorized to "
                + "perform: things:CreateThing on resource: " + THING + "hello because no resource-based policy "
                + "allows the things:CreateThing action");
        assertThat(post(EdgeFixture.STRANGER, "/2020-01-01/things/shared").statusCode()).isEqualTo(200);
    }

    @Test
    void operationsThatNeedNoPermissionAreNeverDenied() throws Exception {
        HttpResponse<String> response = fixture.send("querythings", EdgeFixture.USER, null, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(Credentials credentials, String path) throws Exception {
        return fixture.send("things", credentials, null, "POST", path, Map.of(), "{}");
    }
}
