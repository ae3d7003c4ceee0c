package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Layers" section, run as written with bash and the real AWS CLI ({@code /usr/bin/aws}), then the same
 * layer used from Node.js and a jar layer from Java, with the CLI only.
 */
class LayersCliIT {

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
        List<String> readme = ReadmeShell.section("## Layers");
        assertThat(readme).hasSize(2);

        ReadmeShell.Result publishAndUse = bash(readme.get(0));
        assertThat(publishAndUse.exitCode()).as(publishAndUse.output()).isZero();
        assertThat(Files.readString(work.resolve("out.json"))).isEqualTo("\"hello python from a layer\"");

        ReadmeShell.Result node = bash("""
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
        ReadmeShell.Result java = bash("""
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

        ReadmeShell.Result manage = bash(readme.get(1));
        assertThat(manage.exitCode()).as(manage.output()).isZero();
        assertThat(manage.output()).contains("\"LayerName\": \"greeting\"", "lambda:GetLayerVersion",
                "\"Version\": 1");
        ReadmeShell.Result afterDelete = bash("""
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

    private static ReadmeShell.Result bash(String script) throws Exception {
        return new ReadmeShell(work, gust).bash(script);
    }
}
