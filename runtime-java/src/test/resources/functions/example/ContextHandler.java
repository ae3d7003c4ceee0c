package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers with what the runtime told it through the Context; counts invocations to show the JVM stays warm. */
public class ContextHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        context.getLogger().log("handling " + context.getAwsRequestId() + "\n");
        if (input.containsKey("fail")) {
            throw new IllegalStateException("asked to fail: " + input.get("fail"));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("input", input);
        output.put("requestId", context.getAwsRequestId());
        output.put("functionName", context.getFunctionName());
        output.put("functionVersion", context.getFunctionVersion());
        output.put("memoryLimitInMB", context.getMemoryLimitInMB());
        output.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        output.put("invokedFunctionArn", context.getInvokedFunctionArn());
        output.put("logGroupName", context.getLogGroupName());
        output.put("invocation", INVOCATIONS.incrementAndGet());
        output.put("greeting", System.getProperty("gust.greeting"));
        output.put("userDir", System.getProperty("user.dir"));
        return output;
    }
}
