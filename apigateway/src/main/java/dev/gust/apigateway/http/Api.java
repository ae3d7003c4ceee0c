package dev.gust.apigateway.http;

import dev.gust.core.Account;
import dev.gust.httpevents.CorsConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP API's own settings, apart from its routes, integrations, stages and deployments. Immutable.
 *
 * @param apiId the API's id: 10 lowercase letters and digits, unique across every account
 * @param account the account and region that own the API
 * @param name {@code Name}
 * @param description {@code Description}, or {@code null}
 * @param version {@code Version}, or {@code null}
 * @param cors {@code CorsConfiguration}, or {@code null}
 * @param disableExecuteApiEndpoint whether the invoke URL is off ({@code DisableExecuteApiEndpoint})
 * @param createdDate when it was created
 * @param tags {@code Tags}
 * @param warnings the warnings of its import, empty unless imported
 */
public record Api(String apiId, Account account, String name, String description, String version, CorsConfig cors,
        boolean disableExecuteApiEndpoint, Instant createdDate, Map<String, String> tags, List<String> warnings) {

    /** The route selection expression of every HTTP API. */
    public static final String ROUTE_SELECTION_EXPRESSION = "${request.method} ${request.path}";
    /** The API key selection expression of every HTTP API. */
    public static final String API_KEY_SELECTION_EXPRESSION = "$request.header.x-api-key";

    public Api {
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdDate, "createdDate");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
