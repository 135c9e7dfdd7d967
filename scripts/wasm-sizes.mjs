// Where the first module's bytes go (issue 26): reads a wasm file's code section and its
// name section and prints the code bytes per crate, per module of our own crate and the
// largest functions, plus the data segments. Run it on the module before wasm-bindgen and
// wasm-opt (names are still there), after `trunk build --release`:
//
//   node scripts/wasm-sizes.mjs target/wasm32-unknown-unknown/release/app.wasm [top]
//
// Raw code bytes, before wasm-opt: the optimiser shrinks everything by a similar share, so
// the ranking is what matters. docs/BENCHMARKS.md (“Bundle”) keeps the tables.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const TOP = Number(process.argv[3] ?? 25);
const bytes = readFileSync(file);
let pos = 8;

function leb() {
  let result = 0, shift = 0, b;
  do {
    b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
const str = () => {
  const n = leb();
  const s = bytes.subarray(pos, pos + n).toString('utf8');
  pos += n;
  return s;
};

let imported = 0;
const bodies = [];
const names = new Map();
let data = 0;
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const end = pos + size;
  if (id === 2) {
    // Imports: functions among them take the first indices.
    for (let n = leb(); n > 0; n--) {
      str(); str();
      const kind = bytes[pos++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const len = leb();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0) {
    const name = str();
    if (name === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const len = leb();
        const subEnd = pos + len;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const idx = leb();
            names.set(idx, str());
          }
        }
        pos = subEnd;
      }
    }
  }
  pos = end;
}

/** Rust's legacy mangling (`_ZN…E`) as a path: `<yusuan::ui::app::App as yew::…>::run`. */
function demangle(name) {
  if (!name.startsWith('_ZN')) return name;
  let i = 3;
  const parts = [];
  while (i < name.length && name[i] !== 'E') {
    let n = 0;
    while (/[0-9]/.test(name[i])) n = n * 10 + Number(name[i++]);
    if (n === 0) break;
    parts.push(name.slice(i, i + n));
    i += n;
  }
  const escapes = { '$LT$': '<', '$GT$': '>', '$u20$': ' ', '$RF$': '&', '$C$': ',', '$u7b$': '{', '$u7d$': '}', '$BP$': '*', '$SP$': '@', '$LP$': '(', '$RP$': ')', '$u27$': "'", '$u5b$': '[', '$u5d$': ']', '$u7e$': '~', '$u3b$': ';', '$u2b$': '+', '$u22$': '"' };
  return parts
    .map((p) => p.replace(/^_(?=\$)/, '').replace(/\$[A-Za-z0-9]+\$/g, (e) => escapes[e] ?? e).replace(/\.\./g, '::'))
    .join('::');
}

/** The crate a function belongs to: the first path segment, inside `<…>` for impls. */
function crateOf(name) {
  const n = name.replace(/^<+/, '').replace(/^&(mut )?/, '').replace(/^dyn /, '');
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return m ? m[1] : '(other)';
}
/** Our modules two levels down: yusuan::ui::views, yusuan::core::figures … */
function moduleOf(name) {
  const n = name.replace(/^<+/, '');
  const m = n.match(/^yusuan::([a-z_0-9]+)(::([a-z_0-9]+))?/);
  return m ? `yusuan::${m[1]}${m[3] ? `::${m[3]}` : ''}` : null;
}
/** A generic family: the path without its hash and generic arguments. */
function familyOf(name) {
  return name.replace(/::h[0-9a-f]{16}$/, '').replace(/<[^<>]*>/g, '').replace(/<[^<>]*>/g, '');
}

const byCrate = new Map(), byModule = new Map(), byFamily = new Map(), fns = [];
let total = 0;
bodies.forEach((len, i) => {
  const name = demangle(names.get(i + imported) ?? `(function ${i + imported})`);
  total += len;
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + len);
  add(byCrate, crateOf(name));
  const mod = moduleOf(name);
  if (mod) add(byModule, mod);
  if (/^(core::slice::sort|alloc::collections::btree|hashbrown|serde|alloc::slice)/.test(name.replace(/^<+/, ''))) add(byFamily, familyOf(name).split('::').slice(0, 4).join('::'));
  fns.push([len, name]);
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const table = (title, m, top) => {
  console.log(`\n${title}`);
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, v]) => {
    console.log(`  ${kb(v).padStart(9)}  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
  });
};
console.log(`${file}: ${bytes.length} B; code ${kb(total)} in ${bodies.length} functions; data segments ${kb(data)}`);
table('code by crate', byCrate, TOP);
table('code by module of yusuan', byModule, TOP);
table('generic families (sort, btree, hashbrown, serde)', byFamily, TOP);
console.log(`\nlargest functions`);
fns.sort((a, b) => b[0] - a[0]).slice(0, TOP).forEach(([len, name]) => console.log(`  ${kb(len).padStart(9)}  ${name.slice(0, 120)}`));
