package dev.gust.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The families of Lambda runtime ids that Gust can run, each served by one kind of interpreter. */
public enum RuntimeFamily {
    PYTHON("python3.", "python(3\\.\\d+)"),
    NODEJS("nodejs", "nodejs(\\d+)\\.x"),
    JAVA("java", "java(\\d+)"),
    RUBY("ruby", "ruby(3\\.\\d+)"),
    PROVIDED("provided", "provided\\.(al2|al2023)");

    private final String prefix;
    private final Pattern id;

    RuntimeFamily(String prefix, String id) {
        this.prefix = prefix;
        this.id = Pattern.compile(id);
    }

    /** The family of a runtime id such as {@code python3.12}, or {@code null} for ids Gust cannot run (dotnet). */
    public static RuntimeFamily of(String runtimeId) {
        for (RuntimeFamily family : values()) {
            if (runtimeId.startsWith(family.prefix)) {
                return family;
            }
        }
        return null;
    }

    /**
     * The language version a runtime id of this family names, as its interpreter reports the start of its version:
     * {@code 3.12} for {@code python3.12}, {@code 22} for {@code nodejs22.x}, {@code 21} for {@code java21}; empty
     * for {@code provided}.
     */
    public String languageVersion(String runtimeId) {
        Matcher m = id.matcher(runtimeId);
        return m.matches() && this != PROVIDED ? m.group(1) : "";
    }

    /** Whether an interpreter's version (e.g. {@code 3.12.1}, {@code 22.11.0}, {@code 21.0.5}) is of that version. */
    public boolean serves(String runtimeId, String interpreterVersion) {
        String wanted = languageVersion(runtimeId);
        return !wanted.isEmpty() && (interpreterVersion.equals(wanted) || interpreterVersion.startsWith(wanted + "."));
    }
}
