package dev.gust.api;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.edge.Caller;
import dev.gust.edge.ServiceRoutes;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's control plane of every namespace, each built on first use ({@link LambdaNamespace}), and the rule that
 * says which namespace a request acts in ({@link #accountOf}). The pattern for every regional service: a resource
 * lives in the account and region of the request that made it.
 *
 * <p>Thread-safe. Building a namespace may touch storage ({@code load()} of its services), so {@link #of} is called
 * on worker threads, or at startup for the namespaces that hold data.
 */
public final class LambdaNamespaces {

    /** The routing context key under which a request's namespace is kept once resolved. */
    private static final String ACCOUNT = LambdaNamespaces.class.getName() + ".account";
    /** A layer's or a tagged resource's ARN: the account it names. */
    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[^:]*:lambda:[^:]*:(\\d{12}):.*");

    private final Function<Account, LambdaNamespace> factory;
    private final Map<Account, LambdaNamespace> built = new ConcurrentHashMap<>();

    /** @param factory builds (and loads) the services of one namespace; called once per namespace */
    public LambdaNamespaces(Function<Account, LambdaNamespace> factory) {
        this.factory = factory;
    }

    /** The control plane of {@code account}, built now if it was not yet. */
    public LambdaNamespace of(Account account) {
        return built.computeIfAbsent(account, factory);
    }

    /** The control plane of {@code account} if it was built (every namespace that holds functions is), never building. */
    public Optional<LambdaNamespace> find(Account account) {
        return Optional.ofNullable(built.get(account));
    }

    /** The control plane of the namespace a request acts in ({@link #accountOf}). */
    public LambdaNamespace of(RoutingContext ctx) {
        return of(accountOf(ctx));
    }

    /** The namespaces built so far. */
    public Set<Account> built() {
        return Set.copyOf(built.keySet());
    }

    /**
     * The namespace a request acts in: the caller's account in the request's region (its credential scope's), or,
     * when the request names a function ({@code FunctionName}), a layer ({@code LayerName}, or the {@code Arn} of
     * GetLayerVersionByArn) or a tagged resource ({@code Resource}) by the ARN of another account, that account in the request's region. Whether the caller
     * may act there is authorization's question, not this one's.
     */
    public static Account accountOf(RoutingContext ctx) {
        Account cached = ctx.get(ACCOUNT);
        if (cached != null) {
            return cached;
        }
        Caller caller = ServiceRoutes.caller(ctx);
        Account request = new Account(caller.accountId(), ServiceRoutes.region(ctx));
        Account resolved = named(ctx, request);
        ctx.put(ACCOUNT, resolved);
        return resolved;
    }

    private static Account named(RoutingContext ctx, Account request) {
        String function = ctx.pathParam("FunctionName");
        if (function != null) {
            return FunctionReference.namespaceOf(function, request);
        }
        String arn = ctx.pathParam("LayerName");
        if (arn == null) {
            arn = ctx.pathParam("Resource");
        }
        if (arn == null) {
            arn = ctx.queryParams().get("Arn"); // GetLayerVersionByArn
        }
        Matcher m = arn == null ? null : ARN_ACCOUNT.matcher(arn);
        if (m != null && m.matches() && !m.group(1).equals(request.accountId())) {
            return new Account(m.group(1), request.region());
        }
        return request;
    }
}
