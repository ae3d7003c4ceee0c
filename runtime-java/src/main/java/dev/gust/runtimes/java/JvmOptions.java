package dev.gust.runtimes.java;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JVM options Lambda's Java runtimes start the runtime interface client with, minus those a function's
 * {@code JAVA_TOOL_OPTIONS} sets itself.
 *
 * <p>The JVM reads {@code JAVA_TOOL_OPTIONS} from the environment <em>before</em> the command line, so a default on
 * the command line would silently win over the function's choice (or, for a second garbage collector, stop the JVM
 * with "Multiple garbage collectors selected"). Lambda documents that {@code JAVA_TOOL_OPTIONS} changes the
 * collector and the tiered compilation level; each default here therefore belongs to a group of options, and the
 * whole group is left out when {@code JAVA_TOOL_OPTIONS} mentions any option of that group. The variable itself stays
 * in the environment for the JVM to apply.
 *
 * <p>Stateless and thread-safe.
 */
final class JvmOptions {

    /** Lambda gives the heap 85% of the function's memory, in KiB: 512 MB gives {@code -XX:MaxHeapSize=445645k}. */
    static final int HEAP_PERCENT = 85;

    private JvmOptions() {
    }

    /**
     * The default options for a function with this much memory, without those overridden by
     * {@code javaToolOptions} (empty when the variable is unset).
     */
    static List<String> defaults(int memoryMb, String javaToolOptions) {
        List<String> tokens = Arrays.stream(javaToolOptions.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
        List<String> options = new ArrayList<>();
        for (Group group : groups(memoryMb)) {
            if (tokens.stream().noneMatch(group.overriddenBy())) {
                options.addAll(group.options());
            }
        }
        return options;
    }

    /** The heap limit in KiB: 85% of the memory, rounded to the nearest KiB. */
    static long maxHeapKib(int memoryMb) {
        return Math.round(memoryMb * 1024L * HEAP_PERCENT / 100.0);
    }

    private static List<Group> groups(int memoryMb) {
        return List.of(
                // leaves the rest of the memory to metaspace, thread stacks, code cache and native buffers
                new Group(List.of("-XX:MaxHeapSize=" + maxHeapKib(memoryMb) + "k"),
                        prefixed("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM", "-XX:MaxRAMPercentage=")),
                // one core, small heaps, short lives: the serial collector has the least start-up and memory cost
                new Group(List.of("-XX:+UseSerialGC"), Pattern.compile("-XX:\\+Use\\w+GC").asMatchPredicate()),
                // class data sharing with the JDK's default archive; Lambda ships its own archive, Gust uses the JDK's
                new Group(List.of("-Xshare:auto"), prefixed("-Xshare:")),
                // C1 only: compiles quickly and never pays for profiling, the best trade for a short-lived JVM
                new Group(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
                        prefixed("-XX:TieredStopAtLevel=", "-XX:+TieredCompilation", "-XX:-TieredCompilation")),
                // the RIC opens FileDescriptor's constructor to write to the telemetry log fd
                new Group(List.of("--add-opens=java.base/java.io=ALL-UNNAMED"), token -> false),
                // user code that uses org.crac finds the RIC's CRaC implementation
                new Group(List.of("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"),
                        prefixed("-Dorg.crac.Core.Compat=")),
                // the Runtime API and the sandbox network are IPv4
                new Group(List.of("-Djava.net.preferIPv4Stack=true"), prefixed("-Djava.net.preferIPv4Stack=")),
                // a crash report goes to the function's log: the task root is read-only
                new Group(List.of("-XX:+ErrorFileToStderr"), prefixed("-XX:ErrorFile=", "-XX:-ErrorFileToStderr")),
                // the RIC loads its JNI library; without this JDK 24+ prints a warning into the function's log
                new Group(List.of("--enable-native-access=ALL-UNNAMED"), prefixed("--enable-native-access")));
    }

    private static Predicate<String> prefixed(String... prefixes) {
        return token -> Arrays.stream(prefixes).anyMatch(token::startsWith);
    }

    private record Group(List<String> options, Predicate<String> overriddenBy) {
    }
}
