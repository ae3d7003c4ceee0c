package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    /** The routes of API Gateway's example of route evaluation, in an order that is not their precedence. */
    private static final List<String> KEYS = List.of("$default", "ANY /{proxy+}", "GET /pets/{proxy+}",
            "GET /pets/dog/{id}", "GET /pets/dog/1");

    private static RouteTable table(List<String> keys) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            routes.add(new Route("r" + i, keys.get(i), null, null, null, false));
        }
        return RouteTable.of(routes);
    }

    private static String matched(RouteTable table, String method, String path) {
        return table.match(method, path).map(match -> match.route().routeKey()).orElse("none");
    }

    @Test
    void picksTheExactRouteBeforeOneWithVariables() {
        assertThat(matched(table(KEYS), "GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/1");
    }

    @Test
    void picksAPathVariableBeforeAGreedyOne() {
        RouteTable.Match match = table(KEYS).match("GET", "/pets/dog/2").orElseThrow();

        assertThat(match.route().routeKey()).isEqualTo("GET /pets/dog/{id}");
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "2"));
    }

    @Test
    void picksTheLongestGreedyPrefixWithTheRequestMethod() {
        RouteTable.Match match = table(KEYS).match("GET", "/pets/cat/1").orElseThrow();

        assertThat(match.route().routeKey()).isEqualTo("GET /pets/{proxy+}");
        assertThat(match.pathParameters()).isEqualTo(Map.of("proxy", "cat/1"));
    }

    @Test
    void fallsBackToAnyWhenNoRouteHasTheMethod() {
        assertThat(matched(table(KEYS), "POST", "/pets/cat/1")).isEqualTo("ANY /{proxy+}");
    }

    @Test
    void sendsWhatNothingElseMatchesToDefault() {
        assertThat(matched(table(KEYS), "GET", "/")).isEqualTo("$default");
    }

    @Test
    void prefersAMethodOverAnyOnTheSamePath() {
        RouteTable table = table(List.of("ANY /items/{id}", "GET /items/{id}"));

        assertThat(matched(table, "GET", "/items/7")).isEqualTo("GET /items/{id}");
        assertThat(matched(table, "DELETE", "/items/7")).isEqualTo("ANY /items/{id}");
    }

    @Test
    void precedenceDoesNotDependOnTheOrderRoutesWereCreated() {
        List<String> shuffled = new ArrayList<>(KEYS);
        Collections.reverse(shuffled);
        RouteTable table = table(shuffled);

        assertThat(matched(table, "GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/1");
        assertThat(matched(table, "GET", "/pets/dog/2")).isEqualTo("GET /pets/dog/{id}");
        assertThat(matched(table, "GET", "/pets/cat/1")).isEqualTo("GET /pets/{proxy+}");
    }

    @Test
    void answersNothingWithoutADefaultRoute() {
        RouteTable table = table(List.of("GET /items/{id}"));

        assertThat(table.match("GET", "/items")).isEqualTo(Optional.empty());
        assertThat(table.match("GET", "/items/1/more")).isEqualTo(Optional.empty());
        assertThat(table.match("POST", "/items/1")).isEqualTo(Optional.empty());
    }

    @Test
    void aGreedyVariableNeedsAtLeastOneSegment() {
        RouteTable table = table(List.of("ANY /{proxy+}"));

        assertThat(table.match("GET", "/")).isEmpty();
        assertThat(table.match("GET", "/a/b/c").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
    }

    @Test
    void decodesPathParameters() {
        RouteTable table = table(List.of("GET /files/{name}"));

        assertThat(table.match("GET", "/files/a%20b%2Bc").orElseThrow().pathParameters())
                .isEqualTo(Map.of("name", "a b+c"));
    }

    @Test
    void refusesRouteKeysAnHttpApiCannotHave() {
        assertThat(RouteKey.parse("GET /items/{id}")).isPresent();
        assertThat(RouteKey.parse("ANY /{proxy+}")).isPresent();
        assertThat(RouteKey.parse("GET /")).isPresent();
        assertThat(RouteKey.parse("$default")).isPresent();
        assertThat(RouteKey.parse("GET /{proxy+}/more")).isEmpty();
        assertThat(RouteKey.parse("FETCH /items")).isEmpty();
        assertThat(RouteKey.parse("get /items")).isEmpty();
        assertThat(RouteKey.parse("GET items")).isEmpty();
        assertThat(RouteKey.parse("GET /items//x")).isEmpty();
        assertThat(RouteKey.parse("GET /a/{id}/b/{id}")).isEmpty();
        assertThat(RouteKey.parse("GET  /items")).isEmpty();
    }
}
