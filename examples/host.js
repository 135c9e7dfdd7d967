// The host side of the postMessage API (docs/EMBEDDING.md). The app's address comes from
// ?app=… (default: the built app next to this folder). The app accepts this page's
// messages only if its own page lists this origin in data-origins.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var appUrl = new URL(params.get('app') || '../dist/', location.href);
  var appOrigin = appUrl.origin;
  var frame = document.getElementById('app');
  var status = document.getElementById('status');
  var log = document.getElementById('log');
  var changes = 0;
  var nextId = 1;

  function note(text) {
    var li = document.createElement('li');
    li.textContent = text; // messages are shown as text, never as HTML
    log.appendChild(li);
  }
  function show(totals) {
    document.getElementById('expense').textContent = totals.expense_total;
    document.getElementById('income').textContent = totals.income_total;
    document.getElementById('basic-share').textContent = totals.basic_share + '%';
  }
  function send(message) {
    message.id = nextId++;
    frame.contentWindow.postMessage(message, appOrigin);
    note('→ ' + message.type);
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== appOrigin || e.source !== frame.contentWindow) return; // only our frame
    var m = e.data || {};
    note('← ' + m.type + (m.message ? '：' + m.message : ''));
    if (m.type === 'yusuan:ready') status.textContent = '计算器已就绪';
    if (m.type === 'yusuan:loaded') status.textContent = '已载入示例预算';
    if (m.type === 'yusuan:error') status.textContent = '出错：' + m.message;
    if (m.type === 'yusuan:change') {
      changes += 1;
      document.getElementById('changes').textContent = String(changes);
      show(m.totals);
    }
    if (m.type === 'yusuan:budget') {
      show(m.totals);
      status.textContent = '已读取“' + JSON.parse(m.budget).scenarios[0].name + '”';
    }
  });

  document.getElementById('load').addEventListener('click', function () {
    fetch('./sample-budget.json')
      .then(function (r) { return r.text(); })
      .then(function (text) { send({ type: 'yusuan:load', budget: text }); });
  });
  document.getElementById('get').addEventListener('click', function () {
    send({ type: 'yusuan:get' });
  });

  frame.src = appUrl.href;
})();
