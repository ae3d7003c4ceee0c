package dev.gust.store;

import dev.gust.core.Account;
import java.util.Objects;

/**
 * One stored part of an API Gateway REST API: the API itself ({@link #API}) or one of its deployments
 * ({@link #DEPLOYMENT}), as its owner's JSON document. Immutable.
 *
 * @param account the account and region the API lives in
 * @param apiId the API's id, unique across namespaces
 * @param kind {@link #API} or {@link #DEPLOYMENT}
 * @param name the part's name within the API: the API id for {@link #API}, the deployment id for {@link #DEPLOYMENT}
 * @param body the owner's JSON document
 */
public record RestApiRow(Account account, String apiId, String kind, String name, String body) {

    /** The kind of the row that holds the API's definition and stages. */
    public static final String API = "api";
    /** The kind of a deployment's row: the snapshot of the API it deployed. */
    public static final String DEPLOYMENT = "deployment";

    public RestApiRow {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
