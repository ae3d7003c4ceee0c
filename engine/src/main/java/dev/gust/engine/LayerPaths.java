package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each runtime finds the layers merged at {@code /opt}, as Lambda's runtimes look: {@code /opt/bin} on
 * {@code PATH} and {@code /opt/lib} on {@code LD_LIBRARY_PATH} (set for every runtime by the engine),
 * {@code /opt/python} and its {@code site-packages} (Gust's Python bootstrap), {@code NODE_PATH} as Lambda sets it,
 * {@code GEM_PATH} and {@code RUBYLIB} as Lambda sets them (the function's {@code vendor/bundle} and the layers'
 * {@code ruby/gems} and {@code ruby/lib}), and {@code /opt/java/lib/*.jar} (loaded by the Java runtime interface
 * client).
 *
 * <p>Without a sandbox there is no {@code /opt}: the launcher rewrites paths in the command and the environment
 * only ({@code PathTranslation}), so paths that runtimes hard-code are passed to them in the environment or on the
 * command line instead: {@code PYTHONPATH} for Python, the JVM's {@code -classpath} for Java. Stateless.
 */
final class LayerPaths {

    private static final Pattern NODE_MAJOR = Pattern.compile("nodejs(\\d+)\\.x");

    private LayerPaths() {
    }

    /** {@code NODE_PATH} as Lambda sets it for a Node.js runtime id, e.g. {@code nodejs20.x}. */
    static String nodePath(String runtime) {
        Matcher m = NODE_MAJOR.matcher(runtime);
        String versioned = m.matches() ? "/opt/nodejs/node" + m.group(1) + "/node_modules:" : "";
        return versioned + "/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task";
    }

    /**
     * {@code GEM_PATH} as Lambda sets it for a Ruby runtime id, e.g. {@code ruby3.3}: gems of Ruby 3.3.0's ABI
     * (recorded on AWS: test_lambda_common.snapshot.json, ruby3.4).
     */
    static String gemPath(String runtime) {
        String abi = RuntimeFamily.RUBY.languageVersion(runtime) + ".0";
        return "/var/task/vendor/bundle/ruby/" + abi + ":/opt/ruby/gems/" + abi + ":/var/runtime:/var/runtime/ruby/" + abi;
    }

    /**
     * Adds to {@code environment} (the function's and Lambda's variables) and {@code argv} what the runtime needs
     * to find the layers.
     *
     * @param isolated whether the sandbox mounts {@code /opt}; if not, hard-coded paths are passed explicitly
     */
    static List<String> apply(FunctionConfiguration function, boolean isolated, Map<String, String> environment,
            List<String> argv) {
        RuntimeFamily family = RuntimeFamily.of(function.runtime());
        if (family == RuntimeFamily.NODEJS) {
            environment.putIfAbsent("NODE_PATH", nodePath(function.runtime()));
        }
        if (family == RuntimeFamily.RUBY) {
            environment.putIfAbsent("GEM_HOME", "/var/runtime");
            environment.putIfAbsent("GEM_PATH", gemPath(function.runtime()));
            environment.putIfAbsent("RUBYLIB", "/var/task:/var/runtime/lib:/opt/ruby/lib");
        }
        if (isolated || function.layers().isEmpty()) {
            return argv;
        }
        if (family == RuntimeFamily.PYTHON) { // the runtime id names site-packages, as in the bootstrap
            String paths = "/opt/python/lib/" + function.runtime() + "/site-packages:/opt/python";
            environment.merge("PYTHONPATH", paths, (own, layers) -> layers + ":" + own);
        }
        if (family == RuntimeFamily.JAVA) {
            List<String> changed = new ArrayList<>(argv);
            int classpath = changed.indexOf("-classpath") + 1;
            if (classpath > 0 && classpath < changed.size()) {
                changed.set(classpath, changed.get(classpath) + ":/opt/java/lib/*");
            }
            return changed;
        }
        return argv;
    }
}
