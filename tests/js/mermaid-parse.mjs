// Parse Mermaid diagrams with the real Mermaid parser (under jsdom) and print one JSON
// result per input file: {"file": ..., "ok": true, "type": ...} or {"file": ..., "ok": false, "error": ...}.
// Usage: node tests/js/mermaid-parse.mjs FILE...   (exit status 1 if any file fails)
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const result = await mermaid.parse(text);
    console.log(JSON.stringify({ file, ok: true, type: result.diagramType }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ file, ok: false, error: String(error?.message ?? error) }));
  }
}
process.exitCode = failed ? 1 : 0;
