package dev.gust.sandbox;

/**
 * The unprivileged user functions run as inside a sandbox; immutable.
 *
 * <p>When Gust runs as root this is also the host uid of every function process, so the kernel treats a
 * function like any unprivileged user (it cannot write sysctls or root-owned files, nor signal Gust). When Gust
 * runs as another user, functions keep that user's host uid and only appear as this uid inside.
 *
 * @param uid the user id, not 0
 * @param gid the group id, not 0
 */
public record SandboxUser(int uid, int gid) {

    /** Lambda's {@code sbx_user1051}: uid 993, gid 990. */
    public static final SandboxUser LAMBDA = new SandboxUser(993, 990);

    /** Rejects root and negative ids. */
    public SandboxUser {
        if (uid <= 0 || gid <= 0) {
            throw new IllegalArgumentException("the sandbox user must not be root: " + uid + ":" + gid);
        }
    }
}
