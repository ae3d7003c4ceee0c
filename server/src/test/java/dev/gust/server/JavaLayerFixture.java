package dev.gust.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Java layer and a function that needs it: the layer holds {@code java/lib/greeting.jar} with class
 * {@code layer.Greeting}; the handler {@code example.UsesLayer::handleRequest} returns
 * {@code "hello java from a layer jar"} through it, and its own package does not contain the class.
 *
 * @param layerZip the layer's zip
 * @param handlerZip the function's package
 */
record JavaLayerFixture(byte[] layerZip, byte[] handlerZip) {

    static final String HANDLER = "example.UsesLayer::handleRequest";
    static final String RESULT = "hello java from a layer jar";

    /** Compiles both in a folder under {@code workDir}. */
    static JavaLayerFixture compile(Path workDir) {
        Map<String, byte[]> classes = TestZips.javaClassFiles(workDir, Map.of(
                "layer/Greeting.java", """
                        package layer;
                        public final class Greeting {
                            public static String of(String who) { return "hello " + who + " from a layer jar"; }
                        }
                        """,
                "example/UsesLayer.java", """
                        package example;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import com.amazonaws.services.lambda.runtime.RequestHandler;
                        import java.util.Map;
                        public class UsesLayer implements RequestHandler<Map<String, Object>, String> {
                            public String handleRequest(Map<String, Object> event, Context context) {
                                return layer.Greeting.of("java");
                            }
                        }
                        """));
        Map<String, byte[]> jar = new LinkedHashMap<>();
        Map<String, byte[]> handler = new LinkedHashMap<>();
        classes.forEach((path, bytes) -> (path.startsWith("layer/") ? jar : handler).put(path, bytes));
        return new JavaLayerFixture(TestZips.zipBytes(Map.of("java/lib/greeting.jar", TestZips.zipBytes(jar))),
                TestZips.zipBytes(handler));
    }
}
