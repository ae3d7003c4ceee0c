package dev.gust.iam;

import dev.gust.edge.Caller;
import dev.gust.edge.QueryXml;
import java.util.List;

/**
 * {@code CreateAccessKey}, {@code ListAccessKeys}, {@code UpdateAccessKey}, {@code DeleteAccessKey}: a user's
 * long-term keys, two at most. Without {@code UserName} they act on the calling user. Thread-safe.
 */
final class AccessKeyActions {

    /** AWS's quota of access keys per user. */
    static final int MAX_KEYS_PER_USER = 2;

    private final Iam iam;

    AccessKeyActions(Iam iam) {
        this.iam = iam;
    }

    void register(IamService.Registry registry) {
        registry.add("CreateAccessKey", this::createAccessKey);
        registry.add("ListAccessKeys", this::listAccessKeys);
        registry.add("UpdateAccessKey", this::updateAccessKey);
        registry.add("DeleteAccessKey", this::deleteAccessKey);
    }

    private String createAccessKey(IamRequest request) {
        String userName = userName(request);
        AccessKey key = new AccessKey(iam.ids().accessKey(), AccessKey.ACTIVE, iam.now());
        iam.update(request.accountId(), account -> {
            User user = account.requireUser(userName);
            if (user.accessKeys().size() >= MAX_KEYS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
            }
            return List.of(new IamWrite.PutUser(user.withAccessKey(key)));
        });
        String name = iam.read(request.accountId(), account -> account.requireUser(userName).name());
        return IamXml.result("CreateAccessKey").open("AccessKey").element("UserName", name)
                .element("AccessKeyId", key.id()).element("Status", key.status())
                .element("SecretAccessKey", iam.secrets().secretOf(key.id())).element("CreateDate", key.created())
                .close("AccessKey").end(request.requestId());
    }

    private String listAccessKeys(IamRequest request) {
        String userName = userName(request);
        User user = iam.read(request.accountId(), account -> account.requireUser(userName));
        Page<AccessKey> page = Page.of(user.accessKeys(), AccessKey::id, request.parameters());
        QueryXml xml = IamXml.result("ListAccessKeys").element("UserName", user.name()).open("AccessKeyMetadata");
        for (AccessKey key : page.items()) {
            xml.open("member").element("UserName", user.name()).element("AccessKeyId", key.id())
                    .element("Status", key.status()).element("CreateDate", key.created()).close("member");
        }
        xml.close("AccessKeyMetadata");
        page.end(xml);
        return xml.end(request.requestId());
    }

    private String updateAccessKey(IamRequest request) {
        IamParameters p = request.parameters();
        String keyId = keyId(p);
        String status = p.oneOf("Status", true, AccessKey.ACTIVE, AccessKey.INACTIVE);
        String userName = userName(request);
        iam.update(request.accountId(), account -> {
            User user = account.requireUser(userName);
            AccessKey key = requireKey(user, keyId);
            return List.of(new IamWrite.PutUser(user.withAccessKey(new AccessKey(key.id(), status, key.created()))));
        });
        return IamXml.empty("UpdateAccessKey", request.requestId());
    }

    private String deleteAccessKey(IamRequest request) {
        String keyId = keyId(request.parameters());
        String userName = userName(request);
        iam.update(request.accountId(), account -> {
            User user = account.requireUser(userName);
            requireKey(user, keyId);
            return List.of(new IamWrite.PutUser(user.withoutAccessKey(keyId)));
        });
        return IamXml.empty("DeleteAccessKey", request.requestId());
    }

    private static String keyId(IamParameters p) {
        return p.required("AccessKeyId", 16, 128, "[\\w]+");
    }

    /** The {@code UserName} parameter, or the calling user's name; validates every parameter read so far. */
    private static String userName(IamRequest request) {
        IamParameters p = request.parameters();
        String name = p.optionalName("UserName", 128);
        p.validate();
        Caller caller = request.caller();
        if (name == null && caller.isAccountRoot()) {
            throw IamErrors.validation("Gust does not manage the account root's access keys: specify userName");
        }
        return name != null ? name : UserActions.callerUserName(caller);
    }

    private static AccessKey requireKey(User user, String keyId) {
        return user.accessKeys().stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchEntity("The Access Key with id " + keyId + " cannot be found."));
    }
}
