// The offline service worker of 预算计算器 (issue 26). scripts/post-build.mjs writes it into
// dist/ as sw.js after every build, filling in BUILD (a hash of every built file) and FILES
// (their names); docs/OFFLINE.md explains the whole cycle. It makes no request but for these
// files, on the page's own origin, within its own folder.

// This build: its id and every file it is made of (index.html, scripts, wasm, css, data).
const BUILD = '__BUILD__';
const FILES = __FILES__;
// One cache per build, so two builds' files never mix in one cache.
const CACHE = `yusuan-${BUILD}`;
// The folder the worker serves (the app's own, e.g. https://intranet/tools/budget/).
const SCOPE = self.registration.scope;

// Install: fetch every file of this build and keep them. A content-hashed name always holds
// the same bytes, so the browser's HTTP cache may answer (the page has just loaded most of
// them: no second download); index.html is revalidated with the server. If one fails the
// install fails, the previous build stays in charge, and the browser tries again later.
self.addEventListener('install', (event) => {
  const request = (f) => new Request(new URL(f, SCOPE), { cache: f === 'index.html' ? 'no-cache' : 'default' });
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(request))));
  // No skipWaiting here: a page open on the previous build keeps it until the user chooses
  // to reload (the page posts 'skip-waiting' then), so no page runs two builds' files.
});

// The page asks for the new build to take over (its “刷新” button).
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Activate: drop the caches of older builds, keeping this one and the one just before it
// (a tab still open on that build loads its worker and catalogue from it); take over pages.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const ours = (await caches.keys()).filter((k) => k.startsWith('yusuan-') && k !== CACHE);
    for (const old of ours.slice(0, -1)) await caches.delete(old);
    await self.clients.claim();
  })());
});

// Fetch: only GET requests for this origin and folder are answered, from the caches first.
// Everything else (another origin: there is none; POST; other folders) is left alone.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  event.respondWith(answer(req, url));
});

async function answer(req, url) {
  // Opening the app (with any query: ?lang=en, ?offline=0 …) is this build's index.html.
  const rel = url.href.slice(SCOPE.length).split(/[?#]/)[0];
  if (req.mode === 'navigate' && (rel === '' || rel === 'index.html')) {
    const page = await caches.match(new URL('index.html', SCOPE).href, { cacheName: CACHE });
    if (page) return page;
  }
  // A built file from any kept build (their names carry content hashes), else the network.
  return (await caches.match(req)) || fetch(req);
}
