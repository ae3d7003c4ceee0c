package dev.gust.bench.jmh;

import dev.gust.policy.Decision;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyEvaluation;
import dev.gust.policy.RequestContext;
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
 * Evaluating a typical IAM user's inline policy for an invoke (compiled once, as the edge keeps it): building the
 * request context with the global condition keys, then AWS's evaluation, allowed and implicitly denied; and
 * compiling the policy, which IAM does once per change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluationBenchmark {

    /** A developer's inline policy: invoke and read their functions, from the office or loopback, never delete. */
    public static final String TYPICAL_INLINE_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Invoke", "Effect": "Allow", "Action": ["lambda:InvokeFunction", "lambda:InvokeAsync"],
               "Resource": ["arn:aws:lambda:us-east-1:000000000000:function:orders-*",
                            "arn:aws:lambda:us-east-1:000000000000:function:${aws:username}-*"],
               "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "203.0.113.0/24"]}}},
              {"Sid": "Read", "Effect": "Allow", "Action": ["lambda:Get*", "lambda:List*"], "Resource": "*"},
              {"Sid": "NoDelete", "Effect": "Deny", "Action": "lambda:Delete*", "Resource": "*"},
              {"Sid": "TlsForWrites", "Effect": "Deny", "Action": ["lambda:Update*", "lambda:Create*"],
               "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """;
    private static final String USER = "arn:aws:iam::000000000000:user/carla";

    private final List<Policy> policies = List.of(Policy.identity(TYPICAL_INLINE_POLICY));

    @Benchmark
    public Decision invokeAllowed() {
        return PolicyEvaluation.evaluate(request("arn:aws:lambda:us-east-1:000000000000:function:orders-api"),
                policies, Optional.empty(), true);
    }

    @Benchmark
    public Decision invokeImplicitlyDenied() {
        return PolicyEvaluation.evaluate(request("arn:aws:lambda:us-east-1:000000000000:function:billing"),
                policies, Optional.empty(), true);
    }

    @Benchmark
    public Policy compile() {
        return Policy.identity(TYPICAL_INLINE_POLICY);
    }

    private static RequestContext request(String function) {
        return RequestContext.builder("lambda:InvokeFunction", function)
                .principal(USER, "000000000000")
                .key("aws:SourceIp", "127.0.0.1")
                .key("aws:SecureTransport", "false")
                .key("aws:CurrentTime", "2026-12-07T15:00:00Z")
                .key("aws:EpochTime", "1796655600")
                .key("aws:RequestedRegion", "us-east-1")
                .key("aws:PrincipalArn", USER)
                .key("aws:PrincipalAccount", "000000000000")
                .key("aws:PrincipalType", "User")
                .key("aws:userid", "AIDAEXAMPLE")
                .key("aws:username", "carla")
                .build();
    }
}
