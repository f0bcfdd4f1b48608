// Copy the front-end packages the pages use from node_modules into static/vendor,
// with their licences. Run by scripts/vendor-static.sh after `npm ci`.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const target = "src/acupress/web/static/vendor";
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "htmx.LICENSE.txt"],
];
mkdirSync(target, { recursive: true });
for (const [from, to] of files) copyFileSync(from, `${target}/${to}`);
writeFileSync(`${target}/.complete`, new Date().toISOString() + "\n");
console.log(`vendored ${files.length} files into ${target}`);
