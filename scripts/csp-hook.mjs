// Trunk post-build hook (see Trunk.toml): makes the built page run under a strict
// Content-Security-Policy. Trunk starts the wasm with an inline module script; this moves
// that script into its own file (`start-<hash>.js`, loaded like any same-origin script) and
// puts the policy in a <meta> at the top of <head>, so the page needs no inline script, no
// eval, and nothing from another origin. Style *attributes* stay allowed (`style-src-attr`):
// the grid sizes its rows with them, and they cannot load or run anything.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

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

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hook: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const file = path.join(dir, 'index.html');
let html = await readFile(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
for (const [whole, body] of scripts) {
  const name = `start-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  await writeFile(path.join(dir, name), body.trim() + '\n');
  html = html.replace(whole, `<script type="module" src="./${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('csp-hook: an inline script is left in index.html');
  process.exit(1);
}
const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/<head>/, `<head>\n  ${meta}`);
await writeFile(file, html);
console.log(`csp-hook: ${scripts.length} inline script(s) moved to files; policy added`);
