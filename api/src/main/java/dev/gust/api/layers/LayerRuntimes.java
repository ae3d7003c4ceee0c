package dev.gust.api.layers;

import java.util.List;
import java.util.Set;

/**
 * The runtime and architecture values a layer may declare, and the lists AWS quotes when one is invalid.
 *
 * <p>AWS accepts every runtime of the model's {@code Runtime} enum (deprecated ones too), but quotes a
 * different, unordered list in each operation's error message; the lists here are the recorded ones.
 */
final class LayerRuntimes {

    /** The model's {@code Runtime} enum (botocore). */
    static final Set<String> MODEL = Set.of("nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x",
            "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "java8",
            "java8.al2", "java11", "java17", "java21", "java25", "python2.7", "python3.6", "python3.7", "python3.8",
            "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "dotnetcore1.0",
            "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10", "nodejs4.3-edge",
            "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0", "provided", "provided.al2",
            "provided.al2023", "nodejs26.x", "python3.15", "java8.al2023", "java11.al2023", "java17.al2023");

    /** What PublishLayerVersion quotes for an invalid {@code CompatibleRuntimes} entry. */
    static final String PUBLISH_QUOTE = "[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, "
            + "nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, "
            + "nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]";

    /** What ListLayers and ListLayerVersions quote for an invalid {@code CompatibleRuntime}. */
    static final String LIST_QUOTE = "[ruby3.5, ruby2.6, dotnetcore1.0, python3.7, nodejs8.10, nasa, ruby2.7, "
            + "python2.7-greengrass, dotnetcore2.0, python3.8, java21, dotnet6, dotnetcore2.1, python3.9, java11, "
            + "nodejs6.10, provided, dotnetcore3.1, dotnet8, java25, java17, nodejs, nodejs4.3, java8.al2, go1.x, dotnet10, "
            + "nodejs20.x, go1.9, byol, nodejs10.x, provided.al2023, nodejs22.x, python3.10, java8, nodejs12.x, python3.11, "
            + "nodejs24.x, nodejs8.x, python3.12, nodejs14.x, nodejs8.9, nodejs26.x, python3.13, python3.14, nodejs16.x, "
            + "python3.15, provided.al2, nodejs4.3-edge, nodejs18.x, ruby3.2, python3.4, ruby3.3, ruby3.4, ruby2.5, "
            + "python3.6, python2.7]";

    static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");

    private LayerRuntimes() {
    }
}
