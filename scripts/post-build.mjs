// Trunk post-build hook (see Trunk.toml). Run on the staging folder after every build, it
//
// 1. makes the built page run under a strict Content-Security-Policy: Trunk starts the wasm
//    with an inline module script; this moves that script into its own file
//    (`start-<hash>.js`) and puts the policy in a <meta> at the top of <head>, so the page
//    needs no inline script, no eval, and nothing from another origin. Style *attributes*
//    stay allowed (`style-src-attr`): the grid sizes its rows with them, and they cannot load
//    or run anything;
// 2. gives the files Trunk leaves unhashed (the codec and reader workers' three each, the
//    panels module's two, the English catalogue) names with a content hash, and tells the
//    page their names in <meta> tags (`yusuan-codec`, `yusuan-reader`, `yusuan-panels`,
//    `yusuan-en`): a page of one build can then never load another build's worker, panels or
//    catalogue, whatever a cache holds;
// 3. writes the offline service worker (`sw.js`, from scripts/sw-template.js) with this
//    build's id and file list, and the script that registers it (`register-<hash>.js`, from
//    scripts/register-template.js). docs/OFFLINE.md explains both.
import { readFile, writeFile, readdir, rename, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const hash = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const at = (name) => path.join(dir, name);
const file = at('index.html');
let html = await readFile(file, 'utf8');

// 1. Inline scripts into files.
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
for (const [whole, body] of scripts) {
  const name = `start-${hash(body)}.js`;
  await writeFile(at(name), body.trim() + '\n');
  html = html.replace(whole, `<script type="module" src="./${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('post-build: an inline script is left in index.html');
  process.exit(1);
}

// 2. Content-hashed names for the workers and the catalogue.
const loaders = {};
for (const worker of ['codec', 'reader']) {
  const js = await readFile(at(`${worker}.js`));
  const wasm = await readFile(at(`${worker}_bg.wasm`));
  const c = hash(js, wasm);
  await rename(at(`${worker}.js`), at(`${worker}-${c}.js`));
  await rename(at(`${worker}_bg.wasm`), at(`${worker}-${c}_bg.wasm`));
  let loader = await readFile(at(`${worker}_loader.js`), 'utf8');
  if (!loader.includes(`"./${worker}.js"`) || !loader.includes(`"./${worker}_bg.wasm"`)) {
    console.error(`post-build: ${worker}_loader.js is not as expected: ${loader.slice(0, 200)}`);
    process.exit(1);
  }
  loader = loader.replace(`"./${worker}.js"`, `"./${worker}-${c}.js"`).replace(`"./${worker}_bg.wasm"`, `"./${worker}-${c}_bg.wasm"`);
  await rm(at(`${worker}_loader.js`));
  loaders[worker] = `${worker}_loader-${hash(loader)}.js`;
  await writeFile(at(loaders[worker]), loader);
}
// The panels module (views loaded on first use, src/ui/lazy.rs): run in the page, not in a
// worker, so it has no loader; its script names its exports for the page to find.
let panels;
{
  const js = (await readFile(at('panels.js'), 'utf8')) + '\nself.yusuanPanels = wasm_bindgen;\n';
  if (!js.startsWith('let wasm_bindgen')) {
    console.error(`post-build: panels.js is not as expected: ${js.slice(0, 200)}`);
    process.exit(1);
  }
  const wasm = await readFile(at('panels_bg.wasm'));
  const c = hash(js, wasm);
  await rm(at('panels.js'));
  await writeFile(at(`panels-${c}.js`), js);
  await rename(at('panels_bg.wasm'), at(`panels-${c}_bg.wasm`));
  panels = `panels-${c}.js`;
}
const en = await readFile(at('en.json'));
const enName = `en-${hash(en)}.json`;
await rename(at('en.json'), at(enName));

// 3. The registration script.
const register = await readFile(path.join(HERE, 'register-template.js'), 'utf8');
const registerName = `register-${hash(register)}.js`;
await writeFile(at(registerName), register);

const metas = [
  `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
  `<meta name="yusuan-codec" content="./${loaders.codec}">`,
  `<meta name="yusuan-reader" content="./${loaders.reader}">`,
  `<meta name="yusuan-panels" content="./${panels}">`,
  `<meta name="yusuan-en" content="./${enName}">`,
].join('\n  ');
html = html.replace(/<meta (http-equiv="Content-Security-Policy"|name="yusuan-[a-z]+")[^>]*>\s*/g, '');
html = html.replace(/<head>/, `<head>\n  ${metas}`);
html = html.replace(/<\/head>/, `<script defer src="./${registerName}"></script>\n</head>`);
await writeFile(file, html);

// The service worker: every file of this build (sw.js itself aside), and the build's id.
const names = (await readdir(dir, { withFileTypes: true }))
  .filter((e) => e.isFile() && e.name !== 'sw.js')
  .map((e) => e.name)
  .sort();
const parts = [];
for (const n of names) parts.push(n, hash(await readFile(at(n))));
const build = hash(...parts);
const template = await readFile(path.join(HERE, 'sw-template.js'), 'utf8');
const sw = template.replace("'__BUILD__'", `'${build}'`).replace('__FILES__', JSON.stringify(names));
await writeFile(at('sw.js'), sw);
console.log(`post-build: ${scripts.length} inline script(s) moved to files; policy added; build ${build}: ${names.length} files for the service worker`);
