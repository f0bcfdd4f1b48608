// Copy the front-end packages the pages use from node_modules into static/vendor,
// with their licences. Run by scripts/vendor-static.sh after `npm ci`.
// htmx is small and committed; the MediaPipe WASM files (about 25 MB) and
// Swagger UI (for /api/docs, about 1.5 MB) are not.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const target = "src/acupress/web/static/vendor";
const tasks = "node_modules/@mediapipe/tasks-vision";
const swagger = "node_modules/swagger-ui-dist";
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "htmx.LICENSE.txt"],
  [`${tasks}/vision_bundle.mjs`, "tasks-vision/vision_bundle.mjs"],
  [`${tasks}/wasm/vision_wasm_internal.js`, "tasks-vision/wasm/vision_wasm_internal.js"],
  [`${tasks}/wasm/vision_wasm_internal.wasm`, "tasks-vision/wasm/vision_wasm_internal.wasm"],
  [`${tasks}/wasm/vision_wasm_nosimd_internal.js`, "tasks-vision/wasm/vision_wasm_nosimd_internal.js"],
  [`${tasks}/wasm/vision_wasm_nosimd_internal.wasm`, "tasks-vision/wasm/vision_wasm_nosimd_internal.wasm"],
  [`${swagger}/swagger-ui-bundle.js`, "swagger-ui/swagger-ui-bundle.js"],
  [`${swagger}/swagger-ui.css`, "swagger-ui/swagger-ui.css"],
  [`${swagger}/LICENSE`, "swagger-ui/LICENSE.txt"],
];
mkdirSync(`${target}/tasks-vision/wasm`, { recursive: true });
mkdirSync(`${target}/swagger-ui`, { recursive: true });
for (const [from, to] of files) copyFileSync(from, `${target}/${to}`);
const meta = JSON.parse(readFileSync(`${tasks}/package.json`, "utf8"));
writeFileSync(`${target}/tasks-vision/LICENSE.txt`,
  `${meta.name} ${meta.version}, licence: ${meta.license}. Copyright Google LLC. See https://github.com/google-ai-edge/mediapipe\n`);
writeFileSync(`${target}/.complete`, new Date().toISOString() + "\n");
console.log(`vendored ${files.length} files into ${target}`);
