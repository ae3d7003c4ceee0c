package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Describes the API Gateway proxy request it got, through aws-lambda-java-events types. */
public class ApiGatewayHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String body = Boolean.TRUE.equals(request.getIsBase64Encoded())
                ? new String(Base64.getDecoder().decode(request.getBody()), StandardCharsets.UTF_8)
                : request.getBody();
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "text/plain"))
                .withBody(request.getHttpMethod() + " " + request.getPath()
                        + " foo=" + request.getQueryStringParameters().get("foo")
                        + " stage=" + request.getRequestContext().getStage()
                        + " body=" + body);
    }
}
