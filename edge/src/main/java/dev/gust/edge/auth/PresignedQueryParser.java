package dev.gust.edge.auth;

/**
 * The parser of a presigned request's {@code X-Amz-*} query parameters into {@link SignatureParameters}, failing
 * as AWS does when one is missing. Stateless.
 */
final class PresignedQueryParser {

    private static final String[] REQUIRED = {
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"};

    private PresignedQueryParser() {
    }

    static SignatureParameters parse(QueryString query) {
        StringBuilder message = new StringBuilder();
        for (String name : REQUIRED) {
            String value = query.value(name);
            if (value == null || value.isEmpty()) {
                message.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (!message.isEmpty()) {
            throw AuthErrors.incomplete(message.append("Re-examine the query-string parameters.").toString());
        }
        return new SignatureParameters(query.value("X-Amz-Algorithm"), query.value("X-Amz-Credential"),
                query.value("X-Amz-SignedHeaders"), query.value("X-Amz-Signature"), query.value("X-Amz-Date"),
                false, query.value("X-Amz-Expires"), true);
    }
}
