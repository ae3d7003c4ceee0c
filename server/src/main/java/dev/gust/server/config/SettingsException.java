package dev.gust.server.config;

import java.util.List;

/** Thrown when the configuration has problems; carries every problem found, not just the first. */
public final class SettingsException extends RuntimeException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The problems as a numbered list, ready to print. */
    public String numbered() {
        StringBuilder text = new StringBuilder("Gust cannot start: the configuration has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:\n" : " problems:\n");
        for (int i = 0; i < problems.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(problems.get(i)).append('\n');
        }
        return text.toString();
    }
}
