package dev.gust.iam;

import dev.gust.edge.QueryXml;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Managed policies attached to a user or a role: {@code Attach}, {@code Detach} and {@code ListAttached}
 * {@code UserPolicy}/{@code RolePolicy}. Thread-safe.
 */
final class AttachmentActions {

    /** AWS's default quota of managed policies attached to one user or role. */
    static final int MAX_ATTACHED = 10;
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/.+");

    private final Iam iam;
    private final PrincipalKind kind;

    AttachmentActions(Iam iam, PrincipalKind kind) {
        this.iam = iam;
        this.kind = kind;
    }

    void register(IamService.Registry registry) {
        registry.add("Attach" + kind.noun + "Policy", this::attach);
        registry.add("Detach" + kind.noun + "Policy", this::detach);
        registry.add("ListAttached" + kind.noun + "Policies", this::list);
    }

    /** The {@code PolicyArn} parameter, which must look like a managed policy's ARN. */
    static String policyArn(IamParameters p) {
        String arn = p.arn("PolicyArn");
        p.validate();
        if (!POLICY_ARN.matcher(arn).matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        return arn;
    }

    private String attach(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        String arn = policyArn(p);
        iam.update(request.accountId(), account -> {
            Permissions permissions = kind.permissions(account, name);
            iam.findManaged(account, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
            if (!permissions.attached().contains(arn) && permissions.attached().size() >= MAX_ATTACHED) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPer" + kind.noun + ": " + MAX_ATTACHED);
            }
            return List.of(kind.withPermissions(account, name, permissions.withAttached(arn)));
        });
        return IamXml.empty("Attach" + kind.noun + "Policy", request.requestId());
    }

    private String detach(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        String arn = policyArn(p);
        iam.update(request.accountId(), account -> {
            Permissions permissions = kind.permissions(account, name);
            if (!permissions.attached().contains(arn)) {
                throw IamErrors.noSuchEntity("Policy " + arn + " was not found.");
            }
            return List.of(kind.withPermissions(account, name, permissions.withoutAttached(arn)));
        });
        return IamXml.empty("Detach" + kind.noun + "Policy", request.requestId());
    }

    private String list(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name(kind.nameParameter, 128);
        p.validate();
        List<ManagedPolicy> attached = iam.read(request.accountId(), account -> kind.permissions(account, name)
                .attached().stream().flatMap(arn -> iam.findManaged(account, arn).stream()).toList());
        Page<ManagedPolicy> page = Page.of(attached.stream()
                .sorted(Comparator.comparing(ManagedPolicy::arn)).toList(), ManagedPolicy::arn, p);
        QueryXml xml = IamXml.result("ListAttached" + kind.noun + "Policies").open("AttachedPolicies");
        page.items().forEach(policy -> xml.open("member").element("PolicyName", policy.name())
                .element("PolicyArn", policy.arn()).close("member"));
        xml.close("AttachedPolicies");
        page.end(xml);
        return xml.end(request.requestId());
    }
}
