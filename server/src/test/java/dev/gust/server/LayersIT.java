package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda layers through the real SDK: every layer operation and its errors as AWS answers them (LocalStack's
 * recordings, {@code test_lambda_api.snapshot.json}, {@code TestLambdaLayer}), and functions in real sandboxes
 * finding their layers' content where Lambda's runtimes look: Python modules, Node.js packages, Java jars,
 * executables on {@code PATH}, a later layer's file replacing an earlier one's.
 */
class LayersIT {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void publishesReadsListsAndDeletesLayerVersionsNeverReusingANumber() throws Exception {
        String name = unique("lifecycle");
        byte[] zip = TestZips.zip(Map.of("python/lifecycle_mod.py", "VALUE = 1\n"));

        PublishLayerVersionResponse first = lambda.publishLayerVersion(b -> b.layerName(name).description("first")
                .licenseInfo("MIT").compatibleRuntimes(Runtime.PYTHON3_12).compatibleArchitectures(Architecture.X86_64)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        PublishLayerVersionResponse second = lambda.publishLayerVersion(b -> b.layerName(name)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));

        assertThat(first.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(first.layerArn()).isEqualTo(ARN + name);
        assertThat(first.layerVersionArn()).isEqualTo(ARN + name + ":1");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.description()).isEqualTo("first");
        assertThat(first.licenseInfo()).isEqualTo("MIT");
        assertThat(first.compatibleRuntimes()).containsExactly(Runtime.PYTHON3_12);
        assertThat(first.compatibleArchitectures()).containsExactly(Architecture.X86_64);
        assertThat(first.createdDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(first.content().codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(first.content().codeSize()).isEqualTo(zip.length);
        assertThat(download(first.content().location())).isEqualTo(zip);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.description()).isEmpty();
        assertThat(second.hasCompatibleRuntimes()).as("omitted when none were given").isFalse();
        assertThat(second.content().codeSha256()).isEqualTo(first.content().codeSha256());

        GetLayerVersionResponse got = lambda.getLayerVersion(b -> b.layerName(name).versionNumber(1L));
        assertThat(got.layerVersionArn()).isEqualTo(first.layerVersionArn());
        assertThat(got.licenseInfo()).isEqualTo("MIT");
        assertThat(download(got.content().location())).isEqualTo(zip);
        assertThat(lambda.getLayerVersion(b -> b.layerName(ARN + name).versionNumber(2L)).version()).isEqualTo(2);
        assertThat(lambda.getLayerVersionByArn(b -> b.arn(ARN + name + ":1")).description()).isEqualTo("first");

        assertThat(lambda.listLayerVersions(b -> b.layerName(name)).layerVersions())
                .extracting(LayerVersionsListItem::version).containsExactly(2L, 1L);
        assertThat(lambda.listLayerVersions(b -> b.layerName(name).compatibleRuntime(Runtime.PYTHON3_12))
                .layerVersions()).extracting(LayerVersionsListItem::version).containsExactly(1L);
        LayersListItem listed = lambda.listLayers().layers().stream().filter(l -> l.layerName().equals(name))
                .findFirst().orElseThrow();
        assertThat(listed.layerArn()).isEqualTo(ARN + name);
        assertThat(listed.latestMatchingVersion().version()).isEqualTo(2);
        assertThat(lambda.listLayers(b -> b.compatibleRuntime(Runtime.PYTHON3_12)).layers().stream()
                .filter(l -> l.layerName().equals(name)).findFirst().orElseThrow().latestMatchingVersion().version())
                .isEqualTo(1);
        assertThat(lambda.listLayers(b -> b.compatibleArchitecture(Architecture.ARM64)).layers())
                .noneMatch(l -> l.layerName().equals(name));

        assertThat(lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(1L)).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(2L));
        lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(2L)); // idempotent, as on AWS
        assertThat(lambda.listLayerVersions(b -> b.layerName(name)).layerVersions()).isEmpty();
        assertThat(lambda.listLayers().layers()).noneMatch(l -> l.layerName().equals(name));
        assertThat(lambda.publishLayerVersion(b -> b.layerName(name)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).version()).isEqualTo(3);
    }

    @Test
    void pagesThroughLayerVersions() {
        String name = unique("paged");
        for (int i = 0; i < 3; i++) {
            publish(name, Map.of("f.txt", "x"));
        }

        var page1 = lambda.listLayerVersions(b -> b.layerName(name).maxItems(2));
        var page2 = lambda.listLayerVersions(b -> b.layerName(name).maxItems(2).marker(page1.nextMarker()));

        assertThat(page1.layerVersions()).extracting(LayerVersionsListItem::version).containsExactly(3L, 2L);
        assertThat(page2.layerVersions()).extracting(LayerVersionsListItem::version).containsExactly(1L);
        assertThat(page2.nextMarker()).isNull();
    }

    @Test
    void answersLayerErrorsAsAwsDoes() {
        String name = unique("errors");
        PublishLayerVersionResponse published = publish(name, Map.of("f.txt", "x"));

        assertError(() -> lambda.listLayers(b -> b.compatibleRuntime("runtimedoesnotexist")), LambdaException.class,
                400, "ValidationException", "1 validation error detected: Value 'runtimedoesnotexist' at "
                        + "'compatibleRuntime' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[ruby3.5, ruby2.6, dotnetcore1.0, python3.7,");
        assertError(() -> lambda.listLayers(b -> b.compatibleArchitecture("archdoesnotexist")), LambdaException.class,
                400, "ValidationException", "1 validation error detected: Value 'archdoesnotexist' at "
                        + "'compatibleArchitecture' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[x86_64, arm64]");
        assertThat(lambda.listLayerVersions(b -> b.layerName("layerdoesnotexist")).layerVersions()).isEmpty();
        assertError(() -> lambda.getLayerVersion(b -> b.layerName("layerdoesnotexist").versionNumber(1L)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        for (long version : new long[] {-1, 0}) {
            assertError(() -> lambda.getLayerVersion(b -> b.layerName(name).versionNumber(version)),
                    InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                    "Layer Version Cannot be less than 1");
        }
        assertError(() -> lambda.getLayerVersion(b -> b.layerName(name).versionNumber(2L)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertError(() -> lambda.getLayerVersionByArn(b -> b.arn(published.layerArn())), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '" + published.layerArn() + "' at 'arn' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:"
                        + "layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)");
        assertError(() -> lambda.getLayerVersionByArn(b -> b.arn(published.layerArn() + ":2")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertThat(lambda.deleteLayerVersion(b -> b.layerName("layerdoesnotexist").versionNumber(1L))
                .sdkHttpResponse().statusCode()).isEqualTo(204);
        assertError(() -> lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(-1L)),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Layer Version Cannot be less than 1");

        PublishLayerVersionResponse empty = lambda.publishLayerVersion(b -> b.layerName(unique("empty"))
                .compatibleRuntimes(List.of()).compatibleArchitectures(List.of())
                .content(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("f.txt", "x"))))));
        assertThat(empty.hasCompatibleRuntimes()).isTrue();
        assertThat(empty.compatibleRuntimes()).isEmpty();

        String quoted = "[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, "
                + "java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, "
                + "nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]";
        assertError(() -> lambda.publishLayerVersion(b -> b.layerName(unique("bad"))
                        .compatibleRuntimesWithStrings("invalidruntime", "invalidruntime2", "nodejs20.x")
                        .compatibleArchitecturesWithStrings("invalidarch", "x86_64")
                        .content(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("f.txt", "x")))))),
                LambdaException.class, 400, "ValidationException", "2 validation errors detected: Value "
                        + "'[invalidruntime, invalidruntime2, nodejs20.x]' at 'compatibleRuntimes' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: " + quoted + "; Value '[invalidarch, x86_64]' "
                        + "at 'compatibleArchitectures' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
        assertError(() -> lambda.publishLayerVersion(b -> b.layerName(unique("hostile"))
                        .content(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("../escape.py", "x")))))),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", "Zip entry '../escape.py'");
    }

    @Test
    void keepsLayerVersionPoliciesAsAwsDoes() {
        String name = unique("policy");
        publish(name, Map.of("f.txt", "x"));
        String versionArn = ARN + name + ":1";

        assertError(() -> lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "No policy is associated with the given resource.");
        var s1 = lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s1")
                .action("lambda:GetLayerVersion").principal("*"));
        assertThat(s1.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(TestFunctions.parse(s1.statement())).isEqualTo(TestFunctions.parse("{\"Sid\":\"s1\",\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:GetLayerVersion\",\"Resource\":\"" + versionArn
                + "\"}"));
        var policy = lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L));
        assertThat(policy.revisionId()).isEqualTo(s1.revisionId());
        JsonNode document = TestFunctions.parse(policy.policy());
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.get("Id").asText()).isEqualTo("default");
        assertThat(document.get("Statement")).hasSize(1);

        var s2 = lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s2")
                .action("lambda:GetLayerVersion").principal("123456789012").organizationId("o-abcdefghij")
                .revisionId(policy.revisionId()));
        JsonNode statement2 = TestFunctions.parse(s2.statement());
        assertThat(statement2.at("/Principal/AWS").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(statement2.at("/Condition/StringEquals/aws:PrincipalOrgID").asText()).isEqualTo("o-abcdefghij");
        assertThat(TestFunctions.parse(lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L)).policy())
                .get("Statement")).hasSize(2);

        assertError(() -> lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s3")
                        .action("*").principal("*")), LambdaException.class, 400, "ValidationException",
                "1 validation error detected: Value '*' at 'action' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: lambda:GetLayerVersion");
        assertError(() -> lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s1")
                        .action("lambda:GetLayerVersion").principal("*")), ResourceConflictException.class, 409,
                "ResourceConflictException", "The statement id (s1) provided already exists. Please provide a new "
                        + "statement id, or remove the existing statement.");
        String stale = "The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API "
                + "to retrieve the latest Revision Id";
        assertError(() -> lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s3")
                        .action("lambda:GetLayerVersion").principal("*").revisionId("wrong")),
                PreconditionFailedException.class, 412, "PreconditionFailedException", stale);
        String missingLayer = "Layer version " + ARN + name + "-doesnotexist:1 does not exist.";
        assertError(() -> lambda.addLayerVersionPermission(b -> b.layerName(name + "-doesnotexist").versionNumber(1L)
                        .statementId("s3").action("lambda:GetLayerVersion").principal("*")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", missingLayer);
        assertError(() -> lambda.getLayerVersionPolicy(b -> b.layerName(name + "-doesnotexist").versionNumber(1L)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", missingLayer);
        assertError(() -> lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(2L)
                        .statementId("s1")), ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "Layer version " + ARN + name + ":2 does not exist.");
        assertError(() -> lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(1L)
                        .statementId("doesnotexist")), ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "Statement doesnotexist is not found in resource policy.");
        assertError(() -> lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(1L)
                        .statementId("s1").revisionId("wrong")), PreconditionFailedException.class, 412,
                "PreconditionFailedException", stale);

        assertThat(lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s2")
                .revisionId(s2.revisionId())).sdkHttpResponse().statusCode()).isEqualTo(204);
        var afterRemove = lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L));
        assertThat(afterRemove.revisionId()).isNotEqualTo(s2.revisionId());
        assertThat(TestFunctions.parse(afterRemove.policy()).get("Statement")).hasSize(1);
        lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("s1"));
        assertError(() -> lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "No policy is associated with the given resource.");
    }

    @Test
    void refusesBadLayerListsOnFunctionsAndChangesNothing() {
        String name = unique("fnerrors");
        String v1 = publish(name, Map.of("f.txt", "x")).layerVersionArn();
        String v2 = publish(name, Map.of("f.txt", "x")).layerVersionArn();
        String function = unique("fn-layer-errors");
        server.functions().create(function, "python3.12", "lambda_function.lambda_handler",
                Map.of("lambda_function.py", "def lambda_handler(event, context):\n    return 1\n"));
        String revision = lambda.getFunctionConfiguration(b -> b.functionName(function)).revisionId();

        assertError(() -> setLayers(function, v1, v2), InvalidParameterValueException.class, 400,
                "InvalidParameterValueException", "Two different versions of the same layer are not allowed to be "
                        + "referenced in the same function. " + v1 + " and " + v2 + " are versions of the same layer.");
        assertError(() -> setLayers(function, v1, v1), InvalidParameterValueException.class, 400,
                "InvalidParameterValueException", "Two different versions of the same layer are not allowed to be "
                        + "referenced in the same function. " + v1 + " and " + v1 + " are versions of the same layer.");
        assertError(() -> setLayers(function, ARN + "doesnotexist:1"), InvalidParameterValueException.class, 400,
                "InvalidParameterValueException", "Layer version " + ARN + "doesnotexist:1 does not exist.");
        assertError(() -> setLayers(function, ARN + name + ":9"), InvalidParameterValueException.class, 400,
                "InvalidParameterValueException", "Layer version " + ARN + name + ":9 does not exist.");
        assertError(() -> setLayers(function, ARN + name), LambdaException.class, 400, "ValidationException",
                "1 validation error detected: Value '[" + ARN + name + "]' at 'layers' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must have length less than or equal to 2048, Member "
                        + "must have length greater than or equal to 1, Member must satisfy regular expression pattern: "
                        + "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:"
                        + "layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+), Member must "
                        + "not be null]");
        assertError(() -> setLayers(function, "arn:aws:lambda:eu-central-1:000000000000:layer:" + name + ":1"),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Layers are not in the same region as the function. Layers are expected to be in region us-east-1.");
        String[] six = new String[6];
        for (int i = 0; i < six.length; i++) {
            six[i] = publish(unique("six" + i), Map.of("f.txt", "x")).layerVersionArn();
        }
        assertError(() -> lambda.createFunction(b -> b.functionName(unique("six")).runtime(Runtime.PYTHON3_12)
                        .role(FunctionLifecycleIT.ROLE).handler("lambda_function.lambda_handler").layers(six)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("1"))))),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Cannot reference more than 5 layers.");

        GetFunctionConfigurationResponse unchanged = lambda.getFunctionConfiguration(b -> b.functionName(function));
        assertThat(unchanged.revisionId()).isEqualTo(revision);
        assertThat(unchanged.hasLayers()).isFalse();
    }

    @Test
    void pythonImportsFromTheLayersWithALaterLayerReplacingAnEarlierOnesFile() {
        String base = publish(unique("py-base"), Map.of(
                "python/greeting.py", "WHO = 'base'\n",
                "python/only_base.py", "VALUE = 'from the first layer'\n",
                "bin/layer-tool", "#!/bin/sh\necho tool\n")).layerVersionArn();
        String override = publish(unique("py-override"), Map.of(
                "python/greeting.py", "WHO = 'override'\n",
                "python/lib/python3.12/site-packages/sitepkg.py", "NAME = 'site-packages'\n")).layerVersionArn();
        String function = unique("py-layers");
        server.functions().create(function, "python3.12", "lambda_function.lambda_handler",
                Map.of("lambda_function.py", """
                        import os
                        import greeting, only_base
                        def lambda_handler(event, context):
                            try:
                                import sitepkg
                                site = sitepkg.NAME
                            except ImportError:
                                site = None
                            try:
                                open('/opt/python/new.py', 'w')
                                writable = True
                            except OSError:
                                writable = False
                            return {'who': greeting.WHO, 'only': only_base.VALUE, 'site': site,
                                    'file': greeting.__file__, 'tool': os.path.isfile('/opt/bin/layer-tool')
                                    and '/opt/bin' in os.environ['PATH'].split(':'),
                                    'writable': writable}
                        """), b -> b.layers(base, override));

        JsonNode result = server.functions().invokeForJson(function, "{}");

        assertThat(result.get("who").asText()).isEqualTo("override");
        assertThat(result.get("only").asText()).isEqualTo("from the first layer");
        assertThat(result.get("file").asText()).isEqualTo("/opt/python/greeting.py");
        assertThat(result.get("site").asText()).as("the runtime's site-packages in a layer").isEqualTo("site-packages");
        assertThat(result.get("tool").asBoolean()).as("/opt/bin on PATH").isTrue();
        assertThat(result.get("writable").asBoolean()).as("/opt is read-only").isFalse();
        GetFunctionConfigurationResponse configuration = lambda.getFunctionConfiguration(b -> b.functionName(function));
        assertThat(configuration.layers()).extracting(Layer::arn).containsExactly(base, override);
        assertThat(configuration.layers().getFirst().codeSize()).isPositive();
    }

    @Test
    void keepsAFunctionsLayerAfterTheLayerVersionIsDeleted() {
        String layerName = unique("kept");
        String layer = publish(layerName, Map.of("python/kept_mod.py", "VALUE = 'still here'\n")).layerVersionArn();
        String function = unique("py-kept");
        server.functions().create(function, "python3.12", "lambda_function.lambda_handler",
                Map.of("lambda_function.py", """
                        def lambda_handler(event, context):
                            import kept_mod
                            return kept_mod.VALUE
                        """), b -> b.layers(layer));

        lambda.deleteLayerVersion(b -> b.layerName(layerName).versionNumber(1L));
        // another code change runs the package collector; the deleted version's content must survive it
        lambda.updateFunctionCode(b -> b.functionName(function).zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of(
                "lambda_function.py", "def lambda_handler(event, context):\n    import kept_mod\n"
                        + "    return kept_mod.VALUE + '!'\n")))));
        server.functions().awaitUpdated(function);

        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(function)).layers()).extracting(Layer::arn)
                .containsExactly(layer);
        assertThat(server.functions().invokeForJson(function, "{}").asText()).isEqualTo("still here!");
        lambda.updateFunctionConfiguration(b -> b.functionName(function).layers(List.of()));
        server.functions().awaitUpdated(function);
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(function)).hasLayers()).isFalse();
        assertThat(server.functions().invoke(function, "{}").functionError()).isEqualTo("Unhandled");
    }

    @Test
    void nodeRequiresAPackageFromALayer() {
        String layer = publish(unique("node"), Map.of(
                "nodejs/node_modules/greet/package.json", "{\"name\":\"greet\",\"main\":\"index.js\"}",
                "nodejs/node_modules/greet/index.js", "module.exports = (who) => `hello ${who} from a layer`;\n"))
                .layerVersionArn();
        String function = unique("node-layers");
        server.functions().create(function, "nodejs20.x", "index.handler", Map.of("index.js", """
                const greet = require('greet');
                exports.handler = async () => ({ greeting: greet('node'), nodePath: process.env.NODE_PATH });
                """), b -> b.layers(layer));

        JsonNode result = server.functions().invokeForJson(function, "{}");

        assertThat(result.get("greeting").asText()).isEqualTo("hello node from a layer");
        assertThat(result.get("nodePath").asText()).contains("/opt/nodejs/node20/node_modules:/opt/nodejs/node_modules");
    }

    @Test
    void javaUsesAClassFromALayerJar() {
        JavaLayerFixture java = JavaLayerFixture.compile(dataDir);
        String layerName = unique("java");
        String layer = lambda.publishLayerVersion(b -> b.layerName(layerName).compatibleRuntimes(Runtime.JAVA21)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(java.layerZip())))).layerVersionArn();
        String function = unique("java-layers");
        server.functions().create(function, "java21", JavaLayerFixture.HANDLER, java.handlerZip(),
                b -> b.memorySize(512).timeout(30).layers(layer));

        assertThat(server.functions().invokeForJson(function, "{}").asText()).isEqualTo(JavaLayerFixture.RESULT);
    }

    /**
     * Without a sandbox there is no {@code /opt}: the layers' merged directory reaches each runtime through its
     * environment and command line instead.
     */
    @Test
    void runtimesFindLayersWithoutASandboxToo(@TempDir Path unsandboxedDir) throws Exception {
        try (TestServer none = TestServer.start(unsandboxedDir, Map.of("GUST_SANDBOX", "none"))) {
            LambdaClient client = none.lambda();
            String python = client.publishLayerVersion(b -> b.layerName("py").content(c -> c.zipFile(
                    SdkBytes.fromByteArray(TestZips.zip(Map.of("python/greeting.py", "WHO = 'python'\n",
                            "python/lib/python3.12/site-packages/sitepkg.py", "NAME = 'site'\n"))))))
                    .layerVersionArn();
            String node = client.publishLayerVersion(b -> b.layerName("node").content(c -> c.zipFile(
                    SdkBytes.fromByteArray(TestZips.zip(Map.of("nodejs/node_modules/greet/index.js",
                            "module.exports = 'node';\n")))))).layerVersionArn();
            JavaLayerFixture java = JavaLayerFixture.compile(dataDir);
            String jar = client.publishLayerVersion(b -> b.layerName("java").content(c -> c.zipFile(
                    SdkBytes.fromByteArray(java.layerZip())))).layerVersionArn();
            none.functions().create("py", "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py",
                    "import greeting, sitepkg\ndef lambda_handler(event, context):\n"
                            + "    return greeting.WHO + ' ' + sitepkg.NAME\n"), b -> b.layers(python));
            none.functions().create("node", "nodejs20.x", "index.handler", Map.of("index.js",
                    "exports.handler = async () => require('greet');\n"), b -> b.layers(node));
            none.functions().create("java", "java21", JavaLayerFixture.HANDLER, java.handlerZip(),
                    b -> b.memorySize(512).timeout(30).layers(jar));

            assertThat(none.functions().invokeForJson("py", "{}").asText()).isEqualTo("python site");
            assertThat(none.functions().invokeForJson("node", "{}").asText()).isEqualTo("node");
            assertThat(none.functions().invokeForJson("java", "{}").asText()).isEqualTo(JavaLayerFixture.RESULT);
        }
    }

    private static void setLayers(String function, String... arns) {
        lambda.updateFunctionConfiguration(b -> b.functionName(function).layers(arns));
    }

    private static PublishLayerVersionResponse publish(String name, Map<String, String> files) {
        return lambda.publishLayerVersion(b -> b.layerName(name)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(files)))));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] download(String location) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private static void assertError(Runnable call, Class<? extends LambdaException> type, int status, String code,
            String messageStart) {
        assertThatThrownBy(call::run).isInstanceOf(type).satisfies(e -> {
            LambdaException error = (LambdaException) e;
            assertThat(error.statusCode()).isEqualTo(status);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(error.awsErrorDetails().errorMessage()).startsWith(messageStart);
        });
    }
}
