package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails while its class initialises, as a function whose static set-up cannot reach its database would. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, String> {

    private static final String CONNECTION = connect();

    private static String connect() {
        throw new IllegalStateException("cannot reach the database");
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        return CONNECTION;
    }
}
