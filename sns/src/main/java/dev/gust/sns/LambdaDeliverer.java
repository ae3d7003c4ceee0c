package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.core.invoke.InvokePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Delivers to a {@code lambda} subscription as AWS does: an asynchronous invoke of the function with the SNS event,
 * once the function's policy allows {@code sns.amazonaws.com} to invoke it for the topic. Thread-safe.
 */
final class LambdaDeliverer implements Deliverer {

    static final String PRINCIPAL = "sns.amazonaws.com";

    private final EventInvoker invoker;
    private final Function<Account, InvokePermissions> permissions;
    private final Envelopes envelopes;

    LambdaDeliverer(EventInvoker invoker, Function<Account, InvokePermissions> permissions, Envelopes envelopes) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public void deliver(Subscription subscription, Notification n) throws DeliveryFailure {
        FunctionTarget target = FunctionTarget.parse(subscription.endpoint())
                .orElseThrow(() -> DeliveryFailure.permanent("not a function ARN: " + subscription.endpoint()));
        TopicKey topic = subscription.key().topic();
        if (!permissions.apply(target.account()).allows(InvokeAuthorization.serviceInvoke(target.name(),
                target.qualifier(), PRINCIPAL, topic.arn(), topic.account().accountId()))) {
            throw DeliveryFailure.permanent("the function's policy does not allow " + PRINCIPAL + " to invoke it for "
                    + topic.arn());
        }
        InvocationRequest request = new InvocationRequest(UUID.randomUUID().toString(), target.account(),
                target.name(), target.qualifier(), envelopes.lambdaEvent(n, subscription), false, null, null);
        try {
            invoker.enqueue(request).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LambdaException missing && missing.status() == 404) {
                throw DeliveryFailure.permanent(missing.getMessage());
            }
            throw DeliveryFailure.retryable("the invoke failed: " + e.getCause(), e.getCause());
        }
    }

    /** A function a subscription names: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
    record FunctionTarget(Account account, String name, Optional<String> qualifier) {

        static Optional<FunctionTarget> parse(String arn) {
            String[] parts = arn.split(":", -1);
            if ((parts.length != 7 && parts.length != 8) || !parts[0].equals("arn") || !parts[2].equals("lambda")
                    || !parts[5].equals("function") || !parts[6].matches("[a-zA-Z0-9_-]{1,64}")
                    || (parts.length == 8 && !parts[7].matches("[a-zA-Z0-9$_-]{1,128}"))) {
                return Optional.empty();
            }
            return TopicKey.account(parts[4], parts[3]).map(account -> new FunctionTarget(account, parts[6],
                    parts.length == 8 ? Optional.of(parts[7]) : Optional.empty()));
        }
    }
}
