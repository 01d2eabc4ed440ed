// generate-github-sha1.mjs: GitHub's legacy X-Hub-Signature (sha1=<hex HMAC-SHA1 of the body>) vectors, written to
// github-sha1.json. GitHub still sends this header beside X-Hub-Signature-256 for compatibility, and older GitHub
// Enterprise Server versions send only it.
//
//   produced: @octokit/webhooks-methods 2.0.0 sign({ secret, algorithm: "sha1" }, body) — the last major version of
//             GitHub's own library that signs SHA-1 (installed under the alias @octokit/webhooks-methods-v2)
//   verified: the same library's verify(), which picks SHA-1 from the "sha1=" prefix; tampered bodies and wrong
//             secrets must fail
//   payloads: @octokit/webhooks-examples (smallest example per event/action, as generate.mjs picks them)
//
// Deterministic: fixed secret and delivery IDs. Rerun: cd tests/vectors && npm ci && node generate-github-sha1.mjs
// Each vector: { name, source, secret, body, headers, now, valid, eventId, eventType } (no X-Hub-Signature-256 header,
// as an old GitHub Enterprise Server sends it).

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { sign, verify } from "@octokit/webhooks-methods-v2";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples");
const version = (pkg) => JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function smallestExample(event, action) {
  const entry = examples.find((e) => e.name === event);
  const candidates = entry.examples.filter((p) => (p.action ?? null) === action).map((p) => JSON.stringify(p));
  return candidates.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

const secret = "WebhookHub-GitHub-sha1-secret";
const source = `@octokit/webhooks-methods npm ${version("@octokit/webhooks-methods-v2")} sign sha1; payload: @octokit/webhooks-examples ${version("@octokit/webhooks-examples")}`;
const picks = [
  ["issues", "opened", "5e1c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e11"],
  ["push", null, "5e1c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e12"],
];

const vectors = [];
for (const [event, action, delivery] of picks) {
  const body = smallestExample(event, action);
  const signature = await sign({ secret, algorithm: "sha1" }, body);
  check(signature.startsWith("sha1=") && signature.length === 45, `${event}: not a sha1 signature`);
  check(await verify(secret, body, signature), `${event}: verify() rejected the vector`);
  check(!(await verify(secret, body + " ", signature)), `${event}: tampered body accepted`);
  check(!(await verify(secret + "x", body, signature)), `${event}: wrong secret accepted`);
  vectors.push({
    name: `github-sha1-${action ? `${event}-${action}` : event}`,
    source,
    secret,
    body,
    headers: { "Content-Type": "application/json", "X-GitHub-Delivery": delivery, "X-GitHub-Event": event, "X-Hub-Signature": signature },
    now: 1700000000,
    valid: true,
    eventId: delivery,
    eventType: action ? `${event}.${action}` : event,
  });
}

writeFileSync(join(here, "github-sha1.json"), JSON.stringify(vectors, null, 2) + "\n");
console.log(`github-sha1.json: ${vectors.length} vectors`);
