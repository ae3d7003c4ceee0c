package dev.gust.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.HostedService;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * An AWS Organizations subset (API version 2016-11-28) on the edge, in JSON 1.1 ({@code X-Amz-Target:
 * AWSOrganizationsV20161128.NAME}): {@code CreateAccount}, {@code DescribeCreateAccountStatus}, {@code ListAccounts},
 * {@code DescribeAccount}, {@code DescribeOrganization} (see {@code docs/compat/organizations.md}). Only the management
 * account may call them. Handlers run on worker threads. Thread-safe.
 */
public final class OrganizationsService implements HostedService {

    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_RESULTS = 20;

    private final Organization organization;
    private final ObjectMapper json = new ObjectMapper();

    public OrganizationsService(Organization organization) {
        this.organization = Objects.requireNonNull(organization, "organization");
    }

    @Override
    public String signingName() {
        return "organizations";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON_1_1;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    @Override
    public void register(ServiceRoutes routes) {
        add(routes, "CreateAccount", OperationKind.WRITE, this::createAccount);
        add(routes, "DescribeCreateAccountStatus", OperationKind.READ, this::describeCreateAccountStatus);
        add(routes, "ListAccounts", OperationKind.READ, this::listAccounts);
        add(routes, "DescribeAccount", OperationKind.READ, this::describeAccount);
        add(routes, "DescribeOrganization", OperationKind.READ, (caller, request) -> describeOrganization());
    }

    private void add(ServiceRoutes routes, String name, OperationKind kind,
            BiFunction<Caller, JsonNode, ObjectNode> handler) {
        routes.action(new Operation(name, "organizations:" + name, kind), ctx -> "*", ctx -> run(ctx, handler));
    }

    private void run(RoutingContext ctx, BiFunction<Caller, JsonNode, ObjectNode> handler) {
        Caller caller = ServiceRoutes.caller(ctx);
        ctx.vertx().executeBlocking(() -> {
            if (!caller.accountId().equals(organization.managementAccountId())) {
                throw EdgeException.of("AccessDeniedException", 400,
                        "You don't have permissions to access this resource.");
            }
            return json.writeValueAsString(handler.apply(caller, body(ctx)));
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("Content-Type", CONTENT_TYPE).setStatusCode(200).end(done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw EdgeException.of("SerializationException", 400, "Start of structure or map found where not expected.");
    }

    private ObjectNode createAccount(Caller caller, JsonNode request) {
        String name = required(request, "AccountName", 1, 50, "[\\u0020-\\u007E]+");
        String email = required(request, "Email", 6, 64, "[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
        ObjectNode answer = json.createObjectNode();
        status(answer.putObject("CreateAccountStatus"), organization.createAccount(name, email));
        return answer;
    }

    private ObjectNode describeCreateAccountStatus(Caller caller, JsonNode request) {
        String id = required(request, "CreateAccountRequestId", 1, 36, "car-[a-z0-9]{8,32}");
        CreateAccountStatus status = organization.createAccountStatus(id).orElseThrow(() -> EdgeException.of(
                "CreateAccountStatusNotFoundException", 400,
                "We can't find an create account request with the CreateAccountRequestId that you specified."));
        ObjectNode answer = json.createObjectNode();
        status(answer.putObject("CreateAccountStatus"), status);
        return answer;
    }

    private ObjectNode listAccounts(Caller caller, JsonNode request) {
        int maxResults = request.path("MaxResults").asInt(MAX_RESULTS);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw invalidInput("You provided a value that does not match the required pattern.");
        }
        int from = 0;
        if (request.hasNonNull("NextToken")) {
            try {
                from = Integer.parseInt(request.get("NextToken").asText());
            } catch (NumberFormatException e) {
                throw invalidInput("The specified pagination token is invalid.");
            }
        }
        List<MemberAccount> accounts = organization.accounts();
        ObjectNode answer = json.createObjectNode();
        var list = answer.putArray("Accounts");
        int to = Math.min(accounts.size(), Math.max(0, from) + maxResults);
        for (int i = Math.max(0, from); i < to; i++) {
            account(list.addObject(), accounts.get(i));
        }
        if (to < accounts.size()) {
            answer.put("NextToken", Integer.toString(to));
        }
        return answer;
    }

    private ObjectNode describeAccount(Caller caller, JsonNode request) {
        String id = required(request, "AccountId", 12, 12, "\\d{12}");
        MemberAccount account = organization.account(id).orElseThrow(() -> EdgeException.of(
                "AccountNotFoundException", 400, "You specified an account that doesn't exist."));
        ObjectNode answer = json.createObjectNode();
        account(answer.putObject("Account"), account);
        return answer;
    }

    private ObjectNode describeOrganization() {
        String management = organization.managementAccountId();
        ObjectNode answer = json.createObjectNode();
        ObjectNode o = answer.putObject("Organization");
        o.put("Id", organization.id());
        o.put("Arn", "arn:aws:organizations::" + management + ":organization/" + organization.id());
        o.put("FeatureSet", "ALL");
        o.put("MasterAccountArn", accountArn(management));
        o.put("MasterAccountId", management);
        o.put("MasterAccountEmail", organization.managementEmail());
        o.putArray("AvailablePolicyTypes");
        return answer;
    }

    private void account(ObjectNode node, MemberAccount account) {
        node.put("Id", account.id());
        node.put("Arn", accountArn(account.id()));
        node.put("Email", account.email());
        node.put("Name", account.name());
        node.put("Status", "ACTIVE");
        node.put("State", "ACTIVE");
        node.put("JoinedMethod", account.id().equals(organization.managementAccountId()) ? "INVITED" : "CREATED");
        node.put("JoinedTimestamp", account.joined() / 1000.0);
    }

    private static void status(ObjectNode node, CreateAccountStatus status) {
        node.put("Id", status.id());
        node.put("AccountName", status.accountName());
        node.put("State", status.state());
        node.put("RequestedTimestamp", status.requested() / 1000.0);
        node.put("CompletedTimestamp", status.requested() / 1000.0);
        if (status.accountId() != null) {
            node.put("AccountId", status.accountId());
        }
        if (status.failureReason() != null) {
            node.put("FailureReason", status.failureReason());
        }
    }

    /** {@code arn:aws:organizations::MANAGEMENT:account/o-.../ACCOUNT}. */
    private String accountArn(String accountId) {
        return "arn:aws:organizations::" + organization.managementAccountId() + ":account/" + organization.id() + "/"
                + accountId;
    }

    /** A required string member, checked against the model; violations are AWS's {@code InvalidInputException}. */
    private static String required(JsonNode request, String member, int min, int max, String pattern) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            throw invalidInput("You must specify a value for " + member + ".");
        }
        String value = node.asText();
        if (value.length() < min || value.length() > max || !value.matches(pattern)) {
            throw invalidInput("You provided a value that does not match the required pattern.");
        }
        return value;
    }

    private static EdgeException invalidInput(String message) {
        return EdgeException.of("InvalidInputException", 400, message);
    }
}
