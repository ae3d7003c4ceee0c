package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final InstalledRic RIC = new InstalledRic(
            List.of("aws-lambda-java-core-1.4.0.jar", "aws-lambda-java-runtime-interface-client-2.9.0.jar"),
            Optional.of("jni/libaws-lambda-jni.linux-x86_64.so"));

    private final JavaRuntime java21 = new JavaRuntime(JavaRuntimeId.JAVA21, JAVA_HOME, RIC, RuntimeRoots.LAMBDA);

    @Test
    void startsTheRuntimeInterfaceClientWithTheHandlerAsItsOnlyArgument() {
        List<String> argv = java21.command("example.Hello::handleRequest", 512, Map.of()).argv();

        assertThat(argv.getFirst()).isEqualTo(JAVA_HOME.resolve("bin/java").toString());
        assertThat(argv.subList(argv.size() - 2, argv.size()))
                .containsExactly("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        "example.Hello::handleRequest");
        assertThat(argv).contains("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void putsOnlyTheRuntimeJarsOnTheClasspathAsSeenInsideTheSandbox() {
        List<String> argv = java21.command("example.Hello", 128, Map.of()).argv();

        assertThat(argv.get(argv.indexOf("-classpath") + 1)).isEqualTo(
                "/var/runtime/java/lib/aws-lambda-java-core-1.4.0.jar"
                        + ":/var/runtime/java/lib/aws-lambda-java-runtime-interface-client-2.9.0.jar");
    }

    @Test
    void loadsTheJniLibraryFromTheRuntimeDirectoryInsteadOfTmp() {
        assertThat(java21.command("example.Hello", 128, Map.of()).argv()).contains(
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
                        + "/var/runtime/java/lib/jni/libaws-lambda-jni.linux-x86_64.so");

        JavaRuntime withoutJni = new JavaRuntime(JavaRuntimeId.JAVA21, JAVA_HOME,
                new InstalledRic(RIC.jars(), Optional.empty()), RuntimeRoots.LAMBDA);
        assertThat(withoutJni.command("example.Hello", 128, Map.of()).argv())
                .noneMatch(option -> option.contains("NativeClient.JNI"));
    }

    @Test
    void runsInTheTaskRootBecauseTheClientLoadsTheFunctionFromUserDir(@TempDir Path task, @TempDir Path runtime) {
        JavaRuntime onHost = new JavaRuntime(JavaRuntimeId.JAVA21, JAVA_HOME, RIC, new RuntimeRoots(task, runtime));

        RicCommand command = onHost.command("example.Hello", 128, Map.of());

        assertThat(command.workingDirectory()).isEqualTo(task);
        assertThat(command.environment()).containsEntry("LAMBDA_TASK_ROOT", task.toString())
                .containsEntry("LAMBDA_RUNTIME_DIR", runtime.toString());
        assertThat(command.argv()).contains(runtime + "/java/lib/aws-lambda-java-core-1.4.0.jar"
                + ":" + runtime + "/java/lib/aws-lambda-java-runtime-interface-client-2.9.0.jar");
    }

    @Test
    void namesTheRuntimeInTheExecutionEnvironment() {
        JavaRuntime java25 = new JavaRuntime(JavaRuntimeId.JAVA25, JAVA_HOME, RIC, RuntimeRoots.LAMBDA);

        assertThat(java21.command("example.Hello", 128, Map.of()).environment())
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        assertThat(java25.command("example.Hello", 128, Map.of()).environment())
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java25")
                .containsEntry("PATH", JAVA_HOME.resolve("bin") + ":/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    }

    @Test
    void dropsTheDefaultsThatTheFunctionsJavaToolOptionsSetsAndLeavesTheVariableToTheJvm() {
        RicCommand command = java21.command("example.Hello", 512,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -Xmx100m", "OTHER", "x"));

        assertThat(command.argv()).doesNotContain("-XX:+UseSerialGC", "-XX:MaxHeapSize=445645k");
        assertThat(command.environment()).doesNotContainKeys("JAVA_TOOL_OPTIONS", "OTHER");
    }

    @Test
    void refusesAJavaHomeWithoutALauncher(@TempDir Path empty) {
        assertThatThrownBy(() -> new JavaRuntime(JavaRuntimeId.JAVA21, empty, RIC, RuntimeRoots.LAMBDA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bin/java");
    }

    @Test
    void refusesABlankHandlerAndANonPositiveMemorySize() {
        assertThatThrownBy(() -> java21.command(" ", 128, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> java21.command("example.Hello", 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
