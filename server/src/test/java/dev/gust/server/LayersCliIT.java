package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Layers" section, run as written with bash and the real AWS CLI ({@code /usr/bin/aws}), then the same
 * layer used from Node.js and a jar layer from Java, with the CLI only.
 */
class LayersCliIT {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void theReadmeLayerStepsWorkForPythonNodeAndJava() throws Exception {
        List<String> readme = readmeSection("## Layers");
        assertThat(readme).hasSize(2);

        Shell publishAndUse = bash(readme.get(0));
        assertThat(publishAndUse.exitCode()).as(publishAndUse.output()).isZero();
        assertThat(Files.readString(work.resolve("out.json"))).isEqualTo("\"hello python from a layer\"");

        Shell node = bash("""
                LAYER=$(aws --endpoint-url "$AWS_ENDPOINT_URL" lambda list-layer-versions --layer-name greeting \\
                    --query 'LayerVersions[0].LayerVersionArn' --output text)
                echo 'exports.handler = async () => require("greet")("node");' > index.js
                python3 -m zipfile -c node.zip index.js
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda create-function --function-name greeter-node \\
                    --runtime nodejs20.x --handler index.handler --role arn:aws:iam::000000000000:role/lambda-role \\
                    --zip-file fileb://node.zip --layers "$LAYER"
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda invoke --function-name greeter-node node-out.json
                """);
        assertThat(node.exitCode()).as(node.output()).isZero();
        assertThat(Files.readString(work.resolve("node-out.json"))).isEqualTo("\"hello node from a layer\"");

        writeJavaPackages();
        Shell java = bash("""
                JAR_LAYER=$(aws --endpoint-url "$AWS_ENDPOINT_URL" lambda publish-layer-version \\
                    --layer-name greeting-jar --compatible-runtimes java21 --zip-file fileb://java-layer.zip \\
                    --query LayerVersionArn --output text)
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda create-function --function-name greeter-java \\
                    --runtime java21 --memory-size 512 --timeout 30 --handler example.UsesLayer::handleRequest \\
                    --role arn:aws:iam::000000000000:role/lambda-role --zip-file fileb://java-function.zip \\
                    --layers "$JAR_LAYER"
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda invoke --function-name greeter-java java-out.json
                """);
        assertThat(java.exitCode()).as(java.output()).isZero();
        assertThat(Files.readString(work.resolve("java-out.json"))).isEqualTo("\"" + JavaLayerFixture.RESULT + "\"");

        Shell manage = bash(readme.get(1));
        assertThat(manage.exitCode()).as(manage.output()).isZero();
        assertThat(manage.output()).contains("\"LayerName\": \"greeting\"", "lambda:GetLayerVersion",
                "\"Version\": 1");
        Shell afterDelete = bash("""
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda list-layer-versions --layer-name greeting
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda invoke --function-name greeter out-after-delete.json
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda get-layer-version --layer-name greeting --version-number 1
                """);
        assertThat(afterDelete.output()).contains("\"LayerVersions\": []", "ResourceNotFoundException");
        assertThat(Files.readString(work.resolve("out-after-delete.json")))
                .as("a function keeps the layer version it uses after its deletion")
                .isEqualTo("\"hello python from a layer\"");
    }

    private static void writeJavaPackages() throws Exception {
        JavaLayerFixture java = JavaLayerFixture.compile(work);
        Files.write(work.resolve("java-layer.zip"), java.layerZip());
        Files.write(work.resolve("java-function.zip"), java.handlerZip());
    }

    /** The bash blocks of one README section, in order. */
    private static List<String> readmeSection(String heading) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("gust.root", ".."), "README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        Matcher blocks = BASH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    record Shell(int exitCode, String output) {
    }

    /**
     * Runs a script with bash in the work folder, with the variables {@code ./gust server} tells users to export and
     * {@code /usr/bin} first on {@code PATH} (the AWS CLI v2 and the system Python).
     */
    private static Shell bash(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-euo", "pipefail", "-c", script)
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", work.toString());
        env.put("AWS_ENDPOINT_URL", gust.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.remove("AWS_PROFILE");
        Path log = Files.createTempFile(work, "bash", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + script);
        }
        return new Shell(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
