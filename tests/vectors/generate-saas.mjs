// generate-saas.mjs: builds WebhookHub's signature test vectors for Intercom, Bitbucket Cloud, Jira,
// Typeform, Calendly, Mollie (next-gen webhooks), DocuSign Connect, QuickBooks Online and GitLab, checks
// every vector, and writes the JSON files next to this script. (generate.mjs does Stripe, GitHub and
// Standard Webhooks; generate-more.mjs Shopify and Slack; generate-billing.mjs Paddle, Linear, Razorpay and
// Coinbase Commerce; generate-ed25519.mjs Discord and Standard Webhooks v1a.)
//
// None of these providers except GitLab publishes an npm library that signs or verifies its webhooks
// (checked: intercom-client 7.0.3, @typeform/api-client 2.8.0, @mollie/api-client 4.6.0 and jira.js 6.2.0
// have no such helper), and their docs publish no complete (secret, body, signature) example. So the
// vectors are produced with node:crypto following each provider's documented algorithm, which `source`
// says, and checked by a separate verifier written from the same docs (constant-time comparison), which
// must also reject a tampered body and a wrong secret:
//
//   intercom.json    X-Hub-Signature: "sha1=" + hex HMAC-SHA1(client secret, body)
//                    https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications
//   bitbucket.json   X-Hub-Signature: "sha256=" + hex HMAC-SHA256(secret, body)
//                    https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/
//   jira.json        X-Hub-Signature: "sha256=" + hex HMAC-SHA256(secret, body)
//                    https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
//   typeform.json    Typeform-Signature: "sha256=" + base64 HMAC-SHA256(secret, body)
//                    https://www.typeform.com/developers/webhooks/secure-your-webhooks/
//   calendly.json    Calendly-Webhook-Signature: "t=<unix s>,v1=" + hex HMAC-SHA256(signing key, "<t>.<body>")
//                    https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures
//   mollie.json      X-Mollie-Signature: "sha256=" + hex HMAC-SHA256(signing secret, body); during a secret
//                    rotation one header per secret, which a receiver sees joined by ", "
//                    https://docs.mollie.com/reference/webhooks-best-practices
//   docusign.json    X-DocuSign-Signature-<n>: base64 HMAC-SHA256(HMAC key text as UTF-8, body), one header
//                    per active key https://developers.docusign.com/platform/webhooks/connect/validate/
//   quickbooks.json  intuit-signature: base64 HMAC-SHA256(verifier token, body), CloudEvents and legacy bodies
//                    https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications
//
//   gitlab.json      GitLab signing token = Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature
//                    "v1,<base64>" over "<id>.<timestamp>.<body>", key = base64 after "whsec_").
//                    produced: standardwebhooks Webhook#sign; verified: standardwebhooks Webhook#verify with the
//                    clock pinned to `now` (and rejected 10 minutes later). GitLab's plain secret token
//                    (X-Gitlab-Token) signs nothing, so it has no vectors; GitLabTests covers it.
//
// Vectors hold only signed POST requests. The output is deterministic: fixed secrets, timestamps and IDs
// (IDs derived from fixed labels with SHA-256), no Date.now, no randomness; a rerun gives byte-identical
// files as long as the versions pinned in package-lock.json are installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-saas.mjs        (or: npm run generate-saas)
//
// Every object has the shape { name, source, secret, body, headers, now, valid, eventId, eventType }:
//   now        unix seconds at which to verify (the signed timestamp where there is one).
//   eventId    the event ID WebhookHub must extract (see each provider's class docs for the rule).
//   eventType  the event type WebhookHub must extract, or null where the provider scheme gives none.
// If a self-check fails, the script throws before it writes anything.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Webhook } from "standardwebhooks";

const here = dirname(fileURLToPath(import.meta.url));
const STANDARDWEBHOOKS_VERSION = JSON.parse(readFileSync(join(here, "node_modules", "standardwebhooks", "package.json"), "utf8")).version;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256(label) {
  return createHash("sha256").update(label).digest();
}

function mac(algorithm, key, data) {
  return createHmac(algorithm, Buffer.from(key, "utf8")).update(Buffer.from(data, "utf8")).digest();
}

// Constant-time comparison of a presented digest (already decoded) with the expected one.
function same(presented, expected) {
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

// A deterministic RFC 4122 version-4-shaped UUID derived from a label.
function uuidFrom(label) {
  const b = sha256(label).subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// Deterministic text of a given alphabet and length derived from a label.
function textFrom(label, alphabet, length) {
  const h = sha256(label);
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[h[i % 32] % alphabet.length];
  return s;
}
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function unixSeconds(iso) {
  return Math.floor(Date.parse(iso) / 1000);
}

function vector({ name, source, secret, body, headers, now, eventId, eventType }) {
  return { name, source, secret, body, headers, now, valid: true, eventId, eventType };
}

// Every vector must verify with `verify`, and fail for a tampered body (one space appended) and a wrong secret.
function checkAll(file, vectors, verify) {
  for (const v of vectors) {
    check(verify(v.body, v.headers, v.secret), `${file}/${v.name}: rejected`);
    check(!verify(v.body + " ", v.headers, v.secret), `${file}/${v.name}: tampered body accepted`);
    check(!verify(v.body, v.headers, v.secret + "x"), `${file}/${v.name}: wrong secret accepted`);
  }
}

function checkShape(file, vectors, { nonAscii = true } = {}) {
  check(vectors.length >= 3, `${file}: fewer than 3 vectors`);
  if (nonAscii) check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), `${file}: no non-ASCII body`);
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    check(keys === "name,source,secret,body,headers,now,valid,eventId,eventType", `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(typeof v.eventId === "string" && v.eventId.length > 0, `${file}/${v.name}: eventId`);
    check(v.eventType === null || (typeof v.eventType === "string" && v.eventType.length > 0), `${file}/${v.name}: eventType`);
    JSON.parse(v.body);
  }
}

function writeVectors(file, vectors) {
  writeFileSync(join(here, file), JSON.stringify(vectors, null, 2) + "\n", "utf8");
}

const viaCrypto = (doc) => `node:crypto per ${doc}; no official library signs`;

// ---------------------------------------------------------------------------
// Intercom
// ---------------------------------------------------------------------------

function buildIntercom() {
  const source = viaCrypto("https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications");
  const secret = uuidFrom("webhookhub/intercom/client-secret");
  const appId = "x7k2pq9w";
  const make = (name, topic, createdAt, item) => {
    const id = `notif_${uuidFrom(`intercom:${name}`)}`;
    const body = JSON.stringify({
      type: "notification_event",
      app_id: appId,
      data: { type: "notification_event_data", item },
      links: {},
      id,
      topic,
      delivery_status: "pending",
      delivery_attempts: 1,
      delivered_at: 0,
      first_sent_at: createdAt,
      created_at: createdAt,
      self: null,
    });
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "intercom-parrot-service-client/1.0",
      "X-Hub-Signature": "sha1=" + mac("sha1", secret, body).toString("hex"),
    };
    return vector({ name, source, secret, body, headers, now: createdAt, eventId: id, eventType: topic });
  };
  return [
    make("conversation-user-created-non-ascii-utf8", "conversation.user.created", 1749030211, {
      type: "conversation",
      id: "215470011482611",
      created_at: 1749030210,
      state: "open",
      source: { type: "conversation", delivered_as: "customer_initiated", subject: "", body: "<p>Hallo! Könnt ihr mir mit der Rechnung für März helfen? 🙏 — Zoë</p>", author: { type: "user", id: "6650a1f2c4e5b8001f3a9d21", name: "Zoë Müller", email: "zoe.mueller@example.de" } },
      contacts: { type: "contact.list", contacts: [{ type: "contact", id: "6650a1f2c4e5b8001f3a9d21" }] },
    }),
    make("contact-user-created", "contact.user.created", 1749031502, {
      type: "contact",
      id: "6650b7c3d1a2e9001e4f0c55",
      role: "user",
      email: "dana.lee@example.com",
      name: "Dana Lee",
      created_at: 1749031501,
      custom_attributes: { plan: "pro" },
    }),
    make("ping", "ping", 1749032000, { type: "ping", message: "Something for your dev hub." }),
  ];
}

function verifyIntercom(body, headers, secret) {
  const header = headers["X-Hub-Signature"];
  if (!header.startsWith("sha1=")) return false;
  return same(Buffer.from(header.slice(5), "hex"), mac("sha1", secret, body));
}

// ---------------------------------------------------------------------------
// Bitbucket Cloud
// ---------------------------------------------------------------------------

function buildBitbucket() {
  const source = viaCrypto("https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/");
  const secret = textFrom("webhookhub/bitbucket/secret", ALNUM, 32);
  const hook = uuidFrom("bitbucket:hook");
  const actor = { display_name: "Ana Souza", type: "user", uuid: `{${uuidFrom("bitbucket:user:ana")}}`, account_id: "557058:0c1f3f9e-6b1a-4c2d-9e8f-2a7b6c5d4e3f", nickname: "ana" };
  const repository = { type: "repository", full_name: "webhookhub/ingest", name: "ingest", uuid: `{${uuidFrom("bitbucket:repo")}}`, is_private: true, links: { html: { href: "https://bitbucket.org/webhookhub/ingest" } } };
  const make = (name, eventKey, now, payload) => {
    const body = JSON.stringify(payload);
    const requestId = uuidFrom(`bitbucket:request:${name}`);
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "Bitbucket-Webhooks/2.0",
      "X-Event-Key": eventKey,
      "X-Hook-UUID": hook,
      "X-Request-UUID": requestId,
      "X-Attempt-Number": "1",
      "X-Hub-Signature": "sha256=" + mac("sha256", secret, body).toString("hex"),
    };
    return vector({ name, source, secret, body, headers, now, eventId: requestId, eventType: eventKey });
  };
  const commit = (label, message) => ({ type: "commit", hash: sha256(`bitbucket:commit:${label}`).toString("hex").slice(0, 40), message, author: { raw: "Ana Souza <ana@example.com>", type: "author" }, date: "2025-06-04T09:14:05+00:00" });
  const pr = (state, extra = {}) => ({
    type: "pullrequest",
    id: 42,
    title: "Ingestão: validar assinaturas — ação rápida ✅",
    state,
    author: actor,
    source: { branch: { name: "feature/assinaturas" }, repository },
    destination: { branch: { name: "main" }, repository },
    created_on: "2025-06-04T10:02:11.412918+00:00",
    updated_on: "2025-06-04T10:02:11.412918+00:00",
    ...extra,
  });
  return [
    make("repo-push", "repo:push", 1749028446, {
      push: { changes: [{ new: { type: "branch", name: "main", target: commit("1", "Verify signatures on the raw body\n") }, old: { type: "branch", name: "main", target: commit("0", "Initial import\n") }, created: false, closed: false, forced: false, truncated: false, commits: [commit("1", "Verify signatures on the raw body\n")] }] },
      actor,
      repository,
    }),
    make("pullrequest-created-non-ascii-utf8", "pullrequest:created", 1749031332, { actor, pullrequest: pr("OPEN"), repository }),
    make("pullrequest-fulfilled", "pullrequest:fulfilled", 1749038001, { actor, pullrequest: pr("MERGED", { updated_on: "2025-06-04T11:53:20.004412+00:00" }), repository }),
  ];
}

function verifyHubSha256(body, headers, secret) {
  const header = headers["X-Hub-Signature"];
  if (!header.startsWith("sha256=")) return false;
  return same(Buffer.from(header.slice(7), "hex"), mac("sha256", secret, body));
}

// ---------------------------------------------------------------------------
// Jira
// ---------------------------------------------------------------------------

function buildJira() {
  const source = viaCrypto("https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks");
  const secret = textFrom("webhookhub/jira/secret", ALNUM, 40);
  const user = { self: "https://webhookhub.atlassian.net/rest/api/2/user?accountId=5b10ac8d82e05b22cc7d4ef5", accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Søren Ødegaard", active: true, timeZone: "Europe/Oslo", accountType: "atlassian" };
  const issue = (summary) => ({
    id: "10042",
    self: "https://webhookhub.atlassian.net/rest/api/2/10042",
    key: "HUB-42",
    fields: { summary, issuetype: { id: "10001", name: "Bug" }, project: { id: "10000", key: "HUB", name: "WebhookHub" }, priority: { id: "3", name: "Medium" }, status: { id: "10000", name: "To Do" }, labels: ["ingest"] },
  });
  const make = (name, payload) => {
    const body = JSON.stringify(payload);
    const identifier = uuidFrom(`jira:delivery:${name}`);
    const headers = {
      "Content-Type": "application/json",
      "X-Atlassian-Webhook-Identifier": identifier,
      "X-Atlassian-Webhook-Flow": "Primary",
      "X-Hub-Signature": "sha256=" + mac("sha256", secret, body).toString("hex"),
    };
    return vector({ name, source, secret, body, headers, now: Math.floor(payload.timestamp / 1000), eventId: identifier, eventType: payload.webhookEvent });
  };
  return [
    make("issue-created-non-ascii-utf8", { timestamp: 1749121522913, webhookEvent: "jira:issue_created", issue_event_type_name: "issue_created", user, issue: issue("Signaturprüfung schlägt für Umlaute fehl — ü, ß, 漢字") }),
    make("issue-updated", {
      timestamp: 1749122980017,
      webhookEvent: "jira:issue_updated",
      issue_event_type_name: "issue_generic",
      user,
      issue: issue("Signature check fails for non-ASCII bodies"),
      changelog: { id: "10207", items: [{ field: "status", fieldtype: "jira", from: "10000", fromString: "To Do", to: "3", toString: "In Progress" }] },
    }),
    make("comment-created", {
      timestamp: 1749123301552,
      webhookEvent: "comment_created",
      comment: { self: "https://webhookhub.atlassian.net/rest/api/2/issue/10042/comment/10100", id: "10100", author: user, body: "Reproduced with the vectors.", created: "2025-06-05T13:35:01.552+0200", updated: "2025-06-05T13:35:01.552+0200" },
      issue: { id: "10042", self: "https://webhookhub.atlassian.net/rest/api/2/10042", key: "HUB-42" },
    }),
  ];
}

// ---------------------------------------------------------------------------
// Typeform
// ---------------------------------------------------------------------------

function buildTypeform() {
  const source = viaCrypto("https://www.typeform.com/developers/webhooks/secure-your-webhooks/");
  const secret = sha256("webhookhub/typeform/secret").toString("hex").slice(0, 40);
  const make = (name, formId, submittedAt, title, answers) => {
    const eventId = "01J" + textFrom(`typeform:event:${name}`, CROCKFORD, 23);
    const payload = {
      event_id: eventId,
      event_type: "form_response",
      form_response: {
        form_id: formId,
        token: textFrom(`typeform:token:${name}`, "0123456789abcdefghijklmnopqrstuvwxyz", 32),
        landed_at: new Date((unixSeconds(submittedAt) - 95) * 1000).toISOString().replace(".000", ""),
        submitted_at: submittedAt,
        definition: { id: formId, title, fields: answers.map((a) => a.field) },
        answers,
      },
    };
    const body = JSON.stringify(payload);
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "Typeform Webhooks",
      "Typeform-Signature": "sha256=" + mac("sha256", secret, body).toString("base64"),
    };
    return vector({ name, source, secret, body, headers, now: unixSeconds(submittedAt), eventId, eventType: "form_response" });
  };
  const field = (id, type, title, ref) => ({ id, type, title, ref });
  const text = (f, value) => ({ type: "text", text: value, field: f });
  return [
    make("form-response-non-ascii-utf8", "lT4Z3j", "2025-06-06T08:12:40Z", "Retour client", [
      text(field("Xq2dLpR1", "long_text", "Qu'avez-vous pensé du service ?", "avis"), "Très réactif — merci beaucoup ! 😊 Ça marche."),
      { type: "number", number: 9, field: field("k3VnQ8wA", "opinion_scale", "Recommanderiez-vous WebhookHub ?", "nps") },
    ]),
    make("form-response-choice", "Qm81vB", "2025-06-06T09:40:02Z", "Plan selection", [
      { type: "choice", choice: { id: "c1a2", label: "Pro", ref: "plan_pro" }, field: field("R7sTu2yZ", "multiple_choice", "Which plan?", "plan") },
      { type: "email", email: "sam.taylor@example.com", field: field("E9wXc4Nd", "email", "Work email", "email") },
    ]),
    make("form-response-boolean", "Qm81vB", "2025-06-06T10:03:57Z", "Plan selection", [
      { type: "boolean", boolean: true, field: field("B2pLm6Qr", "yes_no", "Do you need SSO?", "sso") },
    ]),
  ];
}

function verifyTypeform(body, headers, secret) {
  const header = headers["Typeform-Signature"];
  if (!header.startsWith("sha256=")) return false;
  return same(Buffer.from(header.slice(7), "base64"), mac("sha256", secret, body));
}

// ---------------------------------------------------------------------------
// Calendly
// ---------------------------------------------------------------------------

function buildCalendly() {
  const source = viaCrypto("https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures");
  const secret = textFrom("webhookhub/calendly/signing-key", ALNUM + "-_", 43);
  const api = "https://api.calendly.com";
  const user = `${api}/users/${uuidFrom("calendly:user")}`;
  const eventUri = `${api}/scheduled_events/${uuidFrom("calendly:scheduled-event")}`;
  const inviteeUri = `${eventUri}/invitees/${uuidFrom("calendly:invitee")}`;
  const invitee = (status, extra = {}) => ({
    uri: inviteeUri,
    email: "bjorn.aasen@example.no",
    name: "Bjørn Åsen",
    first_name: "Bjørn",
    last_name: "Åsen",
    status,
    timezone: "Europe/Oslo",
    event: eventUri,
    questions_and_answers: [{ question: "Hva vil du snakke om?", answer: "Integrasjon av webhooks – særlig signaturer ✍️", position: 0 }],
    rescheduled: false,
    created_at: "2025-06-07T07:58:11.000000Z",
    updated_at: "2025-06-07T07:58:11.000000Z",
    scheduled_event: { uri: eventUri, name: "30 Minute Meeting", status: status === "canceled" ? "canceled" : "active", start_time: "2025-06-10T09:00:00.000000Z", end_time: "2025-06-10T09:30:00.000000Z" },
    ...extra,
  });
  const make = (name, t, payload) => {
    const body = JSON.stringify(payload);
    const headers = {
      "Content-Type": "application/json",
      "Calendly-Webhook-Signature": `t=${t},v1=${mac("sha256", secret, `${t}.${body}`).toString("hex")}`,
    };
    return vector({ name, source, secret, body, headers, now: t, eventId: `${payload.event}:${payload.payload.uri}`, eventType: payload.event });
  };
  return [
    make("invitee-created-non-ascii-utf8", 1749283092, { created_at: "2025-06-07T07:58:12.000000Z", created_by: user, event: "invitee.created", payload: invitee("active") }),
    make("invitee-canceled", 1749375610, {
      created_at: "2025-06-08T09:40:10.000000Z",
      created_by: user,
      event: "invitee.canceled",
      payload: invitee("canceled", { updated_at: "2025-06-08T09:40:09.000000Z", cancellation: { canceled_by: "Bjørn Åsen", reason: "Kolliderer med et annet møte", canceler_type: "invitee", created_at: "2025-06-08T09:40:09.000000Z" } }),
    }),
    make("routing-form-submission-created", 1749379201, {
      created_at: "2025-06-08T10:40:01.000000Z",
      created_by: user,
      event: "routing_form_submission.created",
      payload: { uri: `${api}/routing_form_submissions/${uuidFrom("calendly:submission")}`, routing_form: `${api}/routing_forms/${uuidFrom("calendly:form")}`, questions_and_answers: [{ question_uuid: uuidFrom("calendly:question"), question: "Team size", answer: "11-50" }], tracking: {}, result: { type: "event_type", value: `${api}/event_types/${uuidFrom("calendly:event-type")}` }, submitter: null, submitter_type: null, created_at: "2025-06-08T10:40:00.000000Z", updated_at: "2025-06-08T10:40:00.000000Z" },
    }),
  ];
}

function verifyCalendly(body, headers, secret) {
  const parts = Object.fromEntries(headers["Calendly-Webhook-Signature"].split(",").map((p) => p.split("=")));
  return same(Buffer.from(parts.v1, "hex"), mac("sha256", secret, `${parts.t}.${body}`));
}

// ---------------------------------------------------------------------------
// Mollie (next-gen webhooks)
// ---------------------------------------------------------------------------

function buildMollie() {
  const source = viaCrypto("https://docs.mollie.com/reference/webhooks-best-practices");
  const secret = textFrom("webhookhub/mollie/signing-secret", ALNUM, 32);
  const previous = textFrom("webhookhub/mollie/previous-signing-secret", ALNUM, 32);
  const sign = (key, body) => "sha256=" + mac("sha256", key, body).toString("hex");
  const make = (name, type, createdAt, entity, { rotated = false } = {}) => {
    const id = "event_" + textFrom(`mollie:event:${name}`, ALNUM, 21);
    const payload = {
      resource: "event",
      id,
      type,
      entityId: entity.id,
      createdAt,
      _embedded: { entity },
      _links: { self: { href: `https://api.mollie.com/v2/events/${id}`, type: "application/hal+json" }, documentation: { href: "https://docs.mollie.com/reference/get-webhook-event", type: "text/html" } },
    };
    const body = JSON.stringify(payload);
    // Two X-Mollie-Signature headers (previous secret first) as a receiver sees them: joined by ", ".
    const signature = rotated ? `${sign(previous, body)}, ${sign(secret, body)}` : sign(secret, body);
    const headers = { "Content-Type": "application/json", "X-Mollie-Signature": signature };
    return vector({ name, source, secret, body, headers, now: unixSeconds(createdAt), eventId: id, eventType: type });
  };
  const paymentLink = {
    resource: "payment-link",
    id: "pl_" + textFrom("mollie:pl", ALNUM, 10),
    mode: "live",
    description: "Jahresabo WebhookHub – Größe M ☕",
    amount: { currency: "EUR", value: "290.00" },
    archived: false,
    redirectUrl: "https://webhookhub.example/billing/thanks",
    webhookUrl: null,
    profileId: "pfl_" + textFrom("mollie:profile", ALNUM, 10),
    createdAt: "2025-06-09T08:00:02+00:00",
    paidAt: "2025-06-09T08:14:47+00:00",
    expiresAt: null,
    reusable: false,
  };
  const invoice = { resource: "sales-invoice", id: "invoice_" + textFrom("mollie:invoice", ALNUM, 10), invoiceNumber: "INV-0042", status: "paid", recipientIdentifier: "cus_whh_1042", currency: "EUR", totalAmount: { currency: "EUR", value: "49.00" }, paidAt: "2025-06-09T09:30:12+00:00" };
  return [
    make("payment-link-paid-non-ascii-utf8", "payment-link.paid", "2025-06-09T08:14:48+00:00", paymentLink),
    make("sales-invoice-paid", "sales-invoice.paid", "2025-06-09T09:30:13+00:00", invoice),
    make("sales-invoice-paid-rotated-secret-two-headers", "sales-invoice.paid", "2025-06-09T11:02:44+00:00", { ...invoice, id: "invoice_" + textFrom("mollie:invoice-2", ALNUM, 10), invoiceNumber: "INV-0043", paidAt: "2025-06-09T11:02:43+00:00" }, { rotated: true }),
  ];
}

function verifyMollie(body, headers, secret) {
  const expected = mac("sha256", secret, body);
  return headers["X-Mollie-Signature"].split(",").map((s) => s.trim().replace(/^sha256=/, "")).some((hex) => same(Buffer.from(hex, "hex"), expected));
}

// ---------------------------------------------------------------------------
// DocuSign Connect
// ---------------------------------------------------------------------------

function buildDocuSign() {
  const source = viaCrypto("https://developers.docusign.com/platform/webhooks/connect/validate/");
  // DocuSign shows HMAC keys as base64 text of 32 bytes; the text itself (as UTF-8) is the HMAC key.
  const secret = sha256("webhookhub/docusign/hmac-key-2").toString("base64");
  const previous = sha256("webhookhub/docusign/hmac-key-1").toString("base64");
  const accountId = uuidFrom("docusign:account");
  const userId = uuidFrom("docusign:user");
  const make = (name, event, generatedDateTime, envelopeLabel, { recipientId, summary, keys = [secret] } = {}) => {
    const envelopeId = uuidFrom(`docusign:envelope:${envelopeLabel}`);
    const data = { accountId, userId, envelopeId };
    if (recipientId) data.recipientId = recipientId;
    if (summary) data.envelopeSummary = summary;
    const payload = { event, apiVersion: "v2.1", uri: `/restapi/v2.1/accounts/${accountId}/envelopes/${envelopeId}`, retryCount: 0, configurationId: 21752918, generatedDateTime, data };
    const body = JSON.stringify(payload);
    const headers = { "Content-Type": "application/json", "x-authorization-digest": "HMACSHA256" };
    keys.forEach((key, i) => {
      headers[`X-DocuSign-Signature-${i + 1}`] = mac("sha256", key, body).toString("base64");
    });
    const eventId = recipientId ? `${envelopeId}/${event}/${recipientId}/${generatedDateTime}` : `${envelopeId}/${event}/${generatedDateTime}`;
    return vector({ name, source, secret, body, headers, now: unixSeconds(generatedDateTime), eventId, eventType: event });
  };
  return [
    make("envelope-sent", "envelope-sent", "2025-06-10T12:01:07.5521034Z", "nda"),
    make("recipient-completed", "recipient-completed", "2025-06-10T12:20:41.0031874Z", "nda", { recipientId: "1" }),
    make("envelope-completed-non-ascii-utf8", "envelope-completed", "2025-06-10T12:20:44.4233752Z", "nda", {
      summary: { status: "completed", emailSubject: "Bitte unterschreiben: Geheimhaltungsvereinbarung – Müller & Söhne", sender: { userName: "Lena Weiß", email: "lena.weiss@example.de" } },
    }),
    make("envelope-completed-two-hmac-keys", "envelope-completed", "2025-06-11T07:45:02.1187730Z", "msa", { keys: [previous, secret] }),
  ];
}

function verifyDocuSign(body, headers, secret) {
  const expected = mac("sha256", secret, body);
  const values = [];
  for (let i = 1; headers[`X-DocuSign-Signature-${i}`] !== undefined; i++) values.push(headers[`X-DocuSign-Signature-${i}`]);
  return values.some((b64) => same(Buffer.from(b64, "base64"), expected));
}

// ---------------------------------------------------------------------------
// QuickBooks Online
// ---------------------------------------------------------------------------

function buildQuickBooks() {
  const source = viaCrypto("https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications#validating-the-notification");
  const secret = uuidFrom("webhookhub/quickbooks/verifier-token");
  const realm = "9341453012345678";
  const headers = (body) => ({ "Content-Type": "application/json", "intuit-signature": mac("sha256", secret, body).toString("base64") });
  const cloudEvent = (label, type, entityId, time) => ({
    specversion: "1.0",
    id: uuidFrom(`quickbooks:cloudevent:${label}`),
    source: "intuit." + sha256(`quickbooks:source`).toString("base64"),
    type,
    datacontenttype: "application/json",
    time,
    intuitentityid: entityId,
    intuitaccountid: realm,
    data: {},
  });
  const cloud = (name, events, eventType) => {
    const body = JSON.stringify(events);
    return vector({ name, source, secret, body, headers: headers(body), now: unixSeconds(events[0].time), eventId: events.map((e) => e.id).join(","), eventType });
  };
  const legacy = (name, entities, eventType) => {
    const body = JSON.stringify({ eventNotifications: [{ realmId: realm, dataChangeEvent: { entities } }] });
    return vector({ name, source, secret, body, headers: headers(body), now: unixSeconds(entities[0].lastUpdated), eventId: createHash("sha256").update(body, "utf8").digest("hex"), eventType });
  };
  return [
    cloud("cloudevents-invoice-created", [cloudEvent("invoice-1", "qbo.invoice.created.v1", "95", "2025-06-12T21:31:25.179Z")], "qbo.invoice.created.v1"),
    cloud("cloudevents-two-customers-updated", [cloudEvent("customer-1", "qbo.customer.updated.v1", "58", "2025-06-12T21:40:03.514Z"), cloudEvent("customer-2", "qbo.customer.updated.v1", "61", "2025-06-12T21:40:04.020Z")], "qbo.customer.updated.v1"),
    cloud("cloudevents-mixed-types", [cloudEvent("payment-1", "qbo.payment.created.v1", "143", "2025-06-12T22:05:10.007Z"), cloudEvent("invoice-2", "qbo.invoice.updated.v1", "95", "2025-06-12T22:05:10.311Z")], null),
    legacy("legacy-customer-create", [{ name: "Customer", id: "1", operation: "Create", lastUpdated: "2025-06-12T14:42:19.000Z" }], "Customer.Create"),
    legacy("legacy-mixed-entities", [{ name: "Customer", id: "1", operation: "Update", lastUpdated: "2025-06-12T15:01:00.000Z" }, { name: "Vendor", id: "7", operation: "Create", lastUpdated: "2025-06-12T15:01:00.000Z" }], null),
  ];
}

function verifyQuickBooks(body, headers, secret) {
  return same(Buffer.from(headers["intuit-signature"], "base64"), mac("sha256", secret, body));
}

// ---------------------------------------------------------------------------
// GitLab (signing token = Standard Webhooks)
// ---------------------------------------------------------------------------

function atUnixTime(seconds, fn) {
  const realNow = Date.now;
  Date.now = () => seconds * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

function buildGitLab() {
  const source = `standardwebhooks npm ${STANDARDWEBHOOKS_VERSION} Webhook#sign (GitLab signing token, Standard Webhooks; https://docs.gitlab.com/user/project/integrations/webhooks/)`;
  const secret = "whsec_" + sha256("webhookhub/gitlab/signing-token").toString("base64");
  const hookUuid = uuidFrom("gitlab:hook");
  const project = { id: 7714, name: "ingest", path_with_namespace: "webhookhub/ingest", web_url: "https://gitlab.example.com/webhookhub/ingest", default_branch: "main" };
  const user = { id: 31, name: "Łukasz Żółć", username: "lzolc", email: "[REDACTED]" };
  const make = (name, gitlabEvent, timestamp, payload, { token } = {}) => {
    const body = JSON.stringify(payload);
    const msgId = uuidFrom(`gitlab:idempotency:${name}`);
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "GitLab/18.5.0",
      "X-Gitlab-Event": gitlabEvent,
      "X-Gitlab-Webhook-UUID": hookUuid,
      "X-Gitlab-Instance": "https://gitlab.example.com",
      "X-Gitlab-Event-UUID": uuidFrom(`gitlab:event:${name}`),
      "Idempotency-Key": msgId,
    };
    if (token) headers["X-Gitlab-Token"] = token;
    headers["webhook-id"] = msgId;
    headers["webhook-timestamp"] = String(timestamp);
    headers["webhook-signature"] = new Webhook(secret).sign(msgId, new Date(timestamp * 1000), body);
    return vector({ name, source, secret, body, headers, now: timestamp, eventId: msgId, eventType: payload.object_kind });
  };
  const sha = (label) => sha256(`gitlab:commit:${label}`).toString("hex").slice(0, 40);
  return [
    make("push-non-ascii-utf8", "Push Hook", 1749731012, {
      object_kind: "push",
      event_name: "push",
      before: sha("0"),
      after: sha("1"),
      ref: "refs/heads/main",
      user_name: user.name,
      user_username: user.username,
      project_id: project.id,
      project,
      commits: [{ id: sha("1"), message: "Poprawka: weryfikacja podpisów dla treści z ogonkami — ąęłńóśźż\n", timestamp: "2025-06-12T14:23:30+02:00", author: { name: user.name, email: "[REDACTED]" }, added: [], modified: ["functions/Ingest.cs"], removed: [] }],
      total_commits_count: 1,
    }),
    make("merge-request-open-with-secret-token-too", "Merge Request Hook", 1749733500, {
      object_kind: "merge_request",
      event_type: "merge_request",
      user,
      project,
      object_attributes: { id: 90211, iid: 17, title: "Verify GitLab signing tokens", state: "opened", action: "open", source_branch: "signing-token", target_branch: "main", url: "https://gitlab.example.com/webhookhub/ingest/-/merge_requests/17" },
    }, { token: "gitlab-secret-token-not-used-when-signed" }),
    make("pipeline-success", "Pipeline Hook", 1749734421, {
      object_kind: "pipeline",
      object_attributes: { id: 553001, iid: 412, ref: "main", tag: false, sha: sha("1"), status: "success", source: "push", duration: 284, created_at: "2025-06-12 13:15:30 UTC", finished_at: "2025-06-12 13:20:17 UTC" },
      user,
      project,
      builds: [{ id: 8810042, stage: "test", name: "dotnet-test", status: "success" }],
    }),
  ];
}

function checkGitLab(vectors) {
  for (const v of vectors) {
    const wh = new Webhook(v.secret);
    const headers = { "webhook-id": v.headers["webhook-id"], "webhook-timestamp": v.headers["webhook-timestamp"], "webhook-signature": v.headers["webhook-signature"] };
    check(headers["webhook-id"] === v.headers["Idempotency-Key"], `${v.name}: webhook-id differs from Idempotency-Key`);
    atUnixTime(v.now, () => wh.verify(v.body, headers));
    let rejected = 0;
    for (const attempt of [
      () => atUnixTime(v.now, () => wh.verify(v.body + " ", headers)),
      () => atUnixTime(v.now + 600, () => wh.verify(v.body, headers)),
      () => atUnixTime(v.now, () => new Webhook("whsec_" + sha256("webhookhub/gitlab/wrong").toString("base64")).verify(v.body, headers)),
    ]) {
      try {
        attempt();
      } catch {
        rejected++;
      }
    }
    check(rejected === 3, `${v.name}: a tampered body, stale timestamp or wrong secret was accepted`);
  }
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const outputs = {
  "intercom.json": [buildIntercom(), verifyIntercom],
  "bitbucket.json": [buildBitbucket(), verifyHubSha256],
  "jira.json": [buildJira(), verifyHubSha256],
  "typeform.json": [buildTypeform(), verifyTypeform],
  "calendly.json": [buildCalendly(), verifyCalendly],
  "mollie.json": [buildMollie(), verifyMollie],
  "docusign.json": [buildDocuSign(), verifyDocuSign],
  "quickbooks.json": [buildQuickBooks(), verifyQuickBooks],
};
for (const [file, [vectors, verify]] of Object.entries(outputs)) {
  checkAll(file, vectors, verify);
  checkShape(file, vectors, { nonAscii: file !== "quickbooks.json" });
}
const gitlab = buildGitLab();
checkGitLab(gitlab);
checkShape("gitlab.json", gitlab);

// The rotation vectors must not verify with the first signature alone.
{
  const [mollie] = outputs["mollie.json"];
  const rotated = mollie.find((v) => v.name.includes("rotated"));
  check(!verifyMollie(rotated.body, { "X-Mollie-Signature": rotated.headers["X-Mollie-Signature"].split(",")[0] }, rotated.secret), "mollie: first header alone verifies");
  const [docusign] = outputs["docusign.json"];
  const twoKeys = docusign.find((v) => v.headers["X-DocuSign-Signature-2"]);
  check(!verifyDocuSign(twoKeys.body, { "X-DocuSign-Signature-1": twoKeys.headers["X-DocuSign-Signature-1"] }, twoKeys.secret), "docusign: header 1 alone verifies");
}

for (const [file, [vectors]] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
writeVectors("gitlab.json", gitlab);
console.log(`gitlab.json: ${gitlab.length} vectors`);
console.log("all self-checks passed");
