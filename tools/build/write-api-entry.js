// tsc keeps the repo layout under dist/apps/api (the API imports libs/ too); give it a stable entry point.
const fs = require('node:fs');
const path = require('node:path');
const dist = path.join(__dirname, '../../dist/apps/api');
fs.writeFileSync(path.join(dist, 'main.js'), "require('./apps/api/src/main.js');\n");
fs.writeFileSync(path.join(dist, 'migrate.js'), "require('./apps/api/src/migrate.js');\n");
fs.writeFileSync(path.join(dist, 'audit-verify.js'), "require('./apps/api/src/audit/audit-verify.js');\n");
