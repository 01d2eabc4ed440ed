// generate-billing.mjs: builds WebhookHub's Paddle, Linear, Razorpay and Coinbase Commerce
// webhook signature test vectors, checks every vector with the provider's OWN npm library,
// and writes the JSON files next to this script. (generate.mjs does Stripe, GitHub and
// Standard Webhooks; generate-more.mjs does Shopify and Slack.)
//
//   paddle.json    Paddle Billing Paddle-Signature vectors: "ts=<unix s>;h1=<hex>"
//                  produced: node:crypto, hex(HMAC-SHA256(secret key, "<ts>:<raw body>"))
//                            (@paddle/paddle-node-sdk has no signing function)
//                  verified: @paddle/paddle-node-sdk new Paddle(apiKey).webhooks.unmarshal(body, secretKey,
//                            signature) (no network call), with the clock pinned to the vector's `now`
//   linear.json    Linear-Signature vectors: hex(HMAC-SHA256(secret, raw body))
//                  produced: node:crypto (@linear/sdk has no signing function)
//                  verified: @linear/sdk/webhooks new LinearWebhookClient(secret).verify(rawBodyBuffer,
//                            signature, timestamp) and .parseData(...), clock pinned to `now`
//                            (the root export LinearWebhooks is a deprecated alias of the same class)
//   razorpay.json  X-Razorpay-Signature vectors: hex(HMAC-SHA256(secret, raw body))
//                  produced: node:crypto (the razorpay package has no signing function)
//                  verified: razorpay Razorpay.validateWebhookSignature(body, signature, secret)
//   coinbase.json  Coinbase Commerce X-CC-Webhook-Signature vectors: hex(HMAC-SHA256(secret, raw body))
//                  produced: coinbase-commerce-node Webhook.computeSignature, cross-checked against node:crypto
//                  verified: coinbase-commerce-node Webhook.verifyEventBody(rawBody, signature, secret)
//
// Every vector is also checked to FAIL with the same verifier for a tampered body (one space
// appended) and a wrong secret. Paddle vectors must also fail 6 seconds and 1 hour after `now`;
// Linear vectors must also fail 2 minutes before and after `now`.
//
// What the libraries check (as of the versions pinned in package-lock.json):
//   Paddle  WebhooksValidator.MAX_VALID_TIME_DIFFERENCE = 5 seconds, STALE side only: it rejects
//           when now > ts + 5 s and accepts any ts in the future. It keeps only the LAST h1 in the
//           header, so "ts=..;h1=<wrong>;h1=<right>" is accepted (vector paddle.json
//           transaction-paid-two-h1-rotated-secret) but "h1=<right>;h1=<wrong>" is rejected
//           (checked below). It compares hex strings with ===, not in constant time.
//   Linear  verify() ignores its timestamp argument (and the Linear-Timestamp header); it reads
//           webhookTimestamp (unix MILLISECONDS) from the signed body and rejects it when
//           |Date.now() - webhookTimestamp| > 60 s, in either direction, or when it is missing or
//           not a number. It throws on failure (it never returns false); comparison is constant-time.
//   Razorpay / Coinbase  signature over the raw body only; no timestamp, no replay window.
//           Razorpay compares with ===; Coinbase uses secure-compare (constant-time).
//
// The output is deterministic: fixed secrets, timestamps and IDs (IDs are derived from fixed
// labels with SHA-256); no Date.now and no randomness. A rerun gives byte-identical files as
// long as the versions pinned in package-lock.json are the ones installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-billing.mjs
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   now:       unix seconds at which to verify.
//              Paddle: the signature's ts. Linear: floor(body.webhookTimestamp / 1000).
//              Razorpay: body.created_at. Coinbase: body.scheduled_for (whole seconds).
//   eventId:   Paddle body.event_id | Linear Linear-Delivery header | Razorpay x-razorpay-event-id
//              header | Coinbase body.event.id
//   eventType: Paddle body.event_type | Linear body.type + "." + body.action (e.g. "Issue.create") |
//              Razorpay body.event | Coinbase body.event.type
//
// If a self-check fails, the script throws before it writes anything.

import { createHash, createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Paddle, Environment, LogLevel, GenericEvent } from "@paddle/paddle-node-sdk";
import { LinearWebhookClient } from "@linear/sdk/webhooks";
import Razorpay from "razorpay";
import coinbase from "coinbase-commerce-node";

const { Webhook: CoinbaseWebhook } = coinbase;
const here = dirname(fileURLToPath(import.meta.url));

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const PADDLE_VERSION = versionOf("@paddle/paddle-node-sdk");
const LINEAR_VERSION = versionOf("@linear/sdk");
const RAZORPAY_VERSION = versionOf("razorpay");
const COINBASE_VERSION = versionOf("coinbase-commerce-node");

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

// Passes only if the verifier rejects for the expected reason: Razorpay returns false,
// the others throw an Error with a message.
async function expectFailure(fn, expected, message) {
  let why = null;
  try {
    const result = await fn();
    if (result === false) why = "returned false";
  } catch (e) {
    why = String(e && e.message);
  }
  check(why !== null, `${message} (accepted)`);
  check(why.includes(expected), `${message} (rejected for another reason: ${why})`);
}

// Runs (and awaits) fn while the clock reads the given unix time. Paddle's validator reads
// `new Date().getTime()`, which does not go through Date.now, so the Date constructor itself
// is replaced (only its zero-argument form changes); Linear reads Date.now().
async function atUnixTime(seconds, fn) {
  const RealDate = globalThis.Date;
  const pinnedMs = seconds * 1000;
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(pinnedMs);
      else super(...args);
    }
    static now() {
      return pinnedMs;
    }
  }
  globalThis.Date = PinnedDate;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

function hmacHex(secret, data) {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(data, "utf8")).digest("hex");
}

function sha256(label) {
  return createHash("sha256").update(label).digest();
}

// A deterministic RFC 4122 version-4-shaped UUID derived from a label.
function uuidFrom(label) {
  const b = sha256(label).subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// Paddle IDs: "<prefix>_" + 26 lower-case Crockford base32 characters (a ULID).
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
function paddleId(prefix, label) {
  const h = sha256(`paddle:${prefix}:${label}`);
  let s = "01jr";
  for (let i = 0; i < 22; i++) s += CROCKFORD[h[i] & 31];
  return `${prefix}_${s}`;
}

// Razorpay IDs: "<prefix>_" + 14 base62 characters; event ids (the header) have no prefix.
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function razorpayId(prefix, label) {
  const h = sha256(`razorpay:${prefix}:${label}`);
  let s = "";
  for (let i = 0; i < 14; i++) s += BASE62[h[i] % 62];
  return prefix ? `${prefix}_${s}` : s;
}

// Paddle's `data` objects come out of PostgreSQL jsonb, which orders object keys by length,
// then bytewise; reproduce that so bodies look like real deliveries.
function jsonbOrder(value) {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, jsonbOrder(value[k])]));
}

function unixSeconds(iso) {
  return Math.floor(Date.parse(iso) / 1000);
}

function writeVectors(file, vectors) {
  writeFileSync(join(here, file), JSON.stringify(vectors, null, 2) + "\n", "utf8");
}

function checkShape(file, vectors) {
  check(vectors.length >= 3, `${file}: fewer than 3 vectors`);
  check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), `${file}: no non-ASCII body`);
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    check(keys === "name,source,secret,body,headers,now,valid,eventId,eventType", `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(v.valid === true, `${file}/${v.name}: valid must be true`);
    check(v.headers["Content-Type"] === "application/json", `${file}/${v.name}: Content-Type`);
    check(typeof v.eventId === "string" && v.eventId.length > 0, `${file}/${v.name}: eventId`);
    check(typeof v.eventType === "string" && v.eventType.length > 0, `${file}/${v.name}: eventType`);
    JSON.parse(v.body);
  }
}

// ---------------------------------------------------------------------------
// Paddle Billing
// ---------------------------------------------------------------------------

const paddleSource = `produced: node:crypto hex HMAC-SHA256 of "<ts>:<body>"; verified: @paddle/paddle-node-sdk npm ${PADDLE_VERSION} Paddle#webhooks.unmarshal`;
// No API call is ever made: webhooks.unmarshal only hashes and parses.
const paddle = new Paddle("pdl_sdbx_apikey_unused_by_vector_generator", { environment: Environment.sandbox, logLevel: LogLevel.none });

function paddleSign(secret, ts, body) {
  return hmacHex(secret, `${ts}:${body}`);
}

function paddleBody({ eventId, eventType, occurredAt, notificationId, data }) {
  // Paddle sends compact JSON; the envelope keys come in this order, `data` in jsonb order.
  return JSON.stringify({ event_id: eventId, event_type: eventType, occurred_at: occurredAt, notification_id: notificationId, data: jsonbOrder(data) });
}

function paddleVector({ name, secret, ts, body, signature }) {
  const parsed = JSON.parse(body);
  return {
    name,
    source: paddleSource,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "Paddle-Signature": signature ?? `ts=${ts};h1=${paddleSign(secret, ts, body)}`,
    },
    now: ts,
    valid: true,
    eventId: parsed.event_id,
    eventType: parsed.event_type,
  };
}

function paddleUnmarshal({ secret, body, signature, at }) {
  return atUnixTime(at, () => paddle.webhooks.unmarshal(body, secret, signature));
}

async function checkPaddle(v) {
  const signature = v.headers["Paddle-Signature"];
  const parsed = JSON.parse(v.body);
  const ts = Number(/^ts=(\d+);/.exec(signature)[1]);
  check(ts === v.now, `${v.name}: now is not the signature ts`);
  check(signature.endsWith(`;h1=${paddleSign(v.secret, ts, v.body)}`), `${v.name}: last h1 is not the HMAC`);
  const event = await paddleUnmarshal({ secret: v.secret, body: v.body, signature, at: v.now });
  check(!(event instanceof GenericEvent), `${v.name}: SDK does not know event type ${v.eventType}`);
  check(event.eventId === v.eventId && v.eventId === parsed.event_id && /^evt_/.test(v.eventId), `${v.name}: eventId mismatch`);
  check(event.eventType === v.eventType && v.eventType === parsed.event_type, `${v.name}: eventType mismatch`);
  check(event.notificationId === parsed.notification_id && event.occurredAt === parsed.occurred_at, `${v.name}: envelope mismatch`);
  check(event.data && event.data.id === parsed.data.id, `${v.name}: data not parsed`);
  // Last second of the SDK's 5-second window still passes; one more second does not.
  await paddleUnmarshal({ secret: v.secret, body: v.body, signature, at: v.now + 5 });
  const failed = "[Paddle] Webhook signature verification failed";
  await expectFailure(() => paddleUnmarshal({ secret: v.secret, body: v.body, signature, at: v.now + 6 }), failed, `${v.name}: 6 s stale accepted`);
  await expectFailure(() => paddleUnmarshal({ secret: v.secret, body: v.body, signature, at: v.now + 3600 }), failed, `${v.name}: 1 h stale accepted`);
  await expectFailure(() => paddleUnmarshal({ secret: v.secret, body: v.body + " ", signature, at: v.now }), failed, `${v.name}: tampered body accepted`);
  await expectFailure(() => paddleUnmarshal({ secret: v.secret + "x", body: v.body, signature, at: v.now }), failed, `${v.name}: wrong secret accepted`);
}

const PADDLE = {
  customer: paddleId("ctm", "customer-1"),
  address: paddleId("add", "address-1"),
  product: paddleId("pro", "product-team"),
  price: paddleId("pri", "price-team-monthly"),
  subscription: paddleId("sub", "subscription-1"),
  transaction: paddleId("txn", "transaction-1"),
  paymentMethod: paddleId("paymtd", "card-1"),
  notificationSetting: paddleId("ntfset", "destination-1"),
};

function paddleProduct() {
  return {
    id: PADDLE.product,
    name: "WebhookHub Team",
    type: "standard",
    status: "active",
    image_url: null,
    created_at: "2025-01-08T09:12:44.302518Z",
    updated_at: "2025-03-02T16:40:09.118204Z",
    custom_data: null,
    description: "Webhook ingestion for teams: retries, replay and signature verification.",
    import_meta: null,
    tax_category: "saas",
  };
}

function paddlePrice() {
  return {
    id: PADDLE.price,
    name: "Monthly (per seat)",
    type: "standard",
    status: "active",
    quantity: { maximum: 999, minimum: 1 },
    tax_mode: "account_setting",
    created_at: "2025-01-08T09:14:02.775913Z",
    product_id: PADDLE.product,
    unit_price: { amount: "3000", currency_code: "EUR" },
    updated_at: "2025-03-02T16:40:09.118204Z",
    custom_data: null,
    description: "Monthly",
    import_meta: null,
    trial_period: null,
    billing_cycle: { interval: "month", frequency: 1 },
    unit_price_overrides: [],
  };
}

// 10 seats x EUR 30.00, 19% VAT, Paddle fee 5% + EUR 0.50.
function paddleTransaction({ status, updatedAt }) {
  const totals = { subtotal: "30000", discount: "0", tax: "5700", total: "35700" };
  const fee = "1835";
  const earnings = "28165";
  const payoutTotals = { fee, tax: "5700", total: "35700", credit: "0", balance: "0", discount: "0", earnings, subtotal: "30000", grand_total: "35700", currency_code: "EUR", credit_to_balance: "0", fee_rate: "0.05", exchange_rate: "1" };
  return {
    id: PADDLE.transaction,
    items: [{ price: paddlePrice(), quantity: 10, proration: null }],
    origin: "web",
    status,
    details: {
      totals: { fee, tax: "5700", total: "35700", credit: "0", balance: "0", discount: "0", earnings, subtotal: "30000", grand_total: "35700", currency_code: "EUR", credit_to_balance: "0" },
      line_items: [
        {
          id: paddleId("txnitm", "transaction-1-item-1"),
          totals,
          item_id: null,
          product: paddleProduct(),
          price_id: PADDLE.price,
          quantity: 10,
          tax_rate: "0.19",
          proration: null,
          unit_totals: { subtotal: "3000", discount: "0", tax: "570", total: "3570" },
        },
      ],
      payout_totals: payoutTotals,
      tax_rates_used: [{ totals, tax_rate: "0.19" }],
      adjusted_totals: { fee, tax: "5700", total: "35700", earnings, subtotal: "30000", grand_total: "35700", currency_code: "EUR" },
    },
    checkout: { url: `https://webhookhub.example/checkout?_ptxn=${PADDLE.transaction}` },
    payments: [
      {
        amount: "35700",
        status: "captured",
        created_at: "2025-04-14T08:31:05.412774Z",
        error_code: null,
        captured_at: "2025-04-14T08:31:07.904512Z",
        method_details: { card: { type: "visa", last4: "4242", expiry_year: 2028, expiry_month: 9, cardholder_name: "Jenny Rosen" }, type: "card" },
        payment_method_id: PADDLE.paymentMethod,
        payment_attempt_id: uuidFrom("paddle:payment-attempt-1"),
        stored_payment_method_id: uuidFrom("paddle:stored-payment-method-1"),
      },
    ],
    billed_at: "2025-04-14T08:31:08.117309Z",
    address_id: PADDLE.address,
    created_at: "2025-04-14T08:29:51.663102Z",
    invoice_id: paddleId("inv", "invoice-1"),
    revised_at: null,
    updated_at: updatedAt,
    business_id: null,
    custom_data: { workspace_id: "ws_7f3c2a", plan: "team" },
    customer_id: PADDLE.customer,
    discount_id: null,
    currency_code: "EUR",
    billing_period: { ends_at: "2025-05-14T08:31:08.117309Z", starts_at: "2025-04-14T08:31:08.117309Z" },
    invoice_number: "325-10566",
    billing_details: null,
    collection_mode: "automatic",
    subscription_id: PADDLE.subscription,
  };
}

function paddleSubscription() {
  const period = { ends_at: "2025-05-14T08:31:08.117309Z", starts_at: "2025-04-14T08:31:08.117309Z" };
  return {
    id: PADDLE.subscription,
    items: [
      {
        price: paddlePrice(),
        status: "active",
        product: paddleProduct(),
        quantity: 10,
        recurring: true,
        created_at: "2025-04-14T08:31:09.831245Z",
        updated_at: "2025-04-14T08:31:09.831245Z",
        trial_dates: null,
        next_billed_at: period.ends_at,
        previously_billed_at: period.starts_at,
      },
    ],
    status: "active",
    discount: null,
    paused_at: null,
    address_id: PADDLE.address,
    created_at: "2025-04-14T08:31:09.831245Z",
    started_at: period.starts_at,
    updated_at: "2025-04-14T08:31:09.831245Z",
    business_id: null,
    canceled_at: null,
    custom_data: { workspace_id: "ws_7f3c2a", plan: "team" },
    customer_id: PADDLE.customer,
    import_meta: null,
    billing_cycle: { interval: "month", frequency: 1 },
    currency_code: "EUR",
    next_billed_at: period.ends_at,
    transaction_id: PADDLE.transaction,
    billing_details: null,
    collection_mode: "automatic",
    first_billed_at: period.starts_at,
    scheduled_change: null,
    current_billing_period: period,
  };
}

// Contains non-ASCII UTF-8: Latin accents, a dash, CJK and an astral-plane emoji.
function paddleCustomer() {
  return {
    id: PADDLE.customer,
    name: "Zoë Ångström-Müller",
    email: "zoe.angstrom@example.se",
    locale: "sv",
    status: "active",
    created_at: "2025-04-14T08:29:50.118441Z",
    updated_at: "2025-04-20T13:02:37.551906Z",
    custom_data: { företag: "Kaffekoppen AB", anteckning: "Bästa kund ☕ — 東京支店 🚀" },
    import_meta: null,
    marketing_consent: false,
  };
}

function buildPaddleVectors() {
  const secret = "pdl_ntfset_01jr4k7v9m2q8w3x5z6b1c0d7e_Qm7vT2xR9pLs4Kd8Wn3Hf6Jb1Yc5Ze0A";
  const vectors = [];
  const add = (name, eventLabel, eventType, occurredAt, data, delaySeconds) => {
    const body = paddleBody({
      eventId: paddleId("evt", eventLabel),
      eventType,
      occurredAt,
      notificationId: paddleId("ntf", eventLabel),
      data,
    });
    vectors.push(paddleVector({ name, secret, ts: unixSeconds(occurredAt) + delaySeconds, body }));
  };
  add("transaction-completed", "transaction-completed-1", "transaction.completed", "2025-04-14T08:31:10.208665Z", paddleTransaction({ status: "completed", updatedAt: "2025-04-14T08:31:10.208665Z" }), 1);
  add("subscription-created", "subscription-created-1", "subscription.created", "2025-04-14T08:31:09.902318Z", paddleSubscription(), 1);
  add("customer-updated-non-ascii-utf8", "customer-updated-1", "customer.updated", "2025-04-20T13:02:37.632005Z", paddleCustomer(), 2);

  // Secret rotation: Paddle can send more than one h1. The SDK only keeps the LAST h1, so the
  // current signature goes last; the first h1 is the HMAC with the previous (rotated-out) secret.
  {
    const occurredAt = "2025-04-14T08:31:08.771482Z";
    const body = paddleBody({
      eventId: paddleId("evt", "transaction-paid-1"),
      eventType: "transaction.paid",
      occurredAt,
      notificationId: paddleId("ntf", "transaction-paid-1"),
      data: paddleTransaction({ status: "paid", updatedAt: occurredAt }),
    });
    const ts = unixSeconds(occurredAt) + 1;
    const previousSecret = "pdl_ntfset_01jr4k7v9m2q8w3x5z6b1c0d7e_OLDsecretRotatedOut0000000000000000";
    const signature = `ts=${ts};h1=${paddleSign(previousSecret, ts, body)};h1=${paddleSign(secret, ts, body)}`;
    vectors.push(paddleVector({ name: "transaction-paid-two-h1-rotated-secret", secret, ts, body, signature }));
  }
  return vectors;
}

// Documents the SDK's handling of two h1 values: with the correct one FIRST it is rejected.
async function checkPaddleTwoH1Order(v) {
  const [tsPart, wrong, right] = v.headers["Paddle-Signature"].split(";");
  check(wrong !== right, `${v.name}: the two h1 values are equal`);
  await expectFailure(
    () => paddleUnmarshal({ secret: v.secret, body: v.body, signature: [tsPart, right, wrong].join(";"), at: v.now }),
    "[Paddle] Webhook signature verification failed",
    `${v.name}: SDK now accepts the correct h1 in first position; update the header comment`,
  );
}

// ---------------------------------------------------------------------------
// Linear
// ---------------------------------------------------------------------------

const linearSource = `produced: node:crypto hex HMAC-SHA256 of the body; verified: @linear/sdk npm ${LINEAR_VERSION} LinearWebhookClient#verify (@linear/sdk/webhooks)`;

function linearVector({ name, secret, delivery, payload }) {
  const body = JSON.stringify(payload);
  return {
    name,
    source: linearSource,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "Linear-Delivery": delivery,
      "Linear-Event": payload.type,
      "Linear-Signature": hmacHex(secret, body),
    },
    now: Math.floor(payload.webhookTimestamp / 1000),
    valid: true,
    eventId: delivery,
    eventType: `${payload.type}.${payload.action}`,
  };
}

function linearVerify({ secret, body, signature, at, timestampArg }) {
  return atUnixTime(at, () => new LinearWebhookClient(secret).verify(Buffer.from(body, "utf8"), signature, timestampArg));
}

async function checkLinear(v) {
  const parsed = JSON.parse(v.body);
  const signature = v.headers["Linear-Signature"];
  check(v.now === Math.floor(parsed.webhookTimestamp / 1000), `${v.name}: now is not webhookTimestamp / 1000`);
  check(v.eventId === v.headers["Linear-Delivery"] && v.headers["Linear-Event"] === parsed.type, `${v.name}: header mismatch`);
  check(v.eventType === `${parsed.type}.${parsed.action}`, `${v.name}: eventType mismatch`);
  check(signature === hmacHex(v.secret, v.body), `${v.name}: signature is not the HMAC`);
  check((await linearVerify({ secret: v.secret, body: v.body, signature, at: v.now, timestampArg: parsed.webhookTimestamp })) === true, `${v.name}: verify did not return true`);
  // The timestamp argument is ignored: only the signed body's webhookTimestamp counts.
  check((await linearVerify({ secret: v.secret, body: v.body, signature, at: v.now, timestampArg: 0 })) === true, `${v.name}: verify used its timestamp argument`);
  const data = await atUnixTime(v.now, () => new LinearWebhookClient(v.secret).parseData(Buffer.from(v.body, "utf8"), signature));
  check(data.type === parsed.type && data.action === parsed.action && data.webhookId === parsed.webhookId, `${v.name}: parseData mismatch`);
  await expectFailure(() => linearVerify({ secret: v.secret, body: v.body + " ", signature, at: v.now }), "Invalid webhook signature", `${v.name}: tampered body accepted`);
  await expectFailure(() => linearVerify({ secret: v.secret + "x", body: v.body, signature, at: v.now }), "Invalid webhook signature", `${v.name}: wrong secret accepted`);
  await expectFailure(() => linearVerify({ secret: v.secret, body: v.body, signature, at: v.now + 120 }), "Invalid webhook timestamp", `${v.name}: 2 min stale accepted`);
  await expectFailure(() => linearVerify({ secret: v.secret, body: v.body, signature, at: v.now - 120 }), "Invalid webhook timestamp", `${v.name}: 2 min early accepted`);
}

const LINEAR = {
  org: uuidFrom("linear:organization"),
  team: { id: uuidFrom("linear:team-whh"), key: "WHH", name: "WebhookHub" },
  jenny: { id: uuidFrom("linear:user-jenny"), name: "Jenny Rosen", email: "jenny.rosen@example.com", url: "https://linear.app/webhookhub/profiles/jenny", type: "user" },
  kenji: { id: uuidFrom("linear:user-kenji"), name: "Kenji Watanabe", email: "kenji.watanabe@example.com", url: "https://linear.app/webhookhub/profiles/kenji", type: "user" },
  stateTodo: { id: uuidFrom("linear:state-todo"), color: "#e2e2e2", name: "Todo", type: "unstarted" },
  stateInProgress: { id: uuidFrom("linear:state-in-progress"), color: "#f2c94c", name: "In Progress", type: "started" },
  labelBug: { id: uuidFrom("linear:label-bug"), color: "#eb5757", name: "Bug" },
  webhookId: uuidFrom("linear:webhook-1"),
};

function linearIssue({ state, updatedAt, extra = {} }) {
  const id = uuidFrom("linear:issue-142");
  return {
    id,
    createdAt: "2025-05-06T09:14:22.517Z",
    updatedAt,
    number: 142,
    title: "Retry queue drops deliveries larger than 256 KB",
    priority: 2,
    estimate: 3,
    boardOrder: 0,
    sortOrder: -2841.37,
    prioritySortOrder: -2841.37,
    startedAt: state.type === "started" ? updatedAt : null,
    labelIds: [LINEAR.labelBug.id],
    teamId: LINEAR.team.id,
    previousIdentifiers: [],
    creatorId: LINEAR.jenny.id,
    assigneeId: LINEAR.kenji.id,
    stateId: state.id,
    priorityLabel: "High",
    botActor: null,
    identifier: "WHH-142",
    url: "https://linear.app/webhookhub/issue/WHH-142/retry-queue-drops-deliveries-larger-than-256-kb",
    subscriberIds: [LINEAR.jenny.id, LINEAR.kenji.id],
    assignee: { id: LINEAR.kenji.id, name: LINEAR.kenji.name, email: LINEAR.kenji.email, url: LINEAR.kenji.url },
    state: state,
    team: LINEAR.team,
    labels: [LINEAR.labelBug],
    description: "Deliveries over 256 KB are acknowledged but never reach the retry queue. Repro: send a 300 KB payload and force a 503.",
    ...extra,
  };
}

function linearEnvelope({ action, actor, createdAt, data, url, type, webhookTimestamp, updatedFrom }) {
  const payload = { action, actor, createdAt, data };
  if (updatedFrom) payload.updatedFrom = updatedFrom;
  return { ...payload, url, type, organizationId: LINEAR.org, webhookTimestamp, webhookId: LINEAR.webhookId };
}

function buildLinearVectors() {
  const secret = "lin_wh_Xq8vN2kT5rB9mZ3pL7cW1hF6dY4sJ0gA";
  const issueUrl = "https://linear.app/webhookhub/issue/WHH-142/retry-queue-drops-deliveries-larger-than-256-kb";
  const vectors = [];

  vectors.push(
    linearVector({
      name: "issue-create",
      secret,
      delivery: uuidFrom("linear:delivery-issue-create"),
      payload: linearEnvelope({
        action: "create",
        actor: LINEAR.jenny,
        createdAt: "2025-05-06T09:14:22.517Z",
        data: linearIssue({ state: LINEAR.stateTodo, updatedAt: "2025-05-06T09:14:22.517Z" }),
        url: issueUrl,
        type: "Issue",
        webhookTimestamp: 1746522862731,
      }),
    }),
  );

  vectors.push(
    linearVector({
      name: "issue-update-state",
      secret,
      delivery: uuidFrom("linear:delivery-issue-update"),
      payload: linearEnvelope({
        action: "update",
        actor: LINEAR.kenji,
        createdAt: "2025-05-06T10:02:48.093Z",
        data: linearIssue({ state: LINEAR.stateInProgress, updatedAt: "2025-05-06T10:02:48.093Z" }),
        url: issueUrl,
        type: "Issue",
        webhookTimestamp: 1746525768304,
        updatedFrom: { updatedAt: "2025-05-06T09:14:22.517Z", stateId: LINEAR.stateTodo.id, startedAt: null },
      }),
    }),
  );

  // Contains non-ASCII UTF-8: accents, a dash, CJK and an astral-plane emoji.
  {
    const commentId = uuidFrom("linear:comment-1");
    vectors.push(
      linearVector({
        name: "comment-create-non-ascii-utf8",
        secret,
        delivery: uuidFrom("linear:delivery-comment-create"),
        payload: linearEnvelope({
          action: "create",
          actor: LINEAR.kenji,
          createdAt: "2025-05-06T10:05:11.642Z",
          data: {
            id: commentId,
            createdAt: "2025-05-06T10:05:11.642Z",
            updatedAt: "2025-05-06T10:05:11.642Z",
            body: "Reproduziert – die Größe wird vor dem Enqueue geprüft. 修正しました 👍 Déjà vu: same bug as WHH-97.",
            issueId: uuidFrom("linear:issue-142"),
            userId: LINEAR.kenji.id,
            reactionData: [],
            user: { id: LINEAR.kenji.id, name: LINEAR.kenji.name, email: LINEAR.kenji.email, url: LINEAR.kenji.url },
            issue: { id: uuidFrom("linear:issue-142"), title: "Retry queue drops deliveries larger than 256 KB", teamId: LINEAR.team.id, team: LINEAR.team, identifier: "WHH-142", url: issueUrl },
          },
          url: `${issueUrl}#comment-${commentId.slice(0, 8)}`,
          type: "Comment",
          webhookTimestamp: 1746525911987,
        }),
      }),
    );
  }

  vectors.push(
    linearVector({
      name: "issue-remove",
      secret,
      delivery: uuidFrom("linear:delivery-issue-remove"),
      payload: linearEnvelope({
        action: "remove",
        actor: LINEAR.jenny,
        createdAt: "2025-05-07T15:40:03.218Z",
        data: linearIssue({
          state: LINEAR.stateInProgress,
          updatedAt: "2025-05-07T15:40:03.218Z",
          extra: { archivedAt: "2025-05-07T15:40:03.218Z", trashed: true },
        }),
        url: issueUrl,
        type: "Issue",
        webhookTimestamp: 1746632403455,
      }),
    }),
  );
  return vectors;
}

// ---------------------------------------------------------------------------
// Razorpay
// ---------------------------------------------------------------------------

const razorpaySource = `produced: node:crypto hex HMAC-SHA256 of the body; verified: razorpay npm ${RAZORPAY_VERSION} Razorpay.validateWebhookSignature`;
const RAZORPAY_ACCOUNT = razorpayId("acc", "account-1");

function razorpayVector({ name, secret, eventLabel, payload }) {
  const body = JSON.stringify(payload);
  const eventId = razorpayId("", eventLabel);
  return {
    name,
    source: razorpaySource,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Razorpay-Signature": hmacHex(secret, body),
      "x-razorpay-event-id": eventId,
    },
    now: payload.created_at,
    valid: true,
    eventId,
    eventType: payload.event,
  };
}

async function checkRazorpay(v) {
  const parsed = JSON.parse(v.body);
  const signature = v.headers["X-Razorpay-Signature"];
  check(signature === hmacHex(v.secret, v.body), `${v.name}: signature is not the HMAC`);
  check(Razorpay.validateWebhookSignature(v.body, signature, v.secret) === true, `${v.name}: validateWebhookSignature rejected the vector`);
  check(Razorpay.validateWebhookSignature(Buffer.from(v.body, "utf8"), signature, v.secret) === true, `${v.name}: rejected as a Buffer`);
  check(v.eventId === v.headers["x-razorpay-event-id"] && v.eventType === parsed.event, `${v.name}: eventId/eventType mismatch`);
  check(parsed.entity === "event" && parsed.account_id === RAZORPAY_ACCOUNT && v.now === parsed.created_at, `${v.name}: envelope mismatch`);
  check(parsed.contains.every((k) => parsed.payload[k] && parsed.payload[k].entity), `${v.name}: contains/payload mismatch`);
  await expectFailure(() => Razorpay.validateWebhookSignature(v.body + " ", signature, v.secret), "returned false", `${v.name}: tampered body accepted`);
  await expectFailure(() => Razorpay.validateWebhookSignature(v.body, signature, v.secret + "x"), "returned false", `${v.name}: wrong secret accepted`);
}

function razorpayPayment({ label, amount, method, status, createdAt, orderId = null, extra = {}, notes = [] }) {
  const fee = Math.round(amount * 0.02);
  const tax = Math.round(fee * 0.18);
  return {
    id: razorpayId("pay", label),
    entity: "payment",
    amount,
    currency: "INR",
    status,
    order_id: orderId,
    invoice_id: null,
    international: false,
    method,
    amount_refunded: 0,
    refund_status: null,
    captured: true,
    description: "WebhookHub Pro subscription",
    card_id: null,
    bank: null,
    wallet: null,
    vpa: null,
    email: "gaurav.kumar@example.com",
    contact: "+919876543210",
    notes,
    fee: fee + tax,
    tax,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: {},
    created_at: createdAt,
    ...extra,
  };
}

function razorpayCardPayment(label, amount, createdAt, orderId) {
  const cardId = razorpayId("card", label);
  return razorpayPayment({
    label,
    amount,
    method: "card",
    status: "captured",
    createdAt,
    orderId,
    extra: {
      card_id: cardId,
      card: { id: cardId, entity: "card", name: "Gaurav Kumar", last4: "1111", network: "Visa", type: "debit", issuer: "HDFC", international: false, emi: false, sub_type: "consumer", token_iin: null },
      acquirer_data: { auth_code: "064381", arn: null, rrn: null },
    },
  });
}

function buildRazorpayVectors() {
  const secret = "rzp-whk-Vectors_2025!q8Tz";
  const vectors = [];

  {
    const createdAt = 1747118406;
    vectors.push(
      razorpayVector({
        name: "payment-captured-card",
        secret,
        eventLabel: "event-payment-captured-card",
        payload: {
          entity: "event",
          account_id: RAZORPAY_ACCOUNT,
          event: "payment.captured",
          contains: ["payment"],
          payload: { payment: { entity: razorpayCardPayment("card-1", 149900, createdAt - 7, razorpayId("order", "order-1")) } },
          created_at: createdAt,
        },
      }),
    );
  }

  {
    const createdAt = 1747118407;
    const orderId = razorpayId("order", "order-1");
    vectors.push(
      razorpayVector({
        name: "order-paid",
        secret,
        eventLabel: "event-order-paid",
        payload: {
          entity: "event",
          account_id: RAZORPAY_ACCOUNT,
          event: "order.paid",
          contains: ["payment", "order"],
          payload: {
            payment: { entity: razorpayCardPayment("card-1", 149900, createdAt - 8, orderId) },
            order: {
              entity: { id: orderId, entity: "order", amount: 149900, amount_paid: 149900, amount_due: 0, currency: "INR", receipt: "rcpt_whh_1042", offer_id: null, status: "paid", attempts: 1, notes: [], created_at: createdAt - 95 },
            },
          },
          created_at: createdAt,
        },
      }),
    );
  }

  // Contains non-ASCII UTF-8: Devanagari, Kannada, the rupee sign and an astral-plane emoji.
  {
    const createdAt = 1747204832;
    const payment = razorpayPayment({
      label: "upi-1",
      amount: 49900,
      method: "upi",
      status: "captured",
      createdAt: createdAt - 5,
      notes: { customer_name: "गौरव कुमार", city: "ಬೆಂಗಳೂರು", remark: "धन्यवाद 🙏 ₹499 मासिक योजना" },
      extra: {
        description: "WebhookHub Starter – मासिक",
        vpa: "gaurav.kumar@okhdfcbank",
        upi: { payer_account_type: "bank_account", vpa: "gaurav.kumar@okhdfcbank" },
        acquirer_data: { rrn: "513409876543", upi_transaction_id: "HDF6C1A9E0B2D4F8A7C3E5B1D9F0A2C4" },
      },
    });
    vectors.push(
      razorpayVector({
        name: "payment-captured-upi-non-ascii-utf8",
        secret,
        eventLabel: "event-payment-captured-upi",
        payload: { entity: "event", account_id: RAZORPAY_ACCOUNT, event: "payment.captured", contains: ["payment"], payload: { payment: { entity: payment } }, created_at: createdAt },
      }),
    );
  }

  {
    const createdAt = 1747387215;
    const payment = razorpayCardPayment("card-2", 49900, 1747204120, null);
    payment.status = "refunded";
    payment.amount_refunded = 49900;
    payment.refund_status = "full";
    vectors.push(
      razorpayVector({
        name: "refund-processed",
        secret,
        eventLabel: "event-refund-processed",
        payload: {
          entity: "event",
          account_id: RAZORPAY_ACCOUNT,
          event: "refund.processed",
          contains: ["refund", "payment"],
          payload: {
            refund: {
              entity: { id: razorpayId("rfnd", "refund-1"), entity: "refund", amount: 49900, currency: "INR", payment_id: payment.id, notes: { reason: "duplicate charge" }, receipt: null, acquirer_data: { arn: "74836415136000000021045" }, created_at: createdAt - 3, batch_id: null, status: "processed", speed_processed: "normal", speed_requested: "normal" },
            },
            payment: { entity: payment },
          },
          created_at: createdAt,
        },
      }),
    );
  }
  return vectors;
}

// ---------------------------------------------------------------------------
// Coinbase Commerce
// ---------------------------------------------------------------------------

const coinbaseSource = `produced: coinbase-commerce-node npm ${COINBASE_VERSION} Webhook.computeSignature (= node:crypto hex HMAC-SHA256 of the body); verified: coinbase-commerce-node npm ${COINBASE_VERSION} Webhook.verifyEventBody`;

function coinbaseVector({ name, secret, payload }) {
  const body = JSON.stringify(payload);
  const signature = CoinbaseWebhook.computeSignature(body, secret);
  check(signature === hmacHex(secret, body), `${name}: computeSignature differs from node:crypto`);
  return {
    name,
    source: coinbaseSource,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-CC-Webhook-Signature": signature,
    },
    now: unixSeconds(payload.scheduled_for),
    valid: true,
    eventId: payload.event.id,
    eventType: payload.event.type,
  };
}

async function checkCoinbase(v) {
  const parsed = JSON.parse(v.body);
  const signature = v.headers["X-CC-Webhook-Signature"];
  const event = CoinbaseWebhook.verifyEventBody(v.body, signature, v.secret);
  check(CoinbaseWebhook.verifySigHeader(v.body, signature, v.secret) === true, `${v.name}: verifySigHeader rejected the vector`);
  check(event.id === v.eventId && v.eventId === parsed.event.id, `${v.name}: eventId mismatch`);
  check(event.type === v.eventType && v.eventType === parsed.event.type, `${v.name}: eventType mismatch`);
  check(event.api_version === "2018-03-22" && parsed.attempt_number === 1 && v.now === unixSeconds(parsed.scheduled_for), `${v.name}: envelope mismatch`);
  const mismatch = "No signatures found matching the expected signature";
  await expectFailure(() => CoinbaseWebhook.verifyEventBody(v.body + " ", signature, v.secret), mismatch, `${v.name}: tampered body accepted`);
  await expectFailure(() => CoinbaseWebhook.verifyEventBody(v.body, signature, v.secret + "x"), mismatch, `${v.name}: wrong secret accepted`);
}

function coinbaseCharge({ label, code, name, description, amount, createdAt, expiresAt, timeline, metadata, payments = [] }) {
  return {
    id: uuidFrom(`coinbase:charge:${label}`),
    code,
    name,
    description,
    pricing_type: "fixed_price",
    pricing: { local: { amount, currency: "USD" }, settlement: { amount, currency: "USDC" } },
    metadata,
    timeline,
    payments,
    redirects: { cancel_url: "https://webhookhub.example/billing/cancel", success_url: "https://webhookhub.example/billing/success", will_redirect_after_success: true },
    hosted_url: `https://commerce.coinbase.com/pay/${uuidFrom(`coinbase:charge:${label}`)}`,
    charge_kind: "WEB3",
    organization_name: "WebhookHub",
    support_email: "billing@webhookhub.example",
    brand_color: "#122332",
    brand_logo_url: "",
    collected_email: true,
    created_at: createdAt,
    expires_at: expiresAt,
  };
}

function coinbasePayment(label, amount, time, status) {
  return {
    network: "base",
    transaction_id: "0x" + sha256(`coinbase:tx:${label}`).toString("hex"),
    status,
    detected_at: time,
    value: { local: { amount, currency: "USD" }, crypto: { amount, currency: "USDC" } },
    payer_addresses: ["0x" + sha256(`coinbase:payer:${label}`).toString("hex").slice(0, 40)],
  };
}

function coinbaseEnvelope({ label, scheduledFor, type, createdAt, data }) {
  return {
    id: uuidFrom(`coinbase:notification:${label}`),
    scheduled_for: scheduledFor,
    attempt_number: 1,
    event: { id: uuidFrom(`coinbase:event:${label}`), resource: "event", type, api_version: "2018-03-22", created_at: createdAt, data },
  };
}

function buildCoinbaseVectors() {
  const secret = "6f1e3c8a-2b7d-4e95-a0c4-9d8b7e6f5a41";
  const vectors = [];
  const plan = { name: "WebhookHub Pro (annual)", description: "12 months of WebhookHub Pro" };
  const metadata = { customer_id: "cus_whh_1042", workspace_id: "ws_7f3c2a" };

  vectors.push(
    coinbaseVector({
      name: "charge-created",
      secret,
      payload: coinbaseEnvelope({
        label: "charge-created",
        scheduledFor: "2025-06-02T11:20:05Z",
        type: "charge:created",
        createdAt: "2025-06-02T11:20:04Z",
        data: coinbaseCharge({ label: "pro-annual", code: "K7QW2M9X", ...plan, amount: "290.00", createdAt: "2025-06-02T11:20:04Z", expiresAt: "2025-06-02T12:20:04Z", timeline: [{ time: "2025-06-02T11:20:04Z", status: "NEW" }], metadata }),
      }),
    }),
  );

  vectors.push(
    coinbaseVector({
      name: "charge-confirmed",
      secret,
      payload: coinbaseEnvelope({
        label: "charge-confirmed",
        scheduledFor: "2025-06-02T11:27:41Z",
        type: "charge:confirmed",
        createdAt: "2025-06-02T11:27:40Z",
        data: coinbaseCharge({
          label: "pro-annual",
          code: "K7QW2M9X",
          ...plan,
          amount: "290.00",
          createdAt: "2025-06-02T11:20:04Z",
          expiresAt: "2025-06-02T12:20:04Z",
          timeline: [
            { time: "2025-06-02T11:20:04Z", status: "NEW" },
            { time: "2025-06-02T11:26:52Z", status: "SIGNED" },
            { time: "2025-06-02T11:27:03Z", status: "PENDING" },
            { time: "2025-06-02T11:27:40Z", status: "COMPLETED" },
          ],
          metadata,
          payments: [coinbasePayment("pro-annual", "290.00", "2025-06-02T11:27:03Z", "CONFIRMED")],
        }),
      }),
    }),
  );

  // Contains non-ASCII UTF-8: Nordic and German letters, a dash, CJK and an astral-plane emoji.
  vectors.push(
    coinbaseVector({
      name: "charge-pending-non-ascii-utf8",
      secret,
      payload: coinbaseEnvelope({
        label: "charge-pending",
        scheduledFor: "2025-06-03T08:45:19Z",
        type: "charge:pending",
        createdAt: "2025-06-03T08:45:18Z",
        data: coinbaseCharge({
          label: "team-monthly",
          code: "P3HD8V2R",
          name: "WebhookHub Team – månadsvis",
          description: "Größere Limits für Ihr Team ☕ 東京チーム向け 🚀",
          amount: "49.00",
          createdAt: "2025-06-03T08:40:02Z",
          expiresAt: "2025-06-03T09:40:02Z",
          timeline: [
            { time: "2025-06-03T08:40:02Z", status: "NEW" },
            { time: "2025-06-03T08:44:57Z", status: "SIGNED" },
            { time: "2025-06-03T08:45:18Z", status: "PENDING" },
          ],
          metadata: { customer_id: "cus_whh_2077", name: "Søren Kierkegård", email: "soren@example.dk" },
          payments: [coinbasePayment("team-monthly", "49.00", "2025-06-03T08:45:18Z", "PENDING")],
        }),
      }),
    }),
  );

  vectors.push(
    coinbaseVector({
      name: "charge-failed",
      secret,
      payload: coinbaseEnvelope({
        label: "charge-failed",
        scheduledFor: "2025-06-04T17:02:11Z",
        type: "charge:failed",
        createdAt: "2025-06-04T17:02:10Z",
        data: coinbaseCharge({
          label: "pro-monthly",
          code: "Z9MB4T6C",
          name: "WebhookHub Pro (monthly)",
          description: "1 month of WebhookHub Pro",
          amount: "29.00",
          createdAt: "2025-06-04T16:02:10Z",
          expiresAt: "2025-06-04T17:02:10Z",
          timeline: [
            { time: "2025-06-04T16:02:10Z", status: "NEW" },
            { time: "2025-06-04T17:02:10Z", status: "EXPIRED" },
          ],
          metadata: { customer_id: "cus_whh_3141", workspace_id: "ws_a91d04" },
        }),
      }),
    }),
  );
  return vectors;
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const paddleVectors = buildPaddleVectors();
const linearVectors = buildLinearVectors();
const razorpayVectors = buildRazorpayVectors();
const coinbaseVectors = buildCoinbaseVectors();

for (const v of paddleVectors) await checkPaddle(v);
await checkPaddleTwoH1Order(paddleVectors.find((v) => v.name === "transaction-paid-two-h1-rotated-secret"));
for (const v of linearVectors) await checkLinear(v);
for (const v of razorpayVectors) await checkRazorpay(v);
for (const v of coinbaseVectors) await checkCoinbase(v);

const outputs = {
  "paddle.json": paddleVectors,
  "linear.json": linearVectors,
  "razorpay.json": razorpayVectors,
  "coinbase.json": coinbaseVectors,
};
for (const [file, vectors] of Object.entries(outputs)) checkShape(file, vectors);
for (const [file, vectors] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
