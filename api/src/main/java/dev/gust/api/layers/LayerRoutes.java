package dev.gust.api.layers;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.functions.CodeLinks;
import dev.gust.api.functions.Paging;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.Account;
import dev.gust.store.LayerVersion;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The HTTP binding of the layer resource on AWS's paths: PublishLayerVersion, GetLayerVersion,
 * GetLayerVersionByArn ({@code GET /2018-10-31/layers?find=LayerVersion&Arn=...}), ListLayers, ListLayerVersions,
 * DeleteLayerVersion, AddLayerVersionPermission, GetLayerVersionPolicy and RemoveLayerVersionPermission.
 * {@code Content.Location} is a presigned link of {@link CodeLinks}. Thread-safe.
 */
public final class LayerRoutes {

    private static final String LAYERS = "/2018-10-31/layers";
    private static final String VERSIONS = LAYERS + "/:LayerName/versions";
    private static final String VERSION = VERSIONS + "/:VersionNumber";
    private static final String POLICY = VERSION + "/policy";

    private final Function<RoutingContext, LayerService> service;
    private final CodeLinks codeLinks;

    public LayerRoutes(Function<RoutingContext, LayerService> service, CodeLinks codeLinks) {
        this.service = service;
        this.codeLinks = codeLinks;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.GET, LAYERS, lambda("ListLayers"), this::listOrFind);
        operations.add(HttpMethod.GET, LAYERS + "/", lambda("ListLayers"), this::listOrFind);
        operations.add(HttpMethod.POST, VERSIONS, lambda("PublishLayerVersion"), this::publish);
        operations.add(HttpMethod.GET, VERSIONS, lambda("ListLayerVersions"), this::listVersions);
        operations.add(HttpMethod.GET, VERSION, lambda("GetLayerVersion"), this::get);
        operations.add(HttpMethod.DELETE, VERSION, lambda("DeleteLayerVersion"), this::delete);
        operations.add(HttpMethod.POST, POLICY, lambda("AddLayerVersionPermission"), this::addPermission);
        operations.add(HttpMethod.GET, POLICY, lambda("GetLayerVersionPolicy"), this::policy);
        operations.add(HttpMethod.DELETE, POLICY + "/:StatementId", lambda("RemoveLayerVersionPermission"), this::removePermission);
    }

    private void publish(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), LayerWireTypes.PublishLayerVersionRequest.class);
        LayerVersion published = service.apply(ctx).publish(ctx.pathParam("LayerName"), request);
        Responses.json(ctx, 201, version(ctx, published));
    }

    private void get(RoutingContext ctx) {
        Responses.json(ctx, 200, version(ctx, service.apply(ctx).get(ctx.pathParam("LayerName"), ctx.pathParam("VersionNumber"))));
    }

    /** ListLayers, or GetLayerVersionByArn when {@code find=LayerVersion}: both are {@code GET /layers}. */
    private void listOrFind(RoutingContext ctx) {
        if ("LayerVersion".equals(ctx.queryParams().get("find"))) {
            Responses.json(ctx, 200, version(ctx, service.apply(ctx).getByArn(ctx.queryParams().get("Arn"))));
            return;
        }
        LayerService.Page page = service.apply(ctx).listLayers(ctx.queryParams().get("CompatibleRuntime"),
                ctx.queryParams().get("CompatibleArchitecture"), ctx.queryParams().get("Marker"), maxItems(ctx));
        Responses.json(ctx, 200, pageBody(ctx, page, "Layers", LayerJson::layer));
    }

    private void listVersions(RoutingContext ctx) {
        LayerService.Page page = service.apply(ctx).listVersions(ctx.pathParam("LayerName"),
                ctx.queryParams().get("CompatibleRuntime"), ctx.queryParams().get("CompatibleArchitecture"),
                ctx.queryParams().get("Marker"), maxItems(ctx));
        Responses.json(ctx, 200, pageBody(ctx, page, "LayerVersions", LayerJson::listItem));
    }

    private ObjectNode pageBody(RoutingContext ctx, LayerService.Page page, String field,
            BiFunction<LayerVersion, Account, ObjectNode> item) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        ArrayNode items = body.putArray(field);
        page.versions().forEach(v -> items.add(item.apply(v, service.apply(ctx).account())));
        return body;
    }

    private void delete(RoutingContext ctx) {
        service.apply(ctx).delete(ctx.pathParam("LayerName"), ctx.pathParam("VersionNumber"));
        Responses.empty(ctx, 204);
    }

    private void addPermission(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), LayerWireTypes.AddLayerVersionPermissionRequest.class);
        LayerService.Added added = service.apply(ctx).addPermission(ctx.pathParam("LayerName"), ctx.pathParam("VersionNumber"),
                ctx.queryParams().get("RevisionId"), request);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("Statement", LayerPolicyDocument.statement(added.statement(), added.layerVersionArn()));
        body.put("RevisionId", added.revisionId());
        Responses.json(ctx, 201, body);
    }

    private void policy(RoutingContext ctx) {
        LayerVersion version = service.apply(ctx).policy(ctx.pathParam("LayerName"), ctx.pathParam("VersionNumber"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("Policy", LayerPolicyDocument.policy(version.policy().orElseThrow(), service.apply(ctx).arn(version)));
        body.put("RevisionId", version.policy().orElseThrow().revisionId());
        Responses.json(ctx, 200, body);
    }

    private void removePermission(RoutingContext ctx) {
        service.apply(ctx).removePermission(ctx.pathParam("LayerName"), ctx.pathParam("VersionNumber"),
                ctx.pathParam("StatementId"), ctx.queryParams().get("RevisionId"));
        Responses.empty(ctx, 204);
    }

    private ObjectNode version(RoutingContext ctx, LayerVersion version) {
        return LayerJson.version(version, service.apply(ctx).account(),
                codeLinks.location(Responses.baseUrl(ctx.request()), service.apply(ctx).account(), version.code()));
    }

    private static int maxItems(RoutingContext ctx) {
        return Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 50);
    }
}
