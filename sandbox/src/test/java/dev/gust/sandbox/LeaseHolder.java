package dev.gust.sandbox;

import java.nio.file.Path;

/**
 * Another process that leases sandbox users: leases {@code args[3]} users of the range {@code args[1]} +
 * {@code args[2]} through the lease directory {@code args[0]}, prints their uids on one line, and holds them until its
 * stdin closes.
 */
public final class LeaseHolder {

    private LeaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        SandboxUsers users = new SandboxUsers(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[0]));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            line.append(users.lease().uid()).append(' ');
        }
        System.out.println(line.toString().trim());
        System.out.flush();
        System.in.read();
    }
}
