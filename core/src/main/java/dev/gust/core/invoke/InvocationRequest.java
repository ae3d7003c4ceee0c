package dev.gust.core.invoke;

import dev.gust.core.Account;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a function, as the Invoke API received it.
 *
 * @param requestId the invocation's request id, the same on every attempt of an asynchronous event
 * @param account the account and region the function lives in
 * @param functionName the function's bare name
 * @param qualifier the version or alias asked for; empty means {@code $LATEST}
 * @param payload the event, JSON bytes
 * @param tailLog whether the caller asked for {@code X-Amz-Log-Type: Tail}
 * @param clientContext the decoded {@code X-Amz-Client-Context} JSON, or {@code null}
 * @param traceId the X-Ray trace header to pass on, or {@code null}
 */
public record InvocationRequest(String requestId, Account account, String functionName, Optional<String> qualifier,
        byte[] payload, boolean tailLog, String clientContext, String traceId) {

    public InvocationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(payload, "payload");
    }
}
