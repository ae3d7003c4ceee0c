// Module resolution hooks that Gust's Node.js bootstrap registers (module.register) before it imports an ES module
// handler: a bare specifier that the importing file's own node_modules chain does not resolve is looked up, in
// order, in the directories of NODE_PATH (the layers' nodejs/node<major>/node_modules and nodejs/node_modules, then
// the runtime's /var/runtime/node_modules), as Lambda's Node.js runtimes resolve ES module imports. ES modules ignore
// NODE_PATH itself. A package in the function's own node_modules therefore wins, as on Lambda.

let parents = [];

/** @param data.parents one file URL per directory, a file beside the node_modules directory to search */
export function initialize(data) {
  parents = data.parents;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) {
      throw error;
    }
    for (const parentURL of parents) {
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch (notThere) {
        if (notThere?.code !== 'ERR_MODULE_NOT_FOUND') {
          throw notThere;
        }
      }
    }
    throw error;
  }
}

function isBare(specifier) {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
}
