package dev.gust.iam;

import dev.gust.edge.Caller;
import dev.gust.edge.FormParameters;
import dev.gust.edge.HostedService;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.QueryXml;
import dev.gust.edge.ServiceRoutes;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;

/**
 * AWS Identity and Access Management (API version 2010-05-08) on the edge, in the query protocol with XML
 * responses: users and access keys, roles, inline and managed policies (see {@code docs/compat/iam.md}). IAM is
 * global: a request acts on its caller's account, whatever region it was signed for. Handlers run on worker threads
 * (they may write to storage). Thread-safe.
 */
public final class IamService implements HostedService {

    private static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final Iam iam;

    public IamService(Iam iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    @Override
    public void register(ServiceRoutes routes) {
        Registry registry = (action, handler) -> routes.action(operation(action), ctx -> resource(ctx, action),
                ctx -> run(ctx, handler));
        new UserActions(iam).register(registry);
        new AccessKeyActions(iam).register(registry);
        new RoleActions(iam).register(registry);
        for (PrincipalKind kind : PrincipalKind.values()) {
            new InlinePolicyActions(iam, kind).register(registry);
            new AttachmentActions(iam, kind).register(registry);
        }
        new ManagedPolicyActions(iam).register(registry);
    }

    /** IAM's action, {@code iam:NAME}: a read if it gets or lists, a write otherwise. */
    static Operation operation(String action) {
        boolean read = action.startsWith("Get") || action.startsWith("List");
        return new Operation(action, "iam:" + action, read ? OperationKind.READ : OperationKind.WRITE);
    }

    /**
     * The ARN of the resource a request acts on, as the Service Authorization Reference names it: the user or role
     * its parameters name (attaching a policy acts on the user or role), else the policy, or {@code *}.
     */
    private static String resource(RoutingContext ctx, String action) {
        Map<String, String> parameters = FormParameters.of(ctx);
        String account = ServiceRoutes.caller(ctx).accountId();
        if (parameters.containsKey("RoleName")) {
            return "arn:aws:iam::" + account + ":role/" + parameters.get("RoleName");
        }
        if (parameters.containsKey("UserName")) {
            return "arn:aws:iam::" + account + ":user/" + parameters.get("UserName");
        }
        if (parameters.containsKey("PolicyArn")) {
            return parameters.get("PolicyArn");
        }
        if (action.equals("CreatePolicy") && parameters.containsKey("PolicyName")) {
            return "arn:aws:iam::" + account + ":policy" + parameters.getOrDefault("Path", "/")
                    + parameters.get("PolicyName");
        }
        return "*";
    }

    private static void run(RoutingContext ctx, IamHandler handler) {
        Caller caller = ServiceRoutes.caller(ctx);
        IamRequest request = new IamRequest(caller, new IamParameters(FormParameters.of(ctx)),
                ServiceRoutes.requestId(ctx));
        ctx.vertx().executeBlocking(() -> handler.handle(request), false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("Content-Type", QueryXml.CONTENT_TYPE).setStatusCode(200).end(done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }


    /** What the action classes register their handlers with. */
    @FunctionalInterface
    interface Registry {
        void add(String action, IamHandler handler);
    }
}
