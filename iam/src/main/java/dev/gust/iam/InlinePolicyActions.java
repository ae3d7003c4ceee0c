package dev.gust.iam;

import dev.gust.edge.EdgeException;
import dev.gust.edge.QueryXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A user's or a role's inline policies: {@code Put}, {@code Get}, {@code List} and {@code Delete}
 * {@code UserPolicy}/{@code RolePolicy}. Thread-safe.
 */
final class InlinePolicyActions {

    private final Iam iam;
    private final PrincipalKind kind;

    InlinePolicyActions(Iam iam, PrincipalKind kind) {
        this.iam = iam;
        this.kind = kind;
    }

    void register(IamService.Registry registry) {
        registry.add("Put" + kind.noun + "Policy", this::put);
        registry.add("Get" + kind.noun + "Policy", this::get);
        registry.add("List" + kind.noun + "Policies", this::list);
        registry.add("Delete" + kind.noun + "Policy", this::delete);
    }

    private String put(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        String policyName = p.name("PolicyName", 128);
        String document = p.document("PolicyDocument");
        p.validate();
        PolicyDocuments.validate(document);
        iam.update(request.accountId(), account -> List.of(kind.withPermissions(account, name,
                kind.permissions(account, name).withInline(policyName, document))));
        return IamXml.empty("Put" + kind.noun + "Policy", request.requestId());
    }

    private String get(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        String policyName = p.name("PolicyName", 128);
        p.validate();
        String document = iam.read(request.accountId(), account -> kind.permissions(account, name).inline()
                .get(policyName));
        if (document == null) {
            throw noSuchPolicy(policyName);
        }
        String action = "Get" + kind.noun + "Policy";
        return IamXml.result(action).element(kind.nameParameter, name).element("PolicyName", policyName)
                .element("PolicyDocument", PolicyDocuments.encode(document)).end(request.requestId());
    }

    private String list(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        p.validate();
        List<String> names = iam.read(request.accountId(),
                account -> new ArrayList<>(kind.permissions(account, name).inline().keySet()));
        Page<String> page = Page.of(names, n -> n, p);
        QueryXml xml = IamXml.result("List" + kind.noun + "Policies").open("PolicyNames");
        page.items().forEach(n -> xml.element("member", n));
        xml.close("PolicyNames");
        page.end(xml);
        return xml.end(request.requestId());
    }

    private String delete(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        String policyName = p.name("PolicyName", 128);
        p.validate();
        iam.update(request.accountId(), account -> {
            Permissions permissions = kind.permissions(account, name);
            if (!permissions.inline().containsKey(policyName)) {
                throw noSuchPolicy(policyName);
            }
            return List.of(kind.withPermissions(account, name, permissions.withoutInline(policyName)));
        });
        return IamXml.empty("Delete" + kind.noun + "Policy", request.requestId());
    }

    private EdgeException noSuchPolicy(String policyName) {
        return IamErrors.noSuchEntity("The " + kind.noun.toLowerCase(Locale.ROOT) + " policy with name "
                + policyName + " cannot be found.");
    }
}
