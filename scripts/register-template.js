// Registers the offline service worker (sw.js, issue 26) and announces a new build. Written
// into dist/ by scripts/post-build.mjs (as register-<hash>.js, loaded by index.html under
// the page's CSP); docs/OFFLINE.md explains the cycle.
//
// Off when the page says so (data-offline="false" on the app's element, or ?offline=0),
// when served from file:// or without a secure context (no service worker there): the page
// then works as it always did, from the network.
(() => {
  const root = document.querySelector('[data-yusuan]');
  const off = root?.dataset.offline === 'false' || new URLSearchParams(location.search).get('offline') === '0';
  if (!('serviceWorker' in navigator) || !window.isSecureContext || location.protocol === 'file:') return;
  if (off) {
    // Switched off: a worker an earlier visit registered for this folder is removed too.
    navigator.serviceWorker.getRegistration('./').then((r) => r?.unregister()).catch(() => {});
    return;
  }
  let reloading = false;
  // Whether a worker served this page from the start: the first visit's worker taking over
  // (clients.claim) is not a new build.
  let controlled = !!navigator.serviceWorker.controller;
  // The new build waiting to take over, if it is known in this tab.
  let waiting = null;
  // The notice: a line at the foot of the page with a 刷新 button; it never takes the focus,
  // so typing goes on. Text only (textContent), in the page's language.
  const announce = () => {
    if (document.getElementById('yusuan-update')) return;
    const en = document.documentElement.lang === 'en';
    const bar = document.createElement('div');
    bar.id = 'yusuan-update';
    bar.className = 'update-bar';
    bar.setAttribute('role', 'status');
    bar.dataset.testid = 'update-notice';
    const text = document.createElement('span');
    text.textContent = en ? 'A new version is available; reload to use it.' : '有新版本，刷新后使用';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = en ? 'Reload' : '刷新';
    button.dataset.testid = 'update-reload';
    button.addEventListener('click', () => {
      reloading = true;
      // The waiting build takes over, then every file comes from it (controllerchange);
      // when another tab already let it take over, a reload is enough.
      if (waiting) waiting.postMessage('skip-waiting');
      else location.reload();
    });
    bar.append(text, button);
    document.body.append(bar);
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // This page asked: reload into the new build. Another tab let a new build take over:
    // say so, never reload under the user's hands (the next reload loads the new build).
    if (reloading) location.reload();
    else if (controlled) { waiting = null; announce(); }
    controlled = true;
  });
  // Registered once the app has started and the browser is idle, so that installing (which
  // fetches every file of the build) never competes with the first load.
  const register = () => navigator.serviceWorker.register('./sw.js', { scope: './' }).then((reg) => {
    const offer = (w) => {
      if (!w || !navigator.serviceWorker.controller) return;
      waiting = w;
      announce();
    };
    offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => { if (w.state === 'installed') offer(w); });
    });
    // A drafter keeps the page open all day: look for a new build every hour.
    setInterval(() => reg.update().catch(() => {}), 3600 * 1000);
  }).catch(() => {});
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000));
  if (window.wasmBindings) idle();
  else addEventListener('TrunkApplicationStarted', idle, { once: true });
})();
