'use strict';
// Writes src/framework/framework-package.schema.json from the zod schema:
//   node -r ./scripts/register-ts.js scripts/framework-package-schema.js
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { frameworkPackageJsonSchema } = require('../src/framework/framework-package.zod.ts');

const file = join(__dirname, '..', 'src', 'framework', 'framework-package.schema.json');
writeFileSync(file, `${JSON.stringify(frameworkPackageJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
