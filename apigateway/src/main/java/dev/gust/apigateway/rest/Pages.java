package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The paging of API Gateway's collections: {@code limit} (1 to 500, 25 by default) items from {@code position} (the
 * id of the first item of the page), and the next page's {@code position} unless this is the last. Stateless.
 */
final class Pages {

    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 500;

    private Pages() {
    }

    static <T> ObjectNode of(List<T> all, Function<T, String> id, RoutingContext ctx, Function<T, ObjectNode> json) {
        int limit = limit(ctx.queryParams().get("limit"));
        String position = ctx.queryParams().get("position");
        int start = 0;
        if (position != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (id.apply(all.get(i)).equals(position)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw ApiGatewayErrors.badRequest("Invalid position parameter");
            }
        }
        int end = Math.min(all.size(), start + limit);
        List<ObjectNode> items = new ArrayList<>();
        all.subList(start, end).forEach(item -> items.add(json.apply(item)));
        return RestApiJson.page(items, end < all.size() ? id.apply(all.get(end)) : null);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiGatewayErrors.badRequest("Invalid limit: it must be between 1 and " + MAX_LIMIT);
    }
}
