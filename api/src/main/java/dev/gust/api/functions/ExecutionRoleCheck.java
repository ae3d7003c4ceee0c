package dev.gust.api.functions;

import dev.gust.core.LambdaException;
import dev.gust.core.credentials.ExecutionRoles;
import dev.gust.core.credentials.Roles.RoleDescription;
import dev.gust.policy.MalformedPolicyException;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyMatch;
import dev.gust.policy.RequestContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's check of a function's execution role ({@code Role} of CreateFunction and UpdateFunctionConfiguration): the
 * role must exist in IAM and its trust policy must let {@code lambda.amazonaws.com} assume it, or the request is
 * refused with AWS's {@code InvalidParameterValueException}. In {@link Mode#DEV} a role of the function's account
 * that does not exist is created instead, trusting Lambda, with {@link #DATA_PLANE_POLICY} (a warning in the server
 * log, once per role). Thread-safe; may block on storage (creating a role), so it runs on worker threads.
 */
public final class ExecutionRoleCheck {

    /** How a missing execution role is treated (setting {@code mode}). */
    public enum Mode {
        /** A missing role of the function's account is created, trusting Lambda, allowed the data plane. */
        DEV,
        /** A missing role is refused, as on AWS. */
        STRICT
    }

    /** The trust policy of a role dev mode creates: Lambda may assume it. */
    static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    /** The name of the inline policy of a role dev mode creates. */
    static final String DATA_PLANE_POLICY_NAME = "GustDevModeDataPlane";
    /** The inline policy of a role dev mode creates: the data plane of every hosted service, no control plane. */
    static final String DATA_PLANE_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\
            "lambda:InvokeFunction","lambda:InvokeAsync","lambda:InvokeFunctionUrl","sts:GetCallerIdentity",\
            "sqs:SendMessage","sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueUrl","sqs:GetQueueAttributes",\
            "sns:Publish","s3:GetObject","s3:PutObject","s3:DeleteObject","s3:ListBucket","events:PutEvents",\
            "logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""";
    private static final String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";
    private static final String LAMBDA = "lambda.amazonaws.com";
    /** A role's ARN: its account, its path and its name. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::(\\d{12}):role(/(?:.*/)?)([^/]+)");
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRoleCheck.class);

    private final Mode mode;
    private final ExecutionRoles roles;
    /** The roles dev mode created (or found created) and warned of, by ARN. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ExecutionRoleCheck(Mode mode, ExecutionRoles roles) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /**
     * Requires that Lambda may assume {@code roleArn} for a function of {@code accountId} (dev mode: creates it if
     * it is that account's and does not exist). The ARN's syntax was validated before.
     *
     * @throws LambdaException {@code InvalidParameterValueException} if Lambda cannot assume it
     */
    public void require(String accountId, String roleArn) {
        Matcher arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw LambdaException.invalidParameterValue(CANNOT_ASSUME);
        }
        String roleAccount = arn.group(1);
        String path = arn.group(2);
        String name = arn.group(3);
        Optional<RoleDescription> role = roles.find(roleAccount, name);
        if (role.isEmpty() && mode == Mode.DEV && roleAccount.equals(accountId)) {
            role = Optional.of(roles.create(roleAccount, path, name, LAMBDA_TRUST, DATA_PLANE_POLICY_NAME,
                    DATA_PLANE_POLICY));
            if (warned.add(role.get().arn())) {
                LOG.warn("dev mode: created the execution role {}, which did not exist, "
                        + "trusting lambda.amazonaws.com, with the inline policy " + DATA_PLANE_POLICY_NAME
                        + " (the data plane of every service, no control plane); in strict mode it would be refused",
                        role.get().arn());
            }
        }
        if (role.isEmpty() || !role.get().arn().equals(roleArn) || !lambdaMayAssume(role.get())) {
            throw LambdaException.invalidParameterValue(CANNOT_ASSUME);
        }
    }

    /** Whether the role's trust policy allows {@code lambda.amazonaws.com} to {@code sts:AssumeRole}. */
    private static boolean lambdaMayAssume(RoleDescription role) {
        try {
            RequestContext request = RequestContext.builder("sts:AssumeRole", role.arn()).service(LAMBDA).build();
            return Policy.trust(role.trustPolicy()).evaluate(request) == PolicyMatch.ALLOW;
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
