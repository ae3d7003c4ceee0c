package dev.gust.edge;

import dev.gust.bench.jmh.PolicyEvaluationBenchmark;
import dev.gust.policy.Decision;
import dev.gust.policy.Policy;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the edge's authorization step adds to a warm invoke ({@link Authorizer#decide}, everything but reading the
 * client's address from the request): the root in its own account (the short path), an IAM user with a typical
 * inline policy, and an assumed role whose function policy is consulted too. In this package to reach the
 * package-private {@link Authorizer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthorizerBenchmark {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:orders-api";
    private static final Operation INVOKE = new Operation("Invoke", "lambda:InvokeFunction", OperationKind.DATA);
    private static final Authorizer.Origin ORIGIN = new Authorizer.Origin("127.0.0.1", false, "us-east-1");

    private final Caller root = Caller.accountRoot("000000000000", "AKIDROOT");
    private final Caller user = new Caller("000000000000", "arn:aws:iam::000000000000:user/carla", "AIDAEXAMPLE",
            "AKIDUSER", OperationKind.WRITE, null);
    private final Caller role = new Caller("000000000000", "arn:aws:sts::000000000000:assumed-role/worker/s1",
            "AROAEXAMPLE:s1", "ASIAROLE", OperationKind.DATA, null);
    private final Policy inline = Policy.identity(PolicyEvaluationBenchmark.TYPICAL_INLINE_POLICY);
    private final Optional<Policy> functionPolicy = Optional.of(Policy.resource("""
            {"Version": "2012-10-17", "Statement": {"Sid": "sns", "Effect": "Allow",
             "Principal": {"Service": "sns.amazonaws.com"}, "Action": "lambda:InvokeFunction",
             "Resource": "arn:aws:lambda:us-east-1:000000000000:function:orders-api",
             "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:sns:us-east-1:000000000000:orders"}}}}
            """));
    private final Authorizer authorizer = new Authorizer(caller -> List.of(inline), InstantSource.system());

    @Benchmark
    public Decision rootInItsAccount() {
        return authorizer.decide(root, INVOKE, FUNCTION, Optional.empty(), ORIGIN, null);
    }

    @Benchmark
    public Decision userWithInlinePolicy() {
        return authorizer.decide(user, INVOKE, FUNCTION, Optional.empty(), ORIGIN, null);
    }

    @Benchmark
    public Decision roleWithFunctionPolicy() {
        return authorizer.decide(role, INVOKE, FUNCTION, functionPolicy, ORIGIN, null);
    }
}
