package dev.gust.server;

import dev.gust.server.client.AccountsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gust} command: the entry point of the server jar. */
@Command(name = "gust", mixinStandardHelpOptions = true, versionProvider = Gust.VersionProvider.class,
        description = "Gust: AWS Lambda that you run yourself.", subcommands = {ServerCommand.class, AccountsCommand.class})
public final class Gust implements Runnable {

    public static void main(String[] args) {
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
