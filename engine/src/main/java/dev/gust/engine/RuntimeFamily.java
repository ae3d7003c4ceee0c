package dev.gust.engine;

/** The families of Lambda runtime ids that Gust can run, each served by one kind of interpreter. */
public enum RuntimeFamily {
    PYTHON("python3."), NODEJS("nodejs"), JAVA("java"), PROVIDED("provided");

    private final String prefix;

    RuntimeFamily(String prefix) {
        this.prefix = prefix;
    }

    /** The family of a runtime id such as {@code python3.12}, or {@code null} for ids Gust cannot run (ruby, dotnet). */
    public static RuntimeFamily of(String runtimeId) {
        for (RuntimeFamily family : values()) {
            if (runtimeId.startsWith(family.prefix)) {
                return family == JAVA && runtimeId.equals("java8.al2") ? JAVA : family;
            }
        }
        return null;
    }
}
