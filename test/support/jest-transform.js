'use strict';
/*
 * Jest transform: TypeScript sources through swc, and the ESM-only packages of NestJS 12
 * converted to CommonJS. Jest's own module loader can load ES modules from CommonJS only on
 * Node 24.9+, while this project runs on Node 20; Node itself (the app at run time) needs
 * none of this, as it supports require() of ES modules.
 * `createRequire(import.meta.url)` becomes Jest's `require`, so packages loaded on demand (for
 * example class-validator by the ValidationPipe) share Jest's module registry with the tests.
 */
const { createTransformer } = require('@swc/jest');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: false },
  sourceMaps: 'inline',
};

const swc = createTransformer(swcOptions);

function adaptEsmPackage(source) {
  return source
    .replace(/^\s*const require = createRequire\(import\.meta\.url\);\s*$/gm, '')
    .replace(/createRequire\(import\.meta\.url\)/g, 'require')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href")
    .replace(/import\.meta\.dirname/g, '__dirname')
    .replace(/import\.meta\.filename/g, '__filename');
}

module.exports = {
  process(source, filename, options) {
    const input = filename.includes('/node_modules/') ? adaptEsmPackage(source) : source;
    return swc.process(input, filename, options);
  },
  getCacheKey(source, filename, options) {
    return `esm-adapt-v1:${swc.getCacheKey(source, filename, options)}`;
  },
};
