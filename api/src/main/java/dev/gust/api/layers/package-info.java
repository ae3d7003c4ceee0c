/**
 * The layer resource of the Lambda API: PublishLayerVersion, GetLayerVersion(ByArn), ListLayers,
 * ListLayerVersions, DeleteLayerVersion and the layer version permissions ({@link dev.gust.api.layers.LayerService},
 * {@link dev.gust.api.layers.LayerRoutes}), and the rules for a function's {@code Layers}
 * ({@link dev.gust.api.layers.FunctionLayers}).
 */
package dev.gust.api.layers;
