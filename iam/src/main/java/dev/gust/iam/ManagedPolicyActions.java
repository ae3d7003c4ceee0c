package dev.gust.iam;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;
import dev.gust.edge.QueryXml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Managed policies and their versions: {@code CreatePolicy}, {@code GetPolicy}, {@code ListPolicies},
 * {@code DeletePolicy}, {@code CreatePolicyVersion}, {@code GetPolicyVersion}, {@code ListPolicyVersions},
 * {@code DeletePolicyVersion}, {@code SetDefaultPolicyVersion}. AWS-managed policies can be read, never changed.
 * Thread-safe.
 */
final class ManagedPolicyActions {

    private final Iam iam;

    ManagedPolicyActions(Iam iam) {
        this.iam = iam;
    }

    void register(IamService.Registry registry) {
        registry.add("CreatePolicy", this::createPolicy);
        registry.add("GetPolicy", this::getPolicy);
        registry.add("ListPolicies", this::listPolicies);
        registry.add("DeletePolicy", this::deletePolicy);
        registry.add("CreatePolicyVersion", this::createPolicyVersion);
        registry.add("GetPolicyVersion", this::getPolicyVersion);
        registry.add("ListPolicyVersions", this::listPolicyVersions);
        registry.add("DeletePolicyVersion", this::deletePolicyVersion);
        registry.add("SetDefaultPolicyVersion", this::setDefaultPolicyVersion);
    }

    private String createPolicy(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.name("PolicyName", 128);
        String path = p.path("Path");
        String document = p.document("PolicyDocument");
        String description = p.optional("Description", 0, 1000, null);
        p.validate();
        PolicyDocuments.validate(document);
        String now = iam.now();
        String arn = "arn:aws:iam::" + request.accountId() + ":policy" + path + name;
        ManagedPolicy policy = new ManagedPolicy(arn, name, path, iam.ids().policy(), description, now, now, "v1", 2,
                List.of(new PolicyVersion("v1", document, now)));
        iam.update(request.accountId(), account -> {
            if (account.policies.containsKey(IamAccount.key(name))) {
                throw IamErrors.alreadyExists("A policy called " + name + " already exists. Duplicate names are not "
                        + "allowed.");
            }
            return List.of(new IamWrite.PutPolicy(policy));
        });
        return write(IamXml.result("CreatePolicy"), "Policy", policy, 0).end(request.requestId());
    }

    private String getPolicy(IamRequest request) {
        String arn = AttachmentActions.policyArn(request.parameters());
        QueryXml xml = IamXml.result("GetPolicy");
        iam.read(request.accountId(), account -> {
            ManagedPolicy policy = iam.findManaged(account, arn)
                    .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
            return write(xml, "Policy", policy, account.attachmentCount(arn));
        });
        return xml.end(request.requestId());
    }

    private String listPolicies(IamRequest request) {
        IamParameters p = request.parameters();
        String scope = p.oneOf("Scope", false, "All", "AWS", "Local");
        String prefix = p.optional("PathPrefix", 1, 512, "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
        boolean onlyAttached = p.flag("OnlyAttached");
        p.validate();
        QueryXml xml = IamXml.result("ListPolicies").open("Policies");
        iam.read(request.accountId(), account -> {
            List<ManagedPolicy> policies = new ArrayList<>();
            if (scope == null || !scope.equals("Local")) {
                policies.addAll(iam.awsManaged().all());
            }
            if (scope == null || !scope.equals("AWS")) {
                policies.addAll(account.policies.values());
            }
            policies.removeIf(policy -> prefix != null && !policy.path().startsWith(prefix)
                    || onlyAttached && account.attachmentCount(policy.arn()) == 0);
            policies.sort(Comparator.comparing(ManagedPolicy::arn));
            Page<ManagedPolicy> page = Page.of(policies, ManagedPolicy::arn, p);
            page.items().forEach(policy -> write(xml, "member", policy, account.attachmentCount(policy.arn())));
            xml.close("Policies");
            page.end(xml);
            return null;
        });
        return xml.end(request.requestId());
    }

    private String deletePolicy(IamRequest request) {
        String arn = AttachmentActions.policyArn(request.parameters());
        iam.update(request.accountId(), account -> {
            ManagedPolicy policy = requireOwn(request, account, arn, "DeletePolicy");
            if (account.attachmentCount(arn) > 0) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            if (policy.versions().size() > 1) {
                throw IamErrors.deleteConflict("This policy has more than one version. Before you delete a policy, "
                        + "you must delete the policy's versions. The default version is deleted with the policy.");
            }
            return List.of(new IamWrite.DeletePolicy(policy.name()));
        });
        return IamXml.empty("DeletePolicy", request.requestId());
    }

    private String createPolicyVersion(IamRequest request) {
        IamParameters p = request.parameters();
        String document = p.document("PolicyDocument");
        String arn = AttachmentActions.policyArn(p);
        boolean setAsDefault = p.flag("SetAsDefault");
        PolicyDocuments.validate(document);
        ManagedPolicy[] changed = new ManagedPolicy[1];
        iam.update(request.accountId(), account -> {
            ManagedPolicy policy = requireOwn(request, account, arn, "CreatePolicyVersion");
            if (policy.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
                throw IamErrors.limitExceeded("A managed policy can have up to " + ManagedPolicy.MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            changed[0] = policy.withVersion(document, setAsDefault, iam.now());
            return List.of(new IamWrite.PutPolicy(changed[0]));
        });
        PolicyVersion version = changed[0].versions().getLast();
        return IamXml.result("CreatePolicyVersion").open("PolicyVersion").element("VersionId", version.id())
                .element("IsDefaultVersion", version.id().equals(changed[0].defaultVersion()))
                .element("CreateDate", version.created()).close("PolicyVersion").end(request.requestId());
    }

    private String getPolicyVersion(IamRequest request) {
        IamParameters p = request.parameters();
        String versionId = p.required("VersionId", 1, 128, IamParameters.VERSION_PATTERN);
        String arn = AttachmentActions.policyArn(p);
        ManagedPolicy policy = iam.read(request.accountId(), account -> iam.findManaged(account, arn))
                .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
        PolicyVersion version = requireVersion(policy, versionId);
        return IamXml.result("GetPolicyVersion").open("PolicyVersion")
                .element("Document", PolicyDocuments.encode(version.document())).element("VersionId", version.id())
                .element("IsDefaultVersion", version.id().equals(policy.defaultVersion()))
                .element("CreateDate", version.created()).close("PolicyVersion").end(request.requestId());
    }

    private String listPolicyVersions(IamRequest request) {
        IamParameters p = request.parameters();
        String arn = AttachmentActions.policyArn(p);
        ManagedPolicy policy = iam.read(request.accountId(), account -> iam.findManaged(account, arn))
                .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
        List<PolicyVersion> newestFirst = new ArrayList<>(policy.versions()).reversed();
        Page<PolicyVersion> page = Page.of(newestFirst, v -> "%08d".formatted(newestFirst.indexOf(v)), p);
        QueryXml xml = IamXml.result("ListPolicyVersions").open("Versions");
        page.items().forEach(v -> xml.open("member").element("VersionId", v.id())
                .element("IsDefaultVersion", v.id().equals(policy.defaultVersion()))
                .element("CreateDate", v.created()).close("member"));
        xml.close("Versions");
        page.end(xml);
        return xml.end(request.requestId());
    }

    private String deletePolicyVersion(IamRequest request) {
        IamParameters p = request.parameters();
        String versionId = p.required("VersionId", 1, 128, IamParameters.VERSION_PATTERN);
        String arn = AttachmentActions.policyArn(p);
        iam.update(request.accountId(), account -> {
            ManagedPolicy policy = requireOwn(request, account, arn, "DeletePolicyVersion");
            requireVersion(policy, versionId);
            if (versionId.equals(policy.defaultVersion())) {
                throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
            }
            return List.of(new IamWrite.PutPolicy(policy.withoutVersion(versionId)));
        });
        return IamXml.empty("DeletePolicyVersion", request.requestId());
    }

    private String setDefaultPolicyVersion(IamRequest request) {
        IamParameters p = request.parameters();
        String versionId = p.required("VersionId", 1, 128, IamParameters.VERSION_PATTERN);
        String arn = AttachmentActions.policyArn(p);
        iam.update(request.accountId(), account -> {
            ManagedPolicy policy = requireOwn(request, account, arn, "SetDefaultPolicyVersion");
            requireVersion(policy, versionId);
            return List.of(new IamWrite.PutPolicy(policy.withDefault(versionId, iam.now())));
        });
        return IamXml.empty("SetDefaultPolicyVersion", request.requestId());
    }

    /** The caller's own managed policy {@code arn}; an AWS-managed policy cannot be changed by anyone. */
    private ManagedPolicy requireOwn(IamRequest request, IamAccount account, String arn, String action) {
        if (iam.awsManaged().find(arn).isPresent()) {
            throw EdgeException.auth(AuthFailure.ACCESS_DENIED, "User: " + request.caller().arn()
                    + " is not authorized to perform: iam:" + action + " on resource: policy " + arn);
        }
        return account.policy(arn).orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
    }

    private static PolicyVersion requireVersion(ManagedPolicy policy, String versionId) {
        return policy.version(versionId).orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policy.arn()
                + " version " + versionId + " does not exist or is not attachable."));
    }

    /** Writes {@code policy} as the element {@code element} ({@code Policy}, or {@code member} in a list). */
    private static QueryXml write(QueryXml xml, String element, ManagedPolicy policy, int attachments) {
        return xml.open(element).element("PolicyName", policy.name()).element("DefaultVersionId",
                        policy.defaultVersion()).element("PolicyId", policy.id()).element("Path", policy.path())
                .element("Arn", policy.arn()).element("AttachmentCount", attachments)
                .element("PermissionsBoundaryUsageCount", 0).element("IsAttachable", true)
                .element("Description", policy.description()).element("CreateDate", policy.created())
                .element("UpdateDate", policy.updated()).close(element);
    }
}
