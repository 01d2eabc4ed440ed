// generate.mjs: builds WebhookHub's webhook signature test vectors with each
// provider's OWN library, checks every vector with that library's verifier,
// and writes the JSON files next to this script.
//
//   stripe.json             Stripe-Signature vectors      (stripe: generateTestHeaderString / constructEvent)
//   stripe-events.json      8 Stripe event types, one e2e secret
//   github.json             X-Hub-Signature-256 vectors   (@octokit/webhooks-methods: sign / verify)
//   github-examples.json    real GitHub deliveries from @octokit/webhooks-examples, one e2e secret
//   standardwebhooks.json   webhook-signature vectors     (standardwebhooks: Webhook#sign / Webhook#verify)
//   (shopify.json and slack.json are written by generate-more.mjs)
//
// The output is deterministic: fixed secrets, timestamps and IDs; no Date.now and
// no randomness. A rerun gives byte-identical files as long as the versions
// pinned in package-lock.json are the ones installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate.mjs
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   now: unix seconds at which to verify (the signing time for timestamped schemes)
//   eventId:   Stripe body.id | GitHub X-GitHub-Delivery | Standard Webhooks webhook-id
//   eventType: Stripe body.type | GitHub X-GitHub-Event[.action] | Standard Webhooks body.type (null if none)
//
// If a self-check fails, the script throws before it writes anything.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import Stripe from "stripe";
import { sign as githubSign, verify as githubVerify } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

// The webhooks-examples package's main entry is api.github.com/index.json, an array of
// { name, description, actions, properties, examples: [payload, ...] }, one entry per event.
const githubExamples = require("@octokit/webhooks-examples");

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const STRIPE_VERSION = versionOf("stripe");
const OCTOKIT_METHODS_VERSION = versionOf("@octokit/webhooks-methods");
const OCTOKIT_EXAMPLES_VERSION = versionOf("@octokit/webhooks-examples");
const STANDARDWEBHOOKS_VERSION = versionOf("standardwebhooks");

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

async function expectFailure(fn, message) {
  let failed = false;
  try {
    const result = await fn();
    failed = result === false;
  } catch {
    failed = true;
  }
  check(failed, message);
}

// A deterministic, GUID-shaped id derived from a label (used for X-GitHub-Delivery).
function guidFrom(label) {
  const h = createHash("sha256").update(label).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// A deterministic Standard Webhooks secret: "whsec_" + base64 of 32 bytes derived from a label.
function standardSecretFrom(label) {
  return "whsec_" + createHash("sha256").update(label).digest("base64");
}

// Runs fn while Date.now() reports the given unix time. standardwebhooks' verify() reads
// the clock and has no option for it; this keeps the self-check independent of today's date.
function atUnixTime(seconds, fn) {
  const realNow = Date.now;
  Date.now = () => seconds * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

function writeVectors(file, vectors) {
  writeFileSync(join(here, file), JSON.stringify(vectors, null, 2) + "\n", "utf8");
}

// ---------------------------------------------------------------------------
// Stripe
// ---------------------------------------------------------------------------

const STRIPE_API_VERSION = "2024-06-20";
const stripeSource = `stripe npm ${STRIPE_VERSION} generateTestHeaderString`;
// No API call is ever made; the client is only needed for stripe.webhooks.constructEvent.
const stripe = new Stripe("sk_test_unused_by_vector_generator");

// A Stripe event envelope as Stripe delivers it.
function stripeEvent({ id, type, created, object, previousAttributes, requestId = null, idempotencyKey = null }) {
  const data = { object };
  if (previousAttributes) data.previous_attributes = previousAttributes;
  return {
    id,
    object: "event",
    api_version: STRIPE_API_VERSION,
    created,
    data,
    livemode: false,
    pending_webhooks: 1,
    request: { id: requestId, idempotency_key: idempotencyKey },
    type,
  };
}

// Stripe sends event bodies pretty-printed with two-space indentation.
function stripeBody(event) {
  return JSON.stringify(event, null, 2);
}

const stripeObjects = {
  paymentIntent: (created, overrides = {}) => ({
    id: "pi_3OD8kQ2eZvKYlo2C0a1b2c3d",
    object: "payment_intent",
    amount: 2000,
    amount_capturable: 0,
    amount_received: 2000,
    capture_method: "automatic",
    client_secret: "pi_3OD8kQ2eZvKYlo2C0a1b2c3d_secret_VectorFixture",
    confirmation_method: "automatic",
    created,
    currency: "usd",
    customer: "cus_P1qW3eRt5yU7iO",
    description: "Order #1042",
    last_payment_error: null,
    latest_charge: "ch_3OD8kQ2eZvKYlo2C0e4f5g6h",
    livemode: false,
    metadata: { order_id: "1042" },
    payment_method: "pm_1OD8kP2eZvKYlo2CqRsTuVwX",
    payment_method_types: ["card"],
    receipt_email: "jenny.rosen@example.com",
    status: "succeeded",
    ...overrides,
  }),
  invoice: (created, overrides = {}) => ({
    id: "in_1OD9aB2eZvKYlo2Ch1i2j3k4",
    object: "invoice",
    account_country: "US",
    amount_due: 1500,
    amount_paid: 1500,
    amount_remaining: 0,
    attempt_count: 1,
    attempted: true,
    billing_reason: "subscription_cycle",
    collection_method: "charge_automatically",
    created,
    currency: "usd",
    customer: "cus_P1qW3eRt5yU7iO",
    customer_email: "jenny.rosen@example.com",
    hosted_invoice_url: "https://invoice.stripe.com/i/acct_1Nv0FGQ9RKHgCVdK/test_YWNjdF8xTnYwRkdROVJLSGdDVmRL",
    lines: {
      object: "list",
      data: [
        {
          id: "il_1OD9aB2eZvKYlo2Cl5m6n7o8",
          object: "line_item",
          amount: 1500,
          currency: "usd",
          description: "1 × Pro plan (at $15.00 / month)",
          period: { end: created + 2592000, start: created },
          quantity: 1,
          type: "subscription",
        },
      ],
      has_more: false,
      total_count: 1,
      url: "/v1/invoices/in_1OD9aB2eZvKYlo2Ch1i2j3k4/lines",
    },
    livemode: false,
    number: "A1B2C3D4-0007",
    paid: true,
    status: "paid",
    subscription: "sub_1OD9a92eZvKYlo2Cp9q0r1s2",
    subtotal: 1500,
    total: 1500,
    ...overrides,
  }),
  customer: (created, overrides = {}) => ({
    id: "cus_P1qW3eRt5yU7iO",
    object: "customer",
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: "jenny.rosen@example.com",
    invoice_prefix: "A1B2C3D4",
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: "Jenny Rosen",
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
    ...overrides,
  }),
  subscription: (created, overrides = {}) => ({
    id: "sub_1OD9a92eZvKYlo2Cp9q0r1s2",
    object: "subscription",
    billing_cycle_anchor: created,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: "charge_automatically",
    created,
    currency: "usd",
    current_period_end: created + 2592000,
    current_period_start: created,
    customer: "cus_P1qW3eRt5yU7iO",
    items: {
      object: "list",
      data: [
        {
          id: "si_P1rXyZ0aBcDeFg",
          object: "subscription_item",
          created,
          price: {
            id: "price_1OD8zZ2eZvKYlo2CPro00001",
            object: "price",
            active: true,
            currency: "usd",
            product: "prod_P1rAbCdEfGhIj",
            recurring: { interval: "month", interval_count: 1, usage_type: "licensed" },
            type: "recurring",
            unit_amount: 1500,
          },
          quantity: 1,
          subscription: "sub_1OD9a92eZvKYlo2Cp9q0r1s2",
        },
      ],
      has_more: false,
      total_count: 1,
      url: "/v1/subscription_items?subscription=sub_1OD9a92eZvKYlo2Cp9q0r1s2",
    },
    latest_invoice: "in_1OD9aB2eZvKYlo2Ch1i2j3k4",
    livemode: false,
    metadata: {},
    status: "active",
    ...overrides,
  }),
  charge: (created, overrides = {}) => ({
    id: "ch_3OD8kQ2eZvKYlo2C0e4f5g6h",
    object: "charge",
    amount: 2000,
    amount_captured: 2000,
    amount_refunded: 2000,
    balance_transaction: "txn_3OD8kQ2eZvKYlo2C0i7j8k9l",
    captured: true,
    created,
    currency: "usd",
    customer: "cus_P1qW3eRt5yU7iO",
    description: "Order #1042",
    livemode: false,
    metadata: { order_id: "1042" },
    paid: true,
    payment_intent: "pi_3OD8kQ2eZvKYlo2C0a1b2c3d",
    payment_method: "pm_1OD8kP2eZvKYlo2CqRsTuVwX",
    payment_method_details: {
      card: { brand: "visa", country: "US", exp_month: 12, exp_year: 2034, funding: "credit", last4: "4242" },
      type: "card",
    },
    refunded: true,
    status: "succeeded",
    ...overrides,
  }),
  checkoutSession: (created, overrides = {}) => ({
    id: "cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ",
    object: "checkout.session",
    amount_subtotal: 2000,
    amount_total: 2000,
    cancel_url: "https://example.com/cart",
    client_reference_id: "order_1042",
    created,
    currency: "usd",
    customer: "cus_P1qW3eRt5yU7iO",
    customer_details: { email: "jenny.rosen@example.com", name: "Jenny Rosen", phone: null },
    expires_at: created + 86400,
    livemode: false,
    metadata: { order_id: "1042" },
    mode: "payment",
    payment_intent: "pi_3OD8kQ2eZvKYlo2C0a1b2c3d",
    payment_status: "paid",
    status: "complete",
    success_url: "https://example.com/success?session_id={CHECKOUT_SESSION_ID}",
    ...overrides,
  }),
};

// Signs one Stripe event body and returns a vector; the header can be replaced (multi-signature case).
function stripeVector({ name, source = stripeSource, secret, body, timestamp, header }) {
  const signatureHeader = header ?? Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  const parsed = JSON.parse(body);
  return {
    name,
    source,
    secret,
    body,
    headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signatureHeader },
    now: timestamp,
    valid: true,
    eventId: parsed.id,
    eventType: parsed.type,
  };
}

async function checkStripe(v) {
  const header = v.headers["Stripe-Signature"];
  // receivedAt (ms) pins the verifier's clock to `now`, so the default 300 s tolerance applies exactly.
  const event = stripe.webhooks.constructEvent(v.body, header, v.secret, 300, undefined, v.now * 1000);
  check(event.id === v.eventId && event.type === v.eventType, `${v.name}: constructEvent returned ${event.id}/${event.type}`);
  // The same delivery must fail for a tampered body, a wrong secret, and 10 minutes after `now`.
  await expectFailure(() => stripe.webhooks.constructEvent(v.body + " ", header, v.secret, 300, undefined, v.now * 1000), `${v.name}: tampered body accepted`);
  await expectFailure(() => stripe.webhooks.constructEvent(v.body, header, v.secret + "x", 300, undefined, v.now * 1000), `${v.name}: wrong secret accepted`);
  await expectFailure(() => stripe.webhooks.constructEvent(v.body, header, v.secret, 300, undefined, (v.now + 600) * 1000), `${v.name}: stale timestamp accepted`);
}

function buildStripeVectors() {
  const secret = "whsec_WebhookHubStripeVectorSecret00001";
  const vectors = [];

  let t = 1700000000;
  vectors.push(
    stripeVector({
      name: "payment-intent-succeeded",
      secret,
      timestamp: t,
      body: stripeBody(
        stripeEvent({
          id: "evt_3OD8kQ2eZvKYlo2C1mN2oP3q",
          type: "payment_intent.succeeded",
          created: t - 2,
          object: stripeObjects.paymentIntent(t - 60),
          requestId: "req_Vx8yZ1aB2cD3eF",
          idempotencyKey: "a5f1c2d3-7b8e-4f90-a1b2-c3d4e5f60718",
        }),
      ),
    }),
  );

  t = 1700003600;
  vectors.push(
    stripeVector({
      name: "invoice-paid",
      secret,
      timestamp: t,
      body: stripeBody(
        stripeEvent({
          id: "evt_1OD9aC2eZvKYlo2CrStUvWxY",
          type: "invoice.paid",
          created: t - 1,
          object: stripeObjects.invoice(t - 3600),
        }),
      ),
    }),
  );

  t = 1700007200;
  vectors.push(
    stripeVector({
      name: "customer-created",
      secret: "whsec_WebhookHubStripeVectorSecret00002",
      timestamp: t,
      body: stripeBody(
        stripeEvent({
          id: "evt_1OD9bD2eZvKYlo2CzAbCdEfG",
          type: "customer.created",
          created: t - 1,
          object: stripeObjects.customer(t - 1),
          requestId: "req_Gh4iJ5kL6mN7oP",
          idempotencyKey: "0f6b1a2c-3d4e-4f5a-8b9c-0d1e2f3a4b5c",
        }),
      ),
    }),
  );

  // Non-ASCII UTF-8 in the body: the signature is over the UTF-8 bytes.
  t = 1700010800;
  vectors.push(
    stripeVector({
      name: "customer-updated-non-ascii-utf8",
      secret,
      timestamp: t,
      body: stripeBody(
        stripeEvent({
          id: "evt_1OD9cE2eZvKYlo2CuNiCoDe",
          type: "customer.updated",
          created: t - 1,
          object: stripeObjects.customer(1700007199, {
            name: "Zoë ☕",
            description: "Café Zoë, Straße 5, Zürich — 東京支店 🚀",
            metadata: { note: "naïve façade ½ € 😀" },
          }),
          previousAttributes: { name: "Zoe", description: null, metadata: { note: null } },
          requestId: "req_Qr8sT9uV0wX1yZ",
          idempotencyKey: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
        }),
      ),
    }),
  );

  // Two v1 signatures in one header, the first from a wrong secret: a verifier must accept
  // the delivery if ANY v1 entry matches.
  t = 1700014400;
  {
    const body = stripeBody(
      stripeEvent({
        id: "evt_1OD9dF2eZvKYlo2CmUlTiSiG",
        type: "charge.succeeded",
        created: t - 2,
        object: stripeObjects.charge(t - 3, { amount_refunded: 0, refunded: false }),
        requestId: "req_Ab1cD2eF3gH4iJ",
        idempotencyKey: "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
      }),
    );
    const wrongSecret = "whsec_NotTheConfiguredSecretForThisVector0";
    const v1Of = (header) => header.split(",").find((p) => p.startsWith("v1=")).slice(3);
    const wrong = v1Of(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: wrongSecret, timestamp: t }));
    const right = v1Of(Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t }));
    check(wrong !== right, "multi-signature vector: wrong and right signatures differ");
    vectors.push(
      stripeVector({
        name: "two-v1-signatures-first-wrong",
        source: `${stripeSource} (header combined: v1 from a wrong secret, then v1 from the right one)`,
        secret,
        timestamp: t,
        body,
        header: `t=${t},v1=${wrong},v1=${right}`,
      }),
    );
    // The wrong signature alone must not verify.
    vectors.at(-1).__wrongOnly = `t=${t},v1=${wrong}`;
  }

  return vectors;
}

function buildStripeEventVectors() {
  const secret = "whsec_e2eStripeSecret0123456789";
  const t = 1700100000;
  const o = stripeObjects;
  const events = [
    ["payment-intent-succeeded", "evt_3OE1aA2eZvKYlo2C0000E2e1", "payment_intent.succeeded", o.paymentIntent(t - 30)],
    [
      "payment-intent-payment-failed",
      "evt_3OE1aA2eZvKYlo2C0000E2e2",
      "payment_intent.payment_failed",
      o.paymentIntent(t - 30, {
        id: "pi_3OE1aA2eZvKYlo2C1f2a3i4l",
        amount_received: 0,
        latest_charge: "ch_3OE1aA2eZvKYlo2C1d2e3c4l",
        last_payment_error: {
          charge: "ch_3OE1aA2eZvKYlo2C1d2e3c4l",
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Your card has insufficient funds.",
          type: "card_error",
        },
        status: "requires_payment_method",
      }),
    ],
    ["invoice-paid", "evt_1OE1aA2eZvKYlo2C0000E2e3", "invoice.paid", o.invoice(t - 3600)],
    [
      "invoice-payment-failed",
      "evt_1OE1aA2eZvKYlo2C0000E2e4",
      "invoice.payment_failed",
      o.invoice(t - 3600, {
        id: "in_1OE1aA2eZvKYlo2Cf4i5l6e7",
        amount_paid: 0,
        amount_remaining: 1500,
        attempt_count: 2,
        next_payment_attempt: t + 259200,
        paid: false,
        status: "open",
      }),
    ],
    ["customer-created", "evt_1OE1aA2eZvKYlo2C0000E2e5", "customer.created", o.customer(t - 1)],
    [
      "customer-subscription-updated",
      "evt_1OE1aA2eZvKYlo2C0000E2e6",
      "customer.subscription.updated",
      o.subscription(t - 86400, { cancel_at_period_end: true, canceled_at: t - 5 }),
      { cancel_at_period_end: false, canceled_at: null },
    ],
    ["charge-refunded", "evt_3OE1aA2eZvKYlo2C0000E2e7", "charge.refunded", o.charge(t - 7200), { amount_refunded: 0, refunded: false }],
    ["checkout-session-completed", "evt_1OE1aA2eZvKYlo2C0000E2e8", "checkout.session.completed", o.checkoutSession(t - 300)],
  ];
  return events.map(([name, id, type, object, previousAttributes]) =>
    stripeVector({
      name,
      secret,
      timestamp: t,
      body: stripeBody(stripeEvent({ id, type, created: t - 1, object, previousAttributes })),
    }),
  );
}

// ---------------------------------------------------------------------------
// GitHub
// ---------------------------------------------------------------------------

const githubSource = `@octokit/webhooks-methods npm ${OCTOKIT_METHODS_VERSION} sign`;
const GITHUB_NOW = 1700000000; // GitHub signatures carry no timestamp; any fixed value works.

// The smallest example payload of an event (and action, or null for action-less events),
// so the choice is deterministic for a pinned package version.
function githubExample(event, action) {
  const entry = githubExamples.find((e) => e.name === event);
  if (!entry) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const candidates = entry.examples.filter((p) => (p.action ?? null) === action);
  if (candidates.length === 0) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  return candidates
    .map((p) => JSON.stringify(p))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

function githubEventType(event, body) {
  let action;
  try {
    action = JSON.parse(body).action;
  } catch {
    action = undefined; // non-JSON body (the published docs vector)
  }
  return typeof action === "string" ? `${event}.${action}` : event;
}

async function githubVector({ name, source = githubSource, secret, body, event, delivery, signature }) {
  return {
    name,
    source,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-GitHub-Delivery": delivery,
      "X-GitHub-Event": event,
      "X-Hub-Signature-256": signature ?? (await githubSign(secret, body)),
    },
    now: GITHUB_NOW,
    valid: true,
    eventId: delivery,
    eventType: githubEventType(event, body),
  };
}

async function checkGithub(v) {
  const signature = v.headers["X-Hub-Signature-256"];
  check(await githubVerify(v.secret, v.body, signature), `${v.name}: verify() rejected the vector`);
  check(!(await githubVerify(v.secret, v.body + " ", signature)), `${v.name}: tampered body accepted`);
  check(!(await githubVerify(v.secret + "x", v.body, signature)), `${v.name}: wrong secret accepted`);
}

async function buildGithubVectors() {
  const secret = "WebhookHub-GitHub-vector-secret";
  const vectors = [];

  // Published in GitHub's docs; the library must reproduce the documented signature.
  const docsSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  const docsSecret = "It's a Secret to Everybody";
  const docsBody = "Hello, World!";
  check((await githubSign(docsSecret, docsBody)) === docsSignature, "GitHub docs vector: sign() differs from the published signature");
  vectors.push(
    await githubVector({
      name: "github-docs-published-hello-world",
      source: "published: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
      secret: docsSecret,
      body: docsBody,
      event: "ping",
      delivery: "9f0c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e01",
      signature: docsSignature,
    }),
  );

  const fromExamples = [
    ["issues-opened", "issues", "opened", "9f0c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e02"],
    ["push", "push", null, "9f0c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e03"],
    ["pull-request-opened", "pull_request", "opened", "9f0c2d4e-1a2b-4c3d-8e4f-5a6b7c8d9e04"],
  ];
  for (const [name, event, action, delivery] of fromExamples) {
    vectors.push(
      await githubVector({
        name,
        source: `${githubSource}; payload: @octokit/webhooks-examples ${OCTOKIT_EXAMPLES_VERSION} (${action ? `${event}.${action}` : event})`,
        secret,
        body: githubExample(event, action),
        event,
        delivery,
      }),
    );
  }
  return vectors;
}

async function buildGithubExampleVectors() {
  const secret = "e2e-github-secret";
  // @octokit/webhooks-examples has no issues.closed example; pull_request.closed and
  // issues.reopened / issues.labeled stand in for it.
  const picks = [
    ["issues", "opened"],
    ["issues", "reopened"],
    ["issues", "labeled"],
    ["issue_comment", "created"],
    ["push", null],
    ["pull_request", "opened"],
    ["pull_request", "closed"],
    ["release", "published"],
    ["ping", null],
    ["star", "created"],
    ["watch", "started"],
    ["create", null],
    ["dependabot_alert", "created"], // its body contains non-ASCII characters (emoji)
  ];
  const vectors = [];
  for (const [event, action] of picks) {
    const label = action ? `${event}.${action}` : event;
    vectors.push(
      await githubVector({
        name: `example-${label.replace(/[._]/g, "-")}`,
        source: `${githubSource}; payload: @octokit/webhooks-examples ${OCTOKIT_EXAMPLES_VERSION} (${label})`,
        secret,
        body: githubExample(event, action),
        event,
        delivery: guidFrom(`github-examples/${label}`),
      }),
    );
  }
  return vectors;
}

// ---------------------------------------------------------------------------
// Standard Webhooks
// ---------------------------------------------------------------------------

const standardSource = `standardwebhooks npm ${STANDARDWEBHOOKS_VERSION} Webhook#sign`;

function standardVector({ name, source = standardSource, secret, msgId, timestamp, body, headerPrefix = "webhook", signature }) {
  const sig = signature ?? new Webhook(secret).sign(msgId, new Date(timestamp * 1000), body);
  let type = null;
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed.type === "string") type = parsed.type;
  } catch {
    type = null;
  }
  return {
    name,
    source,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      [`${headerPrefix}-id`]: msgId,
      [`${headerPrefix}-timestamp`]: String(timestamp),
      [`${headerPrefix}-signature`]: sig,
    },
    now: timestamp,
    valid: true,
    eventId: msgId,
    eventType: type,
  };
}

async function checkStandard(v) {
  // standardwebhooks' verify() reads only webhook-*; svix-* values are passed under those names.
  const get = (suffix) => v.headers[`webhook-${suffix}`] ?? v.headers[`svix-${suffix}`];
  const headers = { "webhook-id": get("id"), "webhook-timestamp": get("timestamp"), "webhook-signature": get("signature") };
  check(headers["webhook-id"] === v.eventId, `${v.name}: eventId is not the message id`);
  const wh = new Webhook(v.secret);
  atUnixTime(v.now, () => wh.verify(v.body, headers, { jsonParse: false }));
  await expectFailure(() => atUnixTime(v.now, () => wh.verify(v.body + " ", headers, { jsonParse: false })), `${v.name}: tampered body accepted`);
  await expectFailure(() => atUnixTime(v.now + 600, () => wh.verify(v.body, headers, { jsonParse: false })), `${v.name}: stale timestamp accepted`);
}

function buildStandardVectors() {
  const secret = standardSecretFrom("webhookhub/standardwebhooks/vector-secret-1");
  const vectors = [];

  // Published reference vector (standard-webhooks test "sign function works", also in Svix's docs).
  {
    const published = {
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      msgId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    };
    const produced = new Webhook(published.secret).sign(published.msgId, new Date(published.timestamp * 1000), published.body);
    check(produced === published.signature, `published Standard Webhooks vector: library produced ${produced}`);
    vectors.push(
      standardVector({
        name: "standardwebhooks-published-reference",
        source:
          "published: https://github.com/standard-webhooks/standard-webhooks/blob/main/libraries/javascript/src/webhook.test.ts",
        ...published,
      }),
    );
  }

  vectors.push(
    standardVector({
      name: "invoice-paid",
      secret,
      msgId: "msg_2bHcQ8xK1vN4pR7sT0uW3yZ5aB",
      timestamp: 1700000000,
      body: JSON.stringify({
        type: "invoice.paid",
        timestamp: "2023-11-14T22:13:20.000Z",
        data: { id: "inv_01HF3X9J2K", customer_id: "cust_01HF3X7Q8R", amount: 4200, currency: "EUR", status: "paid" },
      }),
    }),
  );

  vectors.push(
    standardVector({
      name: "user-created",
      secret,
      msgId: "msg_2bHcR1yL2wO5qS8tU1vX4zA6bC",
      timestamp: 1700000060,
      body: JSON.stringify({
        type: "user.created",
        timestamp: "2023-11-14T22:14:20.000Z",
        data: { id: "user_01HF3XB5CD", email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] },
      }),
    }),
  );

  vectors.push(
    standardVector({
      name: "user-updated-non-ascii-utf8",
      secret: standardSecretFrom("webhookhub/standardwebhooks/vector-secret-2"),
      msgId: "msg_2bHcS4zM3xP6rT9uV2wY5aB7cD",
      timestamp: 1700000120,
      body: JSON.stringify({
        type: "user.updated",
        timestamp: "2023-11-14T22:15:20.000Z",
        data: { id: "user_01HF3XC7EF", name: "Zoë ☕", city: "Zürich", note: "東京 🚀" },
      }),
    }),
  );

  vectors.push(
    standardVector({
      name: "svix-header-names",
      source: `${standardSource} (svix-id / svix-timestamp / svix-signature header names)`,
      secret,
      msgId: "msg_2bHcT7aN4yQ7sU0vW3xZ6bC8dE",
      timestamp: 1700000180,
      headerPrefix: "svix",
      body: JSON.stringify({
        type: "order.shipped",
        timestamp: "2023-11-14T22:16:20.000Z",
        data: { id: "ord_01HF3XD9GH", carrier: "UPS", tracking: "1Z999AA10123456784" },
      }),
    }),
  );

  // Two space-separated signatures, the first from a wrong secret.
  {
    const msgId = "msg_2bHcU0bO5zR8tV1wX4yA7cD9eF";
    const timestamp = 1700000240;
    const body = JSON.stringify({
      type: "invoice.payment_failed",
      timestamp: "2023-11-14T22:17:20.000Z",
      data: { id: "inv_01HF3XEAIJ", customer_id: "cust_01HF3X7Q8R", amount: 4200, currency: "EUR", attempt: 2 },
    });
    const at = new Date(timestamp * 1000);
    const wrong = new Webhook(standardSecretFrom("webhookhub/standardwebhooks/wrong-secret")).sign(msgId, at, body);
    const right = new Webhook(secret).sign(msgId, at, body);
    check(wrong !== right, "multi-signature vector: wrong and right signatures differ");
    vectors.push(
      standardVector({
        name: "two-signatures-first-wrong",
        source: `${standardSource} (two space-separated signatures: wrong secret, then the right one)`,
        secret,
        msgId,
        timestamp,
        body,
        signature: `${wrong} ${right}`,
      }),
    );
    vectors.at(-1).__wrongOnly = wrong;
  }

  return vectors;
}

// ---------------------------------------------------------------------------
// Main: build, self-check, write
// ---------------------------------------------------------------------------

// Pulls out a check-only field so it never reaches the output.
function takeWrongOnly(vectors) {
  const out = new Map();
  for (const v of vectors) {
    if ("__wrongOnly" in v) {
      out.set(v.name, v.__wrongOnly);
      delete v.__wrongOnly;
    }
  }
  return out;
}

function checkShape(file, vectors) {
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    check(keys === "name,source,secret,body,headers,now,valid,eventId,eventType", `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
  }
}

const stripeVectors = buildStripeVectors();
const stripeEventVectors = buildStripeEventVectors();
const githubVectors = await buildGithubVectors();
const githubExampleVectors = await buildGithubExampleVectors();
const standardVectors = buildStandardVectors();

const stripeWrongOnly = takeWrongOnly(stripeVectors);
const standardWrongOnly = takeWrongOnly(standardVectors);

for (const v of [...stripeVectors, ...stripeEventVectors]) await checkStripe(v);
for (const [name, header] of stripeWrongOnly) {
  const v = stripeVectors.find((x) => x.name === name);
  await expectFailure(() => stripe.webhooks.constructEvent(v.body, header, v.secret, 300, undefined, v.now * 1000), `${name}: wrong signature alone accepted`);
}
for (const v of [...githubVectors, ...githubExampleVectors]) await checkGithub(v);
for (const v of standardVectors) await checkStandard(v);
for (const [name, wrong] of standardWrongOnly) {
  const v = standardVectors.find((x) => x.name === name);
  const headers = { "webhook-id": v.eventId, "webhook-timestamp": String(v.now), "webhook-signature": wrong };
  await expectFailure(() => atUnixTime(v.now, () => new Webhook(v.secret).verify(v.body, headers)), `${name}: wrong signature alone accepted`);
}

const outputs = {
  "stripe.json": stripeVectors,
  "stripe-events.json": stripeEventVectors,
  "github.json": githubVectors,
  "github-examples.json": githubExampleVectors,
  "standardwebhooks.json": standardVectors,
};
for (const [file, vectors] of Object.entries(outputs)) {
  checkShape(file, vectors);
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
