package dev.gust.apigateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final ApiIntegration LAMBDA = new ApiIntegration("AWS_PROXY", "POST",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + "arn:aws:lambda:us-east-1:000000000000:function:f/invocations",
            "WHEN_NO_MATCH", 29000, null, List.of(), null);

    private final ApiResource root = ApiResource.root("root000000").withMethod(method("GET"));
    private final ApiResource items = ApiResource.child("items1", root, "items").withMethod(method("GET"));
    private final ApiResource item = ApiResource.child("item01", items, "{id}").withMethod(method("ANY"))
            .withMethod(method("DELETE"));
    private final ApiResource special = ApiResource.child("spec01", items, "special").withMethod(method("GET"));
    private final ApiResource proxy = ApiResource.child("proxy1", root, "{proxy+}").withMethod(method("ANY"));
    private final RouteTable table = RouteTable.of(List.of(root, items, item, special, proxy));

    @Test
    void literalPathPartWinsOverVariable() {
        assertThat(resourceOf("GET", "/items/special")).contains("/items/special");
        assertThat(resourceOf("GET", "/items/42")).contains("/items/{id}");
    }

    @Test
    void bindsPathParametersAsSent() {
        RouteTable.Route route = table.match("GET", "/items/a%2Fb").orElseThrow();

        assertThat(route.pathParameters()).isEqualTo(Map.of("id", "a%2Fb"));
        assertThat(route.method().httpMethod()).isEqualTo("ANY");
    }

    @Test
    void prefersTheMethodItselfOverAny() {
        assertThat(table.match("DELETE", "/items/42").orElseThrow().method().httpMethod()).isEqualTo("DELETE");
    }

    @Test
    void greedyVariableTakesTheRestOfThePathWithoutItsTrailingSlash() {
        RouteTable.Route route = table.match("POST", "/a/b//c/").orElseThrow();

        assertThat(route.resource().path()).isEqualTo("/{proxy+}");
        assertThat(route.pathParameters()).isEqualTo(Map.of("proxy", "a/b//c"));
    }

    @Test
    void fallsBackToTheGreedyVariableWhenTheLiteralHasNoSuchMethod() {
        assertThat(resourceOf("POST", "/items")).contains("/{proxy+}");
        assertThat(table.match("POST", "/items").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "items"));
    }

    @Test
    void rootMatchesOnlyItsOwnMethodsAndLeadingSlashesCollapse() {
        assertThat(resourceOf("GET", "/")).contains("/");
        assertThat(resourceOf("GET", "//items")).contains("/items");
        assertThat(table.match("POST", "/")).isEmpty();
    }

    @Test
    void noRouteWithoutAMatchingResource() {
        RouteTable plain = RouteTable.of(List.of(root, items));

        assertThat(plain.match("GET", "/other")).isEmpty();
        assertThat(plain.match("GET", "/items/1")).isEmpty();
        assertThat(plain.match("PUT", "/items")).isEmpty();
    }

    private Optional<String> resourceOf(String method, String path) {
        return table.match(method, path).map(route -> route.resource().path());
    }

    private static ApiMethod method(String verb) {
        return new ApiMethod(verb, "NONE", false, null, Map.of(), LAMBDA);
    }
}
