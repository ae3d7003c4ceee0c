package dev.gust.server;

import dev.gust.server.config.ServerSettings;
import java.io.PrintStream;

/** What the server prints once it is ready: where it listens and the credentials, as ready-to-paste exports. */
final class StartupBanner {

    private StartupBanner() {
    }

    static void print(PrintStream out, ServerSettings settings, int port, ServerCredentials credentials) {
        String endpoint = "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host())
                + ":" + port;
        out.println("Gust " + Version.current() + " is ready on " + endpoint + " (data dir " + settings.dataDir() + ")");
        out.println();
        out.println("Paste these lines into your shell to point the AWS CLI and SDKs at Gust:");
        out.println();
        out.println("  export AWS_ENDPOINT_URL=" + endpoint);
        out.println("  export AWS_REGION=" + settings.region());
        out.println("  export AWS_DEFAULT_REGION=" + settings.region());
        out.println("  export AWS_ACCESS_KEY_ID=" + credentials.accessKeyId());
        out.println("  export AWS_SECRET_ACCESS_KEY=" + credentials.secretAccessKey());
        out.println();
        out.println("Then, for example:  aws --endpoint-url \"$AWS_ENDPOINT_URL\" lambda list-functions");
        out.println("Stop the server with Ctrl-C.");
        if (settings.accountIdKeys()) {
            out.println();
            out.println("WARNING: account-id-keys is on: ANYONE who can reach " + endpoint + " may act as the root of ANY");
            out.println("account, by using its twelve-digit id as AWS_ACCESS_KEY_ID with any secret (signatures are not");
            out.println("checked for such keys). Turn it off (the default) unless this server is yours alone.");
        }
        out.flush();
    }
}
