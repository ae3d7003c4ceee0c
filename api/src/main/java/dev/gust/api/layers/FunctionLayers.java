package dev.gust.api.layers;

import dev.gust.core.Account;
import dev.gust.core.FunctionLayer;
import dev.gust.core.LambdaException;
import dev.gust.core.LayerVersionArn;
import dev.gust.store.LayerStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's rules for the {@code Layers} of CreateFunction and UpdateFunctionConfiguration: at most five layer
 * version ARNs of the function's region, no two versions of one layer, each version existing. Resolves them to
 * what the function's configuration keeps (their packages). Thread-safe.
 */
public final class FunctionLayers {

    /** Lambda's limit on layers per function. */
    static final int MAX_LAYERS = 5;

    private final Account account;
    private final LayerStore layers;

    public FunctionLayers(Account account, LayerStore layers) {
        this.account = account;
        this.layers = layers;
    }

    /**
     * Validates a request's {@code Layers} and resolves them, in order.
     *
     * @return the layers, or empty when the request has no {@code Layers} member (nothing to change)
     * @throws LambdaException ValidationException or InvalidParameterValueException, as AWS answers
     */
    public Optional<List<FunctionLayer>> resolve(List<String> arns) {
        if (arns == null) {
            return Optional.empty();
        }
        if (arns.stream().anyMatch(arn -> !LayerVersionArn.matchesModel(arn))) {
            throw LambdaException.validation("1 validation error detected: Value '" + arns + "' at 'layers' failed to "
                    + "satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal "
                    + "to 2048, Member must have length greater than or equal to 1, Member must satisfy regular "
                    + "expression pattern: " + LayerVersionArn.PATTERN + ", Member must not be null]");
        }
        if (arns.size() > MAX_LAYERS) {
            throw LambdaException.invalidParameterValue("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        List<Optional<LayerVersionArn>> parsed = arns.stream().map(LayerVersionArn::parse).toList();
        if (parsed.stream().flatMap(Optional::stream).anyMatch(arn -> !arn.region().equals(account.region()))) {
            throw LambdaException.invalidParameterValue("Layers are not in the same region as the function. Layers are "
                    + "expected to be in region " + account.region() + ".");
        }
        rejectTwoVersionsOfOneLayer(arns, parsed);
        List<FunctionLayer> resolved = new ArrayList<>();
        for (int i = 0; i < arns.size(); i++) {
            String arn = arns.get(i);
            resolved.add(parsed.get(i).filter(p -> p.belongsTo(account))
                    .flatMap(p -> layers.find(p.layerName(), p.version()))
                    .map(version -> new FunctionLayer(arn, version.code()))
                    .orElseThrow(() -> LambdaException.invalidParameterValue("Layer version " + arn + " does not exist.")));
        }
        return Optional.of(List.copyOf(resolved));
    }

    private static void rejectTwoVersionsOfOneLayer(List<String> arns, List<Optional<LayerVersionArn>> parsed) {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < arns.size(); i++) {
            Optional<LayerVersionArn> arn = parsed.get(i);
            if (arn.isEmpty()) {
                continue;
            }
            String layer = arn.get().accountId() + ":" + arn.get().layerName();
            String earlier = seen.putIfAbsent(layer, arns.get(i));
            if (earlier != null) {
                throw LambdaException.invalidParameterValue("Two different versions of the same layer are not allowed "
                        + "to be referenced in the same function. " + earlier + " and " + arns.get(i)
                        + " are versions of the same layer.");
            }
        }
    }
}
