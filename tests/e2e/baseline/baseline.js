// The plain-JavaScript baseline of tests/e2e/bench.mjs: the same generated lines as the
// app's `?lines=N` (`reference::synthetic`, the same xorshift generator), 30 rows shown,
// and on Enter in a cell the new 支出总计 and 基本/项目 shares recomputed in a loop over every
// line and written into the DOM. Amounts are whole 分 in plain numbers (exact below 2^53).
'use strict';
const N = Number(new URLSearchParams(location.search).get('lines') ?? 10000);
const M = (1n << 64n) - 1n;
let x = 0x9e3779b97f4a7c15n;
const next = () => {
  x ^= (x << 13n) & M;
  x ^= x >> 7n;
  x ^= (x << 17n) & M;
  return x;
};
const lines = [];
for (let i = 0; i < N; i++) {
  const basic = next() % 10n === 0n;
  next(); // functional code
  if (basic) next(); // economic code
  next(); // fund source
  const current = Number(next() % 100000000n);
  const carry = next() % 10n === 0n ? Number(next() % 10000000n) : 0;
  lines.push({ basic, current, carry });
}
const wan = (fen) => (fen / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (a, b) => (b === 0 ? '0%' : `${((a / b) * 100).toFixed(2)}%`);
const $ = (id) => document.querySelector(`[data-testid=${id}]`);
function recompute() {
  let basic = 0;
  let project = 0;
  for (const l of lines) {
    if (l.basic) basic += l.current + l.carry;
    else project += l.current + l.carry;
  }
  const total = basic + project;
  $('expense-total').textContent = wan(total);
  $('basic').textContent = wan(basic);
  $('project').textContent = wan(project);
  $('basic-share').textContent = pct(basic, total);
  $('project-share').textContent = pct(project, total);
}
const body = document.getElementById('rows');
for (let r = 0; r < Math.min(30, N); r++) {
  const tr = document.createElement('tr');
  const td = document.createElement('td');
  td.dataset.row = String(r);
  td.dataset.col = '7';
  td.textContent = wan(lines[r].current);
  tr.appendChild(td);
  body.appendChild(tr);
}
let selected = null;
body.addEventListener('click', (e) => {
  const td = e.target.closest('td');
  if (td) selected = td;
});
document.addEventListener('keydown', (e) => {
  if (!selected || e.key.length !== 1 || document.querySelector('input.cell-editor')) return;
  e.preventDefault();
  const input = document.createElement('input');
  input.className = 'cell-editor';
  input.value = e.key;
  selected.textContent = '';
  selected.appendChild(input);
  input.focus();
  input.addEventListener('keydown', (k) => {
    if (k.key !== 'Enter') return;
    const row = Number(selected.dataset.row);
    const v = Number(input.value);
    if (Number.isFinite(v)) lines[row].current = Math.round(v * 1e6); // typed in 万元
    input.remove();
    selected.textContent = wan(lines[row].current);
    selected = null;
    recompute();
  });
});
recompute();
