// Asks yaml-language-server (the engine behind VS Code's YAML extension and other editors'
// YAML support) for its diagnostics on YAML files, the way an editor does: over the Language
// Server Protocol on stdio. Prints them as JSON: [{ file, line, character, message }].
//
//   node lsp-diagnostics.mjs FILE.yaml...
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2).map((f) => path.resolve(f));
const server = spawn(process.execPath, [path.join(HERE, "node_modules/yaml-language-server/bin/yaml-language-server"), "--stdio"]);
let buffer = Buffer.alloc(0);
let id = 0;
const waiting = new Map();
const found = new Map();

function send(message) {
  const body = JSON.stringify({ jsonrpc: "2.0", ...message });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function request(method, params) {
  id += 1;
  send({ id, method, params });
  return new Promise((resolve) => waiting.set(id, resolve));
}

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    if (message.id !== undefined && waiting.has(message.id)) waiting.get(message.id)(message.result);
    else if (message.id !== undefined && message.method) send({ id: message.id, result: message.method === "workspace/configuration" ? message.params.items.map(() => ({ validate: true })) : null });
    else if (message.method === "textDocument/publishDiagnostics") found.set(message.params.uri, message.params.diagnostics);
  }
});

await request("initialize", { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings: { yaml: { validate: true, schemaStore: { enable: false } } } } });
for (const file of files) {
  send({ method: "textDocument/didOpen", params: { textDocument: { uri: pathToFileURL(file).href, languageId: "yaml", version: 1, text: fs.readFileSync(file, "utf8") } } });
}
const deadline = Date.now() + 20_000;
while (Date.now() < deadline && files.some((f) => !found.has(pathToFileURL(f).href))) {
  await new Promise((r) => setTimeout(r, 100));
}
const out = [];
for (const file of files) {
  for (const d of found.get(pathToFileURL(file).href) || []) {
    out.push({ file, line: d.range.start.line + 1, character: d.range.start.character + 1, endCharacter: d.range.end.character + 1, message: d.message });
  }
}
console.log(JSON.stringify(out, null, 2));
server.kill();
