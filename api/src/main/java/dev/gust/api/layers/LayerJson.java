package dev.gust.api.layers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.core.Account;
import dev.gust.core.LambdaTimestamps;
import dev.gust.store.LayerVersion;
import java.util.List;

/** Renders layer versions as Lambda's JSON shapes. Stateless. */
final class LayerJson {

    private LayerJson() {
    }

    /** PublishLayerVersion's, GetLayerVersion's and GetLayerVersionByArn's shape. */
    static ObjectNode version(LayerVersion v, Account account, String location) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putObject("Content")
                .put("Location", location)
                .put("CodeSha256", v.code().codeSha256())
                .put("CodeSize", v.code().size());
        node.put("LayerArn", account.layerArn(v.layerName()));
        node.put("LayerVersionArn", account.layerVersionArn(v.layerName(), v.version()));
        node.put("Description", v.description());
        node.put("CreatedDate", LambdaTimestamps.lastModified(v.createdDate()));
        node.put("Version", v.version());
        putLists(node, v);
        return node;
    }

    /** A {@code LayerVersionsListItem}: ListLayerVersions' items and ListLayers' {@code LatestMatchingVersion}. */
    static ObjectNode listItem(LayerVersion v, Account account) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("LayerVersionArn", account.layerVersionArn(v.layerName(), v.version()));
        node.put("Version", v.version());
        node.put("Description", v.description());
        node.put("CreatedDate", LambdaTimestamps.lastModified(v.createdDate()));
        putLists(node, v);
        return node;
    }

    /** A {@code LayersListItem} of ListLayers. */
    static ObjectNode layer(LayerVersion latest, Account account) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("LayerName", latest.layerName());
        node.put("LayerArn", account.layerArn(latest.layerName()));
        node.set("LatestMatchingVersion", listItem(latest, account));
        return node;
    }

    private static void putLists(ObjectNode node, LayerVersion v) {
        putList(node, "CompatibleRuntimes", v.compatibleRuntimes());
        putList(node, "CompatibleArchitectures", v.compatibleArchitectures());
        if (v.licenseInfo() != null) {
            node.put("LicenseInfo", v.licenseInfo());
        }
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        if (values != null) {
            node.putArray(field).addAll(values.stream().map(node::textNode).toList());
        }
    }
}
