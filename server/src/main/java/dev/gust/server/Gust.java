package dev.gust.server;

import dev.gust.server.client.AccountsCommand;
import picocli.CommandLine;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;

/** The {@code gust} command: the entry point of the server jar. */
@Command(name = "gust", mixinStandardHelpOptions = true, versionProvider = Gust.VersionProvider.class,
        description = "Gust: AWS Lambda that you run yourself.", subcommands = {ServerCommand.class, AccountsCommand.class})
public final class Gust implements Runnable {

    public static void main(String[] args) {
        // one backend: what the JDK and libraries log through java.util.logging ends in SLF4J's
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new Gust()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Reports the build's version for {@code gust --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gust " + Version.current()};
        }
    }
}
