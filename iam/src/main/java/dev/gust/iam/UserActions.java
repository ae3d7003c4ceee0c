package dev.gust.iam;

import dev.gust.edge.Caller;
import dev.gust.edge.QueryXml;
import java.util.ArrayList;
import java.util.List;

/** {@code CreateUser}, {@code GetUser}, {@code ListUsers}, {@code DeleteUser}. Thread-safe. */
final class UserActions {

    private final Iam iam;

    UserActions(Iam iam) {
        this.iam = iam;
    }

    void register(IamService.Registry registry) {
        registry.add("CreateUser", this::createUser);
        registry.add("GetUser", this::getUser);
        registry.add("ListUsers", this::listUsers);
        registry.add("DeleteUser", this::deleteUser);
    }

    private String createUser(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("UserName", 64);
        String path = p.path("Path");
        p.validate();
        User user = new User(name, path, iam.ids().user(), iam.now(), List.of(), Permissions.NONE);
        iam.update(request.accountId(), account -> {
            if (account.user(name).isPresent()) {
                throw IamErrors.alreadyExists("User with name " + name + " already exists.");
            }
            return List.of(new IamWrite.PutUser(user));
        });
        return write(IamXml.result("CreateUser"), "User", user, request.accountId()).end(request.requestId());
    }

    private String getUser(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.optionalName("UserName", 128);
        p.validate();
        Caller caller = request.caller();
        QueryXml xml = IamXml.result("GetUser");
        if (name == null && caller.isAccountRoot()) {
            return xml.open("User").element("UserId", caller.accountId()).element("Arn", caller.arn())
                    .close("User").end(request.requestId());
        }
        String userName = name != null ? name : callerUserName(caller);
        User user = iam.read(request.accountId(), account -> account.requireUser(userName));
        return write(xml, "User", user, request.accountId()).end(request.requestId());
    }

    /** The name of the user who signed the request. */
    static String callerUserName(Caller caller) {
        String prefix = "arn:aws:iam::" + caller.accountId() + ":user/";
        if (!caller.arn().startsWith(prefix)) {
            throw IamErrors.validation("Must specify userName when calling with non-User credentials");
        }
        return caller.arn().substring(caller.arn().lastIndexOf('/') + 1);
    }

    private String listUsers(IamRequest request) {
        IamParameters p = request.parameters();
        String prefix = p.optional("PathPrefix", 1, 512, "\\u002F[\\u0021-\\u007F]*");
        List<User> users = iam.read(request.accountId(), account -> new ArrayList<>(account.users()));
        users.removeIf(u -> prefix != null && !u.path().startsWith(prefix));
        Page<User> page = Page.of(users, u -> IamAccount.key(u.name()), p);
        QueryXml xml = IamXml.result("ListUsers").open("Users");
        page.items().forEach(u -> write(xml, "member", u, request.accountId()));
        xml.close("Users");
        page.end(xml);
        return xml.end(request.requestId());
    }

    private String deleteUser(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("UserName", 128);
        p.validate();
        iam.update(request.accountId(), account -> {
            User user = account.requireUser(name);
            if (!user.accessKeys().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!user.permissions().inline().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!user.permissions().attached().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return List.of(new IamWrite.DeleteUser(name));
        });
        return IamXml.empty("DeleteUser", request.requestId());
    }

    /** Writes {@code user} as the element {@code element} ({@code User}, or {@code member} in a list). */
    private static QueryXml write(QueryXml xml, String element, User user, String accountId) {
        return xml.open(element).element("Path", user.path()).element("UserName", user.name())
                .element("UserId", user.id()).element("Arn", user.arn(accountId))
                .element("CreateDate", user.created()).close(element);
    }
}
