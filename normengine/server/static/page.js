// The web page of normengine serve: no framework, no network beyond this server.
// Text from the server goes into the page as text (textContent), except the report itself,
// which the server renders as HTML with every piece of case text escaped.
"use strict";
const $ = (id) => document.getElementById(id);
let rulesets = [];

function showError(message, issues) {
  const box = $("error");
  const lines = [message];
  for (const i of issues || []) {
    const where = [i.line ? `line ${i.line}` : null, i.field || null].filter(Boolean).join(", ");
    lines.push(`• ${where ? where + ": " : ""}${i.message}`);
  }
  box.textContent = lines.join("\n");
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

function fillPerspectives() {
  const r = rulesets.find((x) => x.name === $("rules").value);
  const sel = $("perspective");
  sel.replaceChildren();
  for (const p of r ? r.perspectives : []) {
    const o = new Option(p, p, p === r.default_perspective, p === r.default_perspective);
    sel.add(o);
  }
}

async function init() {
  try {
    const [cases, sets] = await Promise.all([
      fetch("v1/cases").then((r) => r.json()),
      fetch("v1/rulesets").then((r) => r.json()),
    ]);
    for (const c of cases) $("case").add(new Option(`${c.title} (${c.date})`, c.id));
    rulesets = sets;
    for (const r of sets) $("rules").add(new Option(`${r.name} ${r.version}`, r.name));
    fillPerspectives();
  } catch (e) {
    showError(`cannot reach the server: ${e}`);
  }
}

async function loadCase() {
  const id = $("case").value;
  if (!id) return;
  clearError();
  const r = await fetch(`v1/cases/${encodeURIComponent(id)}`);
  if (r.ok) $("text").value = await r.text();
  else showError(`cannot load the case ${id} (HTTP ${r.status})`);
}

function loadFile() {
  const f = $("file").files[0];
  if (!f) return;
  const reader = new FileReader();
  reader.onload = () => {
    $("text").value = String(reader.result);
    $("case").value = "";
  };
  reader.readAsText(f);
}

async function run(path, params) {
  clearError();
  const text = $("text").value;
  if (!text.trim()) {
    showError("give a case: pick a bundled case, upload a file or paste one");
    return;
  }
  const media = text.trimStart().startsWith("{") ? "application/json" : "application/yaml";
  const query = new URLSearchParams({ rules: $("rules").value, ...params });
  $("busy").hidden = false;
  for (const b of document.querySelectorAll("button")) b.disabled = true;
  try {
    const r = await fetch(`${path}?${query}`, { method: "POST", headers: { "content-type": media }, body: text });
    const body = await r.text();
    if (r.ok) {
      $("result").innerHTML = body;
    } else {
      $("result").replaceChildren();
      let message = `the server answered HTTP ${r.status}`;
      let issues = [];
      try {
        const err = JSON.parse(body);
        message = err.message || message;
        issues = err.issues || [];
      } catch (_) {}
      showError(message, issues);
    }
  } catch (e) {
    showError(`cannot reach the server: ${e}`);
  } finally {
    $("busy").hidden = true;
    for (const b of document.querySelectorAll("button")) b.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  init();
  $("rules").addEventListener("change", fillPerspectives);
  $("case").addEventListener("change", loadCase);
  $("file").addEventListener("change", loadFile);
  $("form").addEventListener("submit", (e) => {
    e.preventDefault();
    run("v1/report", { perspective: $("perspective").value });
  });
  $("compare").addEventListener("click", () => run("v1/report/compare", {}));
});
