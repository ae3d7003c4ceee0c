package dev.gust.core.permissions;

import dev.gust.core.invoke.InvokeAuthorization;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a function's resource policy allows a request, as IAM evaluates the statements AddPermission
 * writes: a statement allows when its principal, its action and every one of its conditions match; the policy
 * allows when some statement does. Every statement is an {@code Allow}, so nothing else can deny. Stateless.
 *
 * <ul>
 *   <li>Principal {@code *} matches anyone; {@code {"Service": s}} the service {@code s}; an account root ARN
 *       {@code arn:aws:iam::ID:root} that account id and every IAM/STS identity of the account; any other ARN
 *       itself.
 *   <li>Action: IAM's case-insensitive match with {@code *} and {@code ?} wildcards ({@code lambda:*}).
 *   <li>{@code ArnLike AWS:SourceArn}: each of the six colon-separated parts of the ARN matched on its own, with
 *       {@code *} and {@code ?} wildcards, case-sensitively. The request must carry a source ARN.
 *   <li>{@code StringEquals} ({@code AWS:SourceAccount}, {@code aws:PrincipalOrgID},
 *       {@code lambda:FunctionUrlAuthType}, {@code lambda:EventSourceToken}): exact, and the request must carry
 *       the value.
 * </ul>
 */
public final class PolicyEvaluator {

    private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:aws[a-zA-Z-]*:iam::(\\d{12}):root");
    private static final Pattern IDENTITY = Pattern.compile("arn:aws[a-zA-Z-]*:(iam|sts)::(\\d{12}):.+");
    private static final int ARN_PARTS = 6;

    private PolicyEvaluator() {
    }

    /** Whether some statement of {@code policy} allows {@code request}. */
    public static boolean allows(FunctionPolicy policy, InvokeAuthorization request) {
        return policy.statements().stream().anyMatch(s -> allows(s, request));
    }

    /** Whether this one statement allows {@code request}. */
    public static boolean allows(PolicyStatement statement, InvokeAuthorization request) {
        return principalMatches(statement.principal(), request.principal())
                && wildcardMatches(statement.action().toLowerCase(Locale.ROOT), request.action().toLowerCase(Locale.ROOT))
                && (statement.sourceArn() == null || request.sourceArn().filter(a -> arnLike(statement.sourceArn(), a))
                        .isPresent())
                && equalsIfSet(statement.sourceAccount(), request.sourceAccount())
                && equalsIfSet(statement.principalOrgId(), request.principalOrgId())
                && equalsIfSet(statement.functionUrlAuthType(), request.functionUrlAuthType())
                && equalsIfSet(statement.eventSourceToken(), request.eventSourceToken());
    }

    static boolean principalMatches(PolicyPrincipal principal, String caller) {
        return switch (principal.kind()) {
            case ANY -> true;
            case SERVICE -> principal.value().equalsIgnoreCase(caller);
            case AWS -> {
                Matcher root = ACCOUNT_ROOT.matcher(principal.value());
                if (root.matches()) {
                    Matcher identity = IDENTITY.matcher(caller);
                    yield caller.equals(root.group(1)) || identity.matches() && identity.group(2).equals(root.group(1));
                }
                yield principal.value().equals(caller);
            }
        };
    }

    /** IAM's {@code ArnLike}: the six parts of an ARN matched one by one, so {@code *} does not cross a colon early. */
    static boolean arnLike(String pattern, String arn) {
        String[] patternParts = pattern.split(":", ARN_PARTS);
        String[] arnParts = arn.split(":", ARN_PARTS);
        if (patternParts.length != ARN_PARTS || arnParts.length != ARN_PARTS) {
            return false;
        }
        for (int i = 0; i < ARN_PARTS; i++) {
            if (!wildcardMatches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} matches {@code pattern}, where {@code *} is any run of characters and {@code ?} one. */
    static boolean wildcardMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean equalsIfSet(String expected, Optional<String> actual) {
        return expected == null || actual.filter(expected::equals).isPresent();
    }
}
