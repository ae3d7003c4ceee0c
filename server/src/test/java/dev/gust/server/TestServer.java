package dev.gust.server;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A running Gust server for one test class, with a real SDK client and {@link TestFunctions} bound to it.
 * {@link #close} closes the client and stops the server.
 */
record TestServer(GustProcess gust, LambdaClient lambda, TestFunctions functions) implements AutoCloseable {

    /** Starts a server on {@code dataDir} with extra settings as {@code GUST_*} variables (see {@link GustProcess}). */
    static TestServer start(Path dataDir, Map<String, String> settings) throws Exception {
        GustProcess gust = GustProcess.start(dataDir, settings);
        LambdaClient lambda = LambdaClients.forServer(gust.endpoint());
        return new TestServer(gust, lambda, new TestFunctions(lambda));
    }

    /** Where the log streams of {@code function} in the default account and region are written. */
    static Path logGroupDir(Path dataDir, String function) {
        return dataDir.resolve("logs").resolve("000000000000").resolve("us-east-1").resolve(function);
    }

    @Override
    public void close() throws InterruptedException {
        lambda.close();
        gust.close();
    }
}
