package dev.gust.iam;

import dev.gust.edge.QueryXml;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CreateRole}, {@code GetRole}, {@code ListRoles}, {@code DeleteRole}, {@code UpdateAssumeRolePolicy}.
 * Thread-safe.
 */
final class RoleActions {

    static final int DEFAULT_MAX_SESSION_DURATION = 3600;
    private static final String DESCRIPTION_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";

    private final Iam iam;

    RoleActions(Iam iam) {
        this.iam = iam;
    }

    void register(IamService.Registry registry) {
        registry.add("CreateRole", this::createRole);
        registry.add("GetRole", this::getRole);
        registry.add("ListRoles", this::listRoles);
        registry.add("DeleteRole", this::deleteRole);
        registry.add("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy);
    }

    private String createRole(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("RoleName", 64);
        String path = p.path("Path");
        String trust = p.document("AssumeRolePolicyDocument");
        String description = p.optional("Description", 0, 1000, DESCRIPTION_PATTERN);
        Integer maxSession = p.integer("MaxSessionDuration", 3600, 43200);
        p.validate();
        PolicyDocuments.validateTrust(trust);
        Role role = new Role(name, path, iam.ids().role(), iam.now(), trust, description,
                maxSession == null ? DEFAULT_MAX_SESSION_DURATION : maxSession, Permissions.NONE);
        iam.update(request.accountId(), account -> {
            if (account.role(name).isPresent()) {
                throw IamErrors.alreadyExists("Role with name " + name + " already exists.");
            }
            return List.of(new IamWrite.PutRole(role));
        });
        return write(IamXml.result("CreateRole"), "Role", role, request.accountId()).end(request.requestId());
    }

    private String getRole(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("RoleName", 64);
        p.validate();
        Role role = iam.read(request.accountId(), account -> account.requireRole(name));
        return write(IamXml.result("GetRole"), "Role", role, request.accountId()).end(request.requestId());
    }

    private String listRoles(IamRequest request) {
        IamParameters p = request.parameters();
        String prefix = p.optional("PathPrefix", 1, 512, "\\u002F[\\u0021-\\u007F]*");
        List<Role> roles = iam.read(request.accountId(), account -> new ArrayList<>(account.roles()));
        roles.removeIf(r -> prefix != null && !r.path().startsWith(prefix));
        Page<Role> page = Page.of(roles, r -> IamAccount.key(r.name()), p);
        QueryXml xml = IamXml.result("ListRoles").open("Roles");
        page.items().forEach(r -> write(xml, "member", r, request.accountId()));
        xml.close("Roles");
        page.end(xml);
        return xml.end(request.requestId());
    }

    private String deleteRole(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("RoleName", 64);
        p.validate();
        iam.update(request.accountId(), account -> {
            Role role = account.requireRole(name);
            if (!role.permissions().inline().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!role.permissions().attached().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return List.of(new IamWrite.DeleteRole(name));
        });
        return IamXml.empty("DeleteRole", request.requestId());
    }

    private String updateAssumeRolePolicy(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("RoleName", 64);
        String trust = p.document("PolicyDocument");
        p.validate();
        PolicyDocuments.validateTrust(trust);
        iam.update(request.accountId(),
                account -> List.of(new IamWrite.PutRole(account.requireRole(name).withTrustPolicy(trust))));
        return IamXml.empty("UpdateAssumeRolePolicy", request.requestId());
    }

    /** Writes {@code role} as the element {@code element} ({@code Role}, or {@code member} in a list). */
    private static QueryXml write(QueryXml xml, String element, Role role, String accountId) {
        return xml.open(element).element("Path", role.path()).element("RoleName", role.name())
                .element("RoleId", role.id()).element("Arn", role.arn(accountId))
                .element("CreateDate", role.created())
                .element("AssumeRolePolicyDocument", PolicyDocuments.encode(role.trustPolicy()))
                .element("Description", role.description())
                .element("MaxSessionDuration", role.maxSessionDuration()).close(element);
    }
}
