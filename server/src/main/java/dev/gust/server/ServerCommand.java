package dev.gust.server;

import dev.gust.server.config.ServerSettings;
import dev.gust.server.config.SettingsException;
import dev.gust.server.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gust server}: starts the platform and serves until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start Gust: the Lambda API on one port, with embedded storage in the data dir.")
final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default 9070; 0 picks a free port).")
    String port;

    @Option(names = "--data-dir", description = "Where functions and credentials are kept (default ~/.gust).")
    String dataDir;

    @Option(names = "--region", description = "Default AWS region, of the printed exports and of data written before "
            + "regions (default us-east-1); each request acts in the region it is signed for.")
    String region;

    @Option(names = "--account-id", description = "Twelve-digit account id of the server's key pair, and of data "
            + "written before accounts (default 000000000000).")
    String accountId;

    @Option(names = "--sandbox", description = "bubblewrap (default) or none (no isolation; prints a warning).")
    String sandbox;

    @Option(names = "--network", description = "isolated (default: each instance in its own network namespace, as "
            + "root) or host (instances share the host's network and loopback).")
    String network;

    @Option(names = "--concurrency", description = "Account concurrency limit (default 1000).")
    String concurrency;

    @Option(names = "--mode", description = "dev (default: a function's missing execution role is created) or strict "
            + "(refused, as on AWS).")
    String mode;

    @Option(names = "--account-id-keys", description = "true lets any twelve-digit access key id act as that "
            + "account's root, unsigned (LocalStack's convention; lets anyone in). Default false.")
    String accountIdKeys;

    @Option(names = "--config", description = "A YAML file of settings (also GUST_CONFIG).")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerSettings settings;
        try {
            Path file = config != null ? config
                    : System.getenv("GUST_CONFIG") != null ? Path.of(System.getenv("GUST_CONFIG")) : null;
            settings = SettingsLoader.load(file, System.getenv(), options());
        } catch (SettingsException e) {
            System.err.print(e.numbered());
            return 2;
        }
        GustServer server = new GustServer(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            System.out.println("Gust is shutting down...");
            System.out.flush();
            try {
                server.close();
            } catch (Exception e) {
                LOG.error("error during shutdown", e);
            }
            System.out.println("Gust stopped.");
            System.out.flush();
            stopped.countDown();
        }, "gust-shutdown");
        try {
            server.start();
        } catch (IllegalStateException | java.io.IOException e) {
            System.err.println("Gust cannot start: " + e.getMessage());
            server.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(shutdown);
        server.engineDescription().forEach((key, value) -> {
            if (key.equals("runtimes") && value instanceof Map<?, ?> lines) { // one id per line, with what runs it
                System.out.println(key + ":");
                lines.forEach((id, line) -> System.out.println("  " + id + ": " + line));
            } else {
                System.out.println(key + ": " + value);
            }
        });
        StartupBanner.print(System.out, settings, server.port(), server.credentials());
        stopped.await();
        return 0;
    }

    private Map<String, String> options() {
        Map<String, String> given = new LinkedHashMap<>();
        putIfSet(given, "host", host);
        putIfSet(given, "port", port);
        putIfSet(given, "data-dir", dataDir);
        putIfSet(given, "region", region);
        putIfSet(given, "account-id", accountId);
        putIfSet(given, "sandbox", sandbox);
        putIfSet(given, "network", network);
        putIfSet(given, "concurrency", concurrency);
        putIfSet(given, "mode", mode);
        putIfSet(given, "account-id-keys", accountIdKeys);
        return given;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
