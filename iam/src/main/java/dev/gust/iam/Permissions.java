package dev.gust.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The permission policies of a user or a role: inline policies by name and the ARNs of attached managed policies, in
 * the order attached. Immutable; the {@code with*} methods return changed copies.
 *
 * @param inline the inline policies' documents by policy name
 * @param attached the attached managed policies' ARNs
 */
record Permissions(Map<String, String> inline, List<String> attached) {

    static final Permissions NONE = new Permissions(Map.of(), List.of());

    Permissions {
        inline = inline == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(inline));
        attached = attached == null ? List.of() : List.copyOf(attached);
    }

    boolean isEmpty() {
        return inline.isEmpty() && attached.isEmpty();
    }

    Permissions withInline(String name, String document) {
        Map<String, String> changed = new TreeMap<>(inline);
        changed.put(name, document);
        return new Permissions(changed, attached);
    }

    Permissions withoutInline(String name) {
        Map<String, String> changed = new TreeMap<>(inline);
        changed.remove(name);
        return new Permissions(changed, attached);
    }

    Permissions withAttached(String policyArn) {
        if (attached.contains(policyArn)) {
            return this;
        }
        List<String> changed = new ArrayList<>(attached);
        changed.add(policyArn);
        return new Permissions(inline, changed);
    }

    Permissions withoutAttached(String policyArn) {
        List<String> changed = new ArrayList<>(attached);
        changed.remove(policyArn);
        return new Permissions(inline, changed);
    }
}
