package dev.gust.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gust accounts create NAME} and {@code gust accounts list}: client commands that call a running server's
 * Organizations (and, for {@code create}, STS and IAM) with the server's key pair.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Create and list the accounts of a running Gust server (AWS Organizations).",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.ListAccounts.class})
public final class AccountsCommand implements Runnable {

    static final String TARGET = "AWSOrganizationsV20161128.";
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9070";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the server is and what to sign with: the options every client command takes. */
    static final class ClientOptions {

        @Option(names = "--endpoint-url", description = "The server (default $AWS_ENDPOINT_URL, else "
                + DEFAULT_ENDPOINT + ").")
        String endpointUrl;

        @Option(names = "--data-dir", description = "The server's data dir, whose key pair signs (default ~/.gust; "
                + "else $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY).")
        Path dataDir;

        /** A client of the server these options name. */
        GustClient client() throws Exception {
            Map<String, String> env = System.getenv();
            String endpoint = endpointUrl != null ? endpointUrl
                    : env.getOrDefault("AWS_ENDPOINT_URL", DEFAULT_ENDPOINT);
            Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".gust");
            ClientCredentials credentials = ClientCredentials.find(dir, env).orElseThrow(() -> new ClientException(
                    "MissingCredentials", "no credentials in " + dir + "/credentials nor in AWS_ACCESS_KEY_ID"));
            String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
            return new GustClient(URI.create(endpoint), region, credentials);
        }
    }

    /** Runs {@code work}, printing a service's error on stderr as the AWS CLI does (exit code 254). */
    static int reporting(Callable<Integer> work) throws Exception {
        try {
            return work.call();
        } catch (ClientException e) {
            System.err.println("gust: " + e.getMessage());
            return 254;
        }
    }

    /** {@code gust accounts create NAME [--email E]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account, with an IAM user "
            + "'admin' (AdministratorAccess), and print the export lines of that user's access key.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "The account's name.")
        String name;

        @Option(names = "--email", description = "The account's root email (default NAME@gust.invalid).")
        String email;

        @Override
        public Integer call() throws Exception {
            return reporting(() -> {
                GustClient management = options.client();
                NewAccount account = NewAccount.create(management, name, email != null ? email
                        : name.replaceAll("[^A-Za-z0-9._-]", "-") + "@gust.invalid");
                PrintStream out = System.out;
                out.println("# account " + name + ": " + account.accountId()
                        + " (IAM user admin, AdministratorAccess)");
                out.println("export AWS_ENDPOINT_URL=" + management.endpoint());
                out.println("export AWS_REGION=" + management.region());
                out.println("export AWS_ACCESS_KEY_ID=" + account.accessKeyId());
                out.println("export AWS_SECRET_ACCESS_KEY=" + account.secretAccessKey());
                out.println("unset AWS_SESSION_TOKEN");
                return 0;
            });
        }
    }

    /** {@code gust accounts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListAccounts implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Override
        public Integer call() throws Exception {
            return reporting(() -> {
                GustClient client = options.client();
                ObjectMapper json = new ObjectMapper();
                String next = null;
                do {
                    ObjectNode request = json.createObjectNode();
                    if (next != null) {
                        request.put("NextToken", next);
                    }
                    JsonNode page = client.json("organizations", TARGET + "ListAccounts", request);
                    if (next == null) {
                        System.out.printf("%-12s  %-24s  %s%n", "ACCOUNT", "NAME", "EMAIL");
                    }
                    for (JsonNode account : page.path("Accounts")) {
                        System.out.printf("%-12s  %-24s  %s%n", account.path("Id").asText(),
                                account.path("Name").asText(), account.path("Email").asText());
                    }
                    next = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
                } while (next != null);
                return 0;
            });
        }
    }

    /**
     * An account just created and entered: Organizations' {@code CreateAccount}, then, through a session of its
     * {@code OrganizationAccountAccessRole}, an IAM user {@code admin} with {@code AdministratorAccess} and a key.
     */
    record NewAccount(String accountId, String accessKeyId, String secretAccessKey) {

        static NewAccount create(GustClient management, String name, String email) {
            ObjectNode request = new ObjectMapper().createObjectNode().put("AccountName", name).put("Email", email);
            JsonNode status = management.json("organizations", TARGET + "CreateAccount", request)
                    .path("CreateAccountStatus");
            if (!status.path("State").asText().equals("SUCCEEDED")) {
                throw new ClientException(status.path("FailureReason").asText("CreateAccountFailed"),
                        "the account was not created");
            }
            String accountId = status.path("AccountId").asText();
            String role = "arn:aws:iam::" + accountId + ":role/OrganizationAccountAccessRole";
            Document assumed = management.query("sts", "AssumeRole", "2011-06-15",
                    Map.of("RoleArn", role, "RoleSessionName", "gust-cli"));
            GustClient member = management.as(new ClientCredentials(GustClient.text(assumed, "AccessKeyId"),
                    GustClient.text(assumed, "SecretAccessKey"), GustClient.text(assumed, "SessionToken")));
            member.query("iam", "CreateUser", "2010-05-08", Map.of("UserName", "admin"));
            member.query("iam", "AttachUserPolicy", "2010-05-08", Map.of("UserName", "admin",
                    "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
            Document key = member.query("iam", "CreateAccessKey", "2010-05-08", Map.of("UserName", "admin"));
            return new NewAccount(accountId, GustClient.text(key, "AccessKeyId"),
                    GustClient.text(key, "SecretAccessKey"));
        }
    }
}
