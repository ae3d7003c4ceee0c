package dev.gust.api;

import dev.gust.api.esm.EventSourceMappingService;
import dev.gust.api.functions.ConcurrencyService;
import dev.gust.api.functions.EventInvokeConfigService;
import dev.gust.api.functions.FunctionService;
import dev.gust.api.functions.ProvisionedConcurrencyService;
import dev.gust.api.layers.LayerService;
import dev.gust.api.permissions.PolicyService;
import dev.gust.api.urls.FunctionUrlService;
import dev.gust.core.Account;

/**
 * Lambda's control plane in one namespace (an account and a region): the services whose every function, version,
 * alias, layer, URL, event source mapping and setting is that namespace's. Built once per namespace by the composition root
 * ({@link LambdaNamespaces}); thread-safe, as its services.
 *
 * @param account the account and region the services act in
 */
public record LambdaNamespace(Account account, FunctionService functions, EventInvokeConfigService eventInvokeConfigs,
        LayerService layers, ConcurrencyService concurrency, ProvisionedConcurrencyService provisioned,
        PolicyService policies, FunctionUrlService urls, EventSourceMappingService mappings) {
}
