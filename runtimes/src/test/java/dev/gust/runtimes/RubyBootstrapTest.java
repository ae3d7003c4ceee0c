package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimes.FunctionInstance.FunctionError;
import dev.gust.runtimes.FunctionInstance.InitError;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Gust's Ruby bootstrap on the host's Ruby (CI installs Debian's ruby). */
class RubyBootstrapTest extends BootstrapFixture {

    RubyBootstrapTest() {
        super(Bootstraps.Family.RUBY, "/usr/bin/ruby");
    }

    @Override
    String writeEchoHandler() throws IOException {
        write("echo.rb", "def handler(event:, context:)\n  event\nend\n");
        return "echo.handler";
    }

    @Test
    void answersHelloWorld() throws Exception {
        write("lambda_function.rb", """
                require 'json'

                def lambda_handler(event:, context:)
                  { statusCode: 200, body: JSON.generate("Hello #{event['name']}") }
                end
                """);
        FunctionInstance instance = start("lambda_function.lambda_handler");
        instance.awaitReady();

        assertThat(JSON.readTree(instance.invokeSuccessfully("{\"name\":\"world\"}").payload()))
                .isEqualTo(JSON.readTree("{\"statusCode\":200,\"body\":\"\\\"Hello world\\\"\"}"));
    }

    @Test
    void callsAClassMethodInAModule() throws Exception {
        write("source.rb", """
                module LambdaFunctions
                  class Handler
                    def self.process(event:, context:)
                      "processed #{event['n']}"
                    end
                  end
                end
                """);
        FunctionInstance instance = start("source.LambdaFunctions::Handler.process");

        assertThat(instance.invokeSuccessfully("{\"n\":7}").payload()).isEqualTo("\"processed 7\"");
    }

    @Test
    void passesTheContextObjectAsAwsRubyRuntimeBuildsIt() throws Exception {
        write("app.rb", """
                def handler(event:, context:)
                  { function_name: context.function_name, function_version: context.function_version,
                    invoked_function_arn: context.invoked_function_arn, memory_limit_in_mb: context.memory_limit_in_mb,
                    aws_request_id: context.aws_request_id, log_group_name: context.log_group_name,
                    log_stream_name: context.log_stream_name, remaining: context.get_remaining_time_in_millis,
                    identity: context.identity, client_context: context.client_context,
                    trace: ENV['_X_AMZN_TRACE_ID'] }
                end
                """);
        FunctionInstance instance = start("app.handler");
        Invocation invocation = contextInvocation("{\"custom\":{\"foo\":\"bar\"}}", "{\"cognitoIdentityId\":\"id-1\"}");

        JsonNode context = JSON.readTree(((FunctionInstance.Response) instance.invoke(invocation)).payload());

        assertThat(context.get("function_name").asText()).isEqualTo("hello");
        assertThat(context.get("function_version").asText()).isEqualTo("$LATEST");
        assertThat(context.get("invoked_function_arn").asText()).isEqualTo(FunctionInstance.FUNCTION_ARN + ":$LATEST");
        assertThat(context.get("memory_limit_in_mb").asText()).isEqualTo("128");
        assertThat(context.get("aws_request_id").asText()).isEqualTo("req-ctx");
        assertThat(context.get("log_group_name").asText()).isEqualTo("/aws/lambda/hello");
        assertThat(context.get("log_stream_name").asText()).isEqualTo("2026/01/01/[$LATEST]0123456789abcdef");
        assertThat(context.get("remaining").asLong()).isBetween(50_000L, 60_000L);
        assertThat(context.get("identity").get("cognitoIdentityId").asText()).isEqualTo("id-1");
        assertThat(context.get("client_context").get("custom").get("foo").asText()).isEqualTo("bar");
        assertThat(context.get("trace").asText()).isEqualTo("Root=1-abc");
    }

    @Test
    void reportsAnErrorWithItsRubyClassAndStackTrace() throws Exception {
        write("fail.rb", """
                class OrderError < StandardError; end

                def handler(event:, context:)
                  raise OrderError, 'no such order'
                end
                """);
        FunctionInstance instance = start("fail.handler");

        FunctionError error = instance.invokeFailing("{}");

        assertThat(error.errorType()).isEqualTo("Function<UserException>");
        JsonNode body = JSON.readTree(error.body());
        assertThat(fieldNames(body)).containsExactly("errorMessage", "errorType", "stackTrace");
        assertThat(body.get("errorMessage").asText()).isEqualTo("no such order");
        assertThat(body.get("errorType").asText()).isEqualTo("OrderError");
        assertThat(body.get("stackTrace").get(0).asText()).startsWith(taskRoot.resolve("fail.rb") + ":4:in ");
        instance.awaitOutput("\"errorType\":\"OrderError\"");
        assertThat(instance.invokeFailing("{}").errorType()).as("the instance lives on").isEqualTo("Function<UserException>");
    }

    @Test
    void namesRubysOwnErrorClassesInTheErrorTypeHeader() throws Exception {
        write("fail.rb", "def handler(event:, context:)\n  undefined_thing\nend\n");
        FunctionInstance instance = start("fail.handler");

        FunctionError error = instance.invokeFailing("{}");

        assertThat(error.errorType()).isEqualTo("Function<NameError>");
        assertThat(JSON.readTree(error.body()).get("errorType").asText()).isEqualTo("NameError");
    }

    @Test
    void reportsAFileThatCannotBeLoadedAsAnInitError() throws Exception {
        FunctionInstance instance = start("missing.handler");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Init<LoadError>");
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("errorType").asText()).isEqualTo("LoadError");
        assertThat(body.get("errorMessage").asText()).contains("missing");
    }

    @Test
    void reportsAMalformedHandler() throws Exception {
        FunctionInstance instance = start("nodots");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorType").asText()).isEqualTo("ArgumentError");
        assertThat(body.get("errorMessage").asText()).startsWith("Invalid handler [\"nodots\"], must be of form "
                + "FILENAME.METHOD or FILENAME.CLASS.METHOD");
    }
}
