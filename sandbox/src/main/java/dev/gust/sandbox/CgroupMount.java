package dev.gust.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One cgroup filesystem mount read from {@code /proc/self/mountinfo}; immutable.
 *
 * @param root the cgroup mounted there, e.g. {@code /} or {@code /docker/abc} without a cgroup namespace
 * @param mountPoint where it is mounted, e.g. {@code /sys/fs/cgroup/memory}
 * @param version 1 or 2
 * @param controllers the v1 controllers of the hierarchy (empty for v2)
 */
record CgroupMount(String root, String mountPoint, int version, Set<String> controllers) {

    /** Parses the cgroup and cgroup2 mounts of a {@code mountinfo} file. */
    static List<CgroupMount> parse(List<String> mountinfo) {
        List<CgroupMount> mounts = new ArrayList<>();
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (separator < 5 || separator + 1 >= fields.length) {
                continue;
            }
            String type = fields[separator + 1];
            String root = unescape(fields[3]);
            String mountPoint = unescape(fields[4]);
            if (type.equals("cgroup2")) {
                mounts.add(new CgroupMount(root, mountPoint, 2, Set.of()));
            } else if (type.equals("cgroup") && separator + 3 < fields.length) {
                mounts.add(new CgroupMount(root, mountPoint, 1, Set.of(fields[separator + 3].split(","))));
            }
        }
        return mounts;
    }

    /** The mount's directory for {@code cgroupPath} (a path as {@code /proc/self/cgroup} shows it). */
    String directoryOf(String cgroupPath) {
        String relative = cgroupPath;
        if (!root.equals("/") && (cgroupPath.equals(root) || cgroupPath.startsWith(root + "/"))) {
            relative = cgroupPath.substring(root.length());
        } else if (!root.equals("/")) {
            relative = "/";
        }
        String joined = mountPoint + (relative.equals("/") ? "" : relative);
        return joined.isEmpty() ? "/" : joined;
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 4 <= field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
