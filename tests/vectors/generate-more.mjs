// generate-more.mjs: builds WebhookHub's Shopify and Slack webhook signature test
// vectors, checks every vector with the provider's OWN npm library, and writes the
// JSON files next to this script. (generate.mjs does Stripe, GitHub and Standard Webhooks.)
//
//   shopify.json  X-Shopify-Hmac-Sha256 vectors
//                 produced: @shopify/shopify-api test-helpers getHmac (Shopify's own helper,
//                           base64 HMAC-SHA256 of the raw body keyed with the app client secret),
//                           cross-checked against node:crypto
//                 verified: shopify.webhooks.validate({ rawBody, rawRequest, rawResponse }) from
//                           shopifyApi() with the node adapter (@shopify/shopify-api/adapters/node),
//                           given a node:http IncomingMessage / ServerResponse (no socket is opened)
//   slack.json    X-Slack-Signature v0 vectors
//                 produced: node:crypto, "v0=" + hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))
//                           (@slack/bolt has no signing function); one vector is Slack's published
//                           documentation example, whose signature the script must reproduce exactly
//                 verified: @slack/bolt verifySlackRequest, with Date.now pinned to the vector's `now`
//
// Every vector is also checked to FAIL with the same verifier for a tampered body (one space
// appended) and a wrong secret; Slack vectors must also fail 10 minutes after `now`. Note that
// bolt's verifySlackRequest only rejects STALE timestamps; it accepts timestamps in the future.
//
// The output is deterministic: fixed secrets, timestamps and IDs; no Date.now and no
// randomness. A rerun gives byte-identical files as long as the versions pinned in
// package-lock.json are the ones installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-more.mjs
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   plus, for Slack url_verification vectors only, a trailing "challenge" (the string to echo back).
//   now:       unix seconds at which to verify. Slack: the X-Slack-Request-Timestamp.
//              Shopify signatures carry no timestamp; now = X-Shopify-Triggered-At (whole seconds).
//   eventId:   Shopify X-Shopify-Webhook-Id (NOT X-Shopify-Event-Id, which is also sent)
//              Slack body.event_id (event_callback) | trigger_id (slash command) | null (url_verification)
//   eventType: Shopify X-Shopify-Topic, exactly (e.g. "orders/create")
//              Slack body.event.type (event_callback) | "url_verification" | "slash_command"
//
// If a self-check fails, the script throws before it writes anything.

import { createHmac } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import "@shopify/shopify-api/adapters/node";
import { shopifyApi, ApiVersion, LogSeverity } from "@shopify/shopify-api";
import { getHmac as shopifyGetHmac } from "@shopify/shopify-api/test-helpers";
import bolt from "@slack/bolt";

const { verifySlackRequest } = bolt;
const here = dirname(fileURLToPath(import.meta.url));

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const SHOPIFY_API_VERSION_PKG = versionOf("@shopify/shopify-api");
const BOLT_VERSION = versionOf("@slack/bolt");

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

// Passes only if the verifier rejects for the expected reason: Shopify's validate() returns
// { valid: false, reason }, bolt's verifySlackRequest throws an Error with a message.
async function expectFailure(fn, expected, message) {
  let why = null;
  try {
    const result = await fn();
    if (result && typeof result === "object" && result.valid === false) why = String(result.reason);
  } catch (e) {
    why = String(e && e.message);
  }
  check(why !== null, `${message} (accepted)`);
  check(why.includes(expected), `${message} (rejected for another reason: ${why})`);
}

// Runs fn while Date.now() reports the given unix time (verifySlackRequest reads the clock).
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

function checkShape(file, vectors) {
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    const base = "name,source,secret,body,headers,now,valid,eventId,eventType";
    const allowed = file === "slack.json" && v.eventType === "url_verification" ? `${base},challenge` : base;
    check(keys === allowed, `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(v.valid === true, `${file}/${v.name}: valid must be true`);
  }
}

// ---------------------------------------------------------------------------
// Shopify
// ---------------------------------------------------------------------------

const SHOPIFY_API_VERSION = "2025-07";
check(Object.values(ApiVersion).includes(SHOPIFY_API_VERSION), `@shopify/shopify-api has no ApiVersion ${SHOPIFY_API_VERSION}`);
const SHOPIFY_SHOP = "webhookhub-vectors.myshopify.com";
const shopifySource =
  `produced: @shopify/shopify-api npm ${SHOPIFY_API_VERSION_PKG} test-helpers getHmac (= node:crypto base64 HMAC-SHA256); ` +
  `verified: @shopify/shopify-api npm ${SHOPIFY_API_VERSION_PKG} shopify.webhooks.validate with adapters/node`;

function shopifyClient(secret) {
  // No network call is made: webhooks.validate only reads the request headers and raw body.
  return shopifyApi({
    apiKey: "webhookhub-vectors-client-id",
    apiSecretKey: secret,
    apiVersion: SHOPIFY_API_VERSION,
    hostName: "localhost",
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: () => {} },
  });
}

// A node:http request as the node adapter receives it (header names lower-cased, as Node does).
function shopifyRawRequest(headers) {
  const req = new IncomingMessage(new Socket());
  req.method = "POST";
  req.url = "/webhooks/shopify";
  req.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { rawRequest: req, rawResponse: new ServerResponse(req) };
}

function shopifyVector({ name, secret, topic, webhookId, eventId, triggeredAt, body }) {
  const hmac = shopifyGetHmac(body, secret);
  const viaCrypto = createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(body, "utf8")).digest("base64");
  check(hmac === viaCrypto, `${name}: getHmac differs from node:crypto`);
  return {
    name,
    source: shopifySource,
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": SHOPIFY_SHOP,
      "X-Shopify-API-Version": SHOPIFY_API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": triggeredAt,
    },
    now: Math.floor(Date.parse(triggeredAt) / 1000),
    valid: true,
    eventId: webhookId,
    eventType: topic,
  };
}

async function checkShopify(v) {
  const validate = (secret, body) => shopifyClient(secret).webhooks.validate({ rawBody: body, ...shopifyRawRequest(v.headers) });
  const result = await validate(v.secret, v.body);
  check(result.valid === true, `${v.name}: webhooks.validate rejected the vector (${JSON.stringify(result)})`);
  check(result.webhookType === "webhooks", `${v.name}: detected as ${result.webhookType}`);
  check(result.webhookId === v.eventId, `${v.name}: validate returned webhookId ${result.webhookId}`);
  check(result.eventId === v.headers["X-Shopify-Event-Id"] && result.eventId !== v.eventId, `${v.name}: event id mix-up`);
  check(result.topic === v.eventType.toUpperCase().replace(/\//g, "_"), `${v.name}: validate returned topic ${result.topic}`);
  check(result.domain === SHOPIFY_SHOP && result.apiVersion === SHOPIFY_API_VERSION, `${v.name}: domain/apiVersion mismatch`);
  check(result.triggeredAt === v.headers["X-Shopify-Triggered-At"], `${v.name}: triggeredAt mismatch`);
  check(v.eventType === v.headers["X-Shopify-Topic"], `${v.name}: eventType is not the topic`);
  JSON.parse(v.body);
  await expectFailure(() => validate(v.secret, v.body + " "), "invalid_hmac", `${v.name}: tampered body accepted`);
  await expectFailure(() => validate(v.secret + "x", v.body), "invalid_hmac", `${v.name}: wrong secret accepted`);
}

function shopifyOrderCreated() {
  const orderId = 5903842197561;
  const address = {
    first_name: "Jenny",
    address1: "1 Market St",
    phone: "+1 415-555-0100",
    city: "San Francisco",
    zip: "94105",
    province: "California",
    country: "United States",
    last_name: "Rosen",
    address2: "Suite 300",
    company: null,
    latitude: 37.7936,
    longitude: -122.3951,
    name: "Jenny Rosen",
    country_code: "US",
    province_code: "CA",
  };
  return {
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    app_id: 580111,
    browser_ip: "203.0.113.24",
    buyer_accepts_marketing: false,
    cancel_reason: null,
    cancelled_at: null,
    cart_token: "Z2NwLXVzLWNlbnRyYWwxOjAxSlBWN0VYN1o5RzNLNlI",
    checkout_id: 38120655413561,
    checkout_token: "8d0f5a2c3b1e4f6a9c7d2e1b0a3f5c6d",
    closed_at: null,
    confirmation_number: "QK7M2XW4P",
    confirmed: true,
    contact_email: "jenny.rosen@example.com",
    created_at: "2025-03-14T09:26:53-04:00",
    currency: "USD",
    current_subtotal_price: "59.00",
    current_total_discounts: "0.00",
    current_total_price: "68.23",
    current_total_tax: "5.24",
    customer_locale: "en-US",
    discount_codes: [],
    email: "jenny.rosen@example.com",
    estimated_taxes: false,
    financial_status: "paid",
    fulfillment_status: null,
    landing_site: "/",
    name: "#1042",
    note: null,
    note_attributes: [],
    number: 42,
    order_number: 1042,
    order_status_url: "https://webhookhub-vectors.myshopify.com/67120021561/orders/8d0f5a2c3b1e4f6a9c7d2e1b0a3f5c6d/authenticate?key=0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    payment_gateway_names: ["shopify_payments"],
    phone: null,
    presentment_currency: "USD",
    processed_at: "2025-03-14T09:26:52-04:00",
    source_name: "web",
    subtotal_price: "59.00",
    tags: "",
    taxes_included: false,
    test: false,
    token: "8d0f5a2c3b1e4f6a9c7d2e1b0a3f5c6d",
    total_discounts: "0.00",
    total_line_items_price: "59.00",
    total_price: "68.23",
    total_tax: "5.24",
    total_weight: 680,
    updated_at: "2025-03-14T09:26:54-04:00",
    user_id: null,
    billing_address: address,
    customer: {
      id: 7208145797177,
      email: "jenny.rosen@example.com",
      created_at: "2024-11-02T15:10:41-04:00",
      updated_at: "2025-03-14T09:26:53-04:00",
      first_name: "Jenny",
      last_name: "Rosen",
      state: "enabled",
      note: null,
      verified_email: true,
      tax_exempt: false,
      phone: null,
      currency: "USD",
      admin_graphql_api_id: "gid://shopify/Customer/7208145797177",
    },
    line_items: [
      {
        id: 14612094632249,
        admin_graphql_api_id: "gid://shopify/LineItem/14612094632249",
        fulfillable_quantity: 2,
        fulfillment_service: "manual",
        fulfillment_status: null,
        gift_card: false,
        grams: 340,
        name: "Ceramic Mug - Blue",
        price: "24.50",
        product_exists: true,
        product_id: 8839102349625,
        properties: [],
        quantity: 2,
        requires_shipping: true,
        sku: "MUG-BLU-01",
        taxable: true,
        title: "Ceramic Mug",
        total_discount: "0.00",
        variant_id: 47210563567929,
        variant_title: "Blue",
        vendor: "WebhookHub Goods",
        tax_lines: [{ price: "4.35", rate: 0.08875, title: "CA State Tax" }],
      },
      {
        id: 14612094665017,
        admin_graphql_api_id: "gid://shopify/LineItem/14612094665017",
        fulfillable_quantity: 1,
        fulfillment_service: "manual",
        fulfillment_status: null,
        gift_card: false,
        grams: 0,
        name: "Gift Wrap",
        price: "10.00",
        product_exists: true,
        product_id: 8839102382393,
        properties: [{ name: "Message", value: "Happy birthday!" }],
        quantity: 1,
        requires_shipping: false,
        sku: "WRAP-01",
        taxable: true,
        title: "Gift Wrap",
        total_discount: "0.00",
        variant_id: 47210563600697,
        variant_title: null,
        vendor: "WebhookHub Goods",
        tax_lines: [{ price: "0.89", rate: 0.08875, title: "CA State Tax" }],
      },
    ],
    shipping_address: address,
    shipping_lines: [
      {
        id: 4862130831673,
        code: "Standard",
        discounted_price: "3.99",
        price: "3.99",
        source: "shopify",
        title: "Standard",
        tax_lines: [],
      },
    ],
  };
}

// Contains non-ASCII UTF-8: Latin-1 accents, a dash, CJK and an astral-plane emoji.
function shopifyProductUpdated() {
  const productId = 8839102415161;
  const variant = (id, title, option1, option2, sku, price, position) => ({
    id,
    product_id: productId,
    title,
    price,
    position,
    inventory_policy: "deny",
    compare_at_price: null,
    option1,
    option2,
    option3: null,
    created_at: "2025-01-20T11:02:17+01:00",
    updated_at: "2025-03-15T16:45:03+01:00",
    taxable: true,
    barcode: null,
    sku,
    inventory_quantity: 12,
    admin_graphql_api_id: `gid://shopify/ProductVariant/${id}`,
    image_id: null,
  });
  return {
    admin_graphql_api_id: `gid://shopify/Product/${productId}`,
    body_html: "<p>Handgefertigt in Zürich – spülmaschinenfest. 手作りのマグカップ ☕ 🇨🇭</p>",
    created_at: "2025-01-20T11:02:17+01:00",
    handle: "creme-brulee-becher",
    id: productId,
    product_type: "Geschirr",
    published_at: "2025-01-21T08:00:00+01:00",
    template_suffix: null,
    title: "Crème-brûlée-Becher „Größe M“",
    updated_at: "2025-03-15T16:45:03+01:00",
    vendor: "Café Müller & Söhne",
    status: "active",
    published_scope: "global",
    tags: "Geschenk, Küche, Sommer-Aktion",
    variants: [
      variant(47210563633465, "Weiß / M", "Weiß", "M", "CBB-WEI-M", "19.90", 1),
      variant(47210563666233, "Grün / M", "Grün", "M", "CBB-GRU-M", "19.90", 2),
    ],
    options: [
      { name: "Farbe", id: 11120785621305, product_id: productId, position: 1, values: ["Weiß", "Grün"] },
      { name: "Größe", id: 11120785654073, product_id: productId, position: 2, values: ["M"] },
    ],
    images: [],
    image: null,
    media: [],
    variant_gids: [
      { admin_graphql_api_id: "gid://shopify/ProductVariant/47210563633465", updated_at: "2025-03-15T15:45:03.000Z" },
      { admin_graphql_api_id: "gid://shopify/ProductVariant/47210563666233", updated_at: "2025-03-15T15:45:03.000Z" },
    ],
    has_variants_that_requires_components: false,
    category: { admin_graphql_api_id: "gid://shopify/TaxonomyCategory/hg-11-10-7", name: "Mugs", full_name: "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs" },
  };
}

// app/uninstalled carries the Shop resource.
function shopifyAppUninstalled() {
  return {
    id: 67120021561,
    name: "WebhookHub Vectors",
    email: "owner@example.com",
    domain: "shop.example.com",
    province: "California",
    country: "US",
    address1: "1 Market St",
    zip: "94105",
    city: "San Francisco",
    source: null,
    phone: "4155550100",
    latitude: 37.7936,
    longitude: -122.3951,
    primary_locale: "en",
    address2: "Suite 300",
    created_at: "2024-10-01T12:00:00-04:00",
    updated_at: "2025-03-16T10:12:44-04:00",
    country_code: "US",
    country_name: "United States",
    currency: "USD",
    customer_email: "support@example.com",
    timezone: "(GMT-08:00) America/Los_Angeles",
    iana_timezone: "America/Los_Angeles",
    shop_owner: "Jenny Rosen",
    money_format: "${{amount}}",
    money_with_currency_format: "${{amount}} USD",
    weight_unit: "lb",
    province_code: "CA",
    taxes_included: false,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: "Development",
    plan_name: "partner_test",
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: SHOPIFY_SHOP,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "${{amount}}",
    money_with_currency_in_emails_format: "${{amount}} USD",
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: true,
    has_storefront: true,
    finances: true,
    primary_location_id: 73526141241,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: ["USD"],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

// Mandatory privacy (GDPR) webhook; same signing scheme.
function shopifyCustomersRedact() {
  return {
    shop_id: 67120021561,
    shop_domain: SHOPIFY_SHOP,
    customer: { id: 7208145797177, email: "jenny.rosen@example.com", phone: "+14155550100" },
    orders_to_redact: [5903842197561, 5903842230329],
  };
}

async function buildShopifyVectors() {
  const secret = "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";
  // Shopify sends compact JSON (no whitespace), UTF-8 unescaped.
  const specs = [
    ["orders-create", "orders/create", shopifyOrderCreated(), "2025-03-14T13:26:55.123456789Z", 1],
    ["products-update-non-ascii-utf8", "products/update", shopifyProductUpdated(), "2025-03-15T15:45:04.402117931Z", 2],
    ["app-uninstalled", "app/uninstalled", shopifyAppUninstalled(), "2025-03-16T14:12:45Z", 3],
    ["customers-redact", "customers/redact", shopifyCustomersRedact(), "2025-03-17T08:00:01.5Z", 4],
  ];
  const vectors = [];
  for (const [name, topic, payload, triggeredAt, n] of specs) {
    vectors.push(
      shopifyVector({
        name,
        secret,
        topic,
        webhookId: `b54557e4-bdd9-4b37-8a5f-bf7d70bcd04${n}`,
        eventId: `98880550-7158-44d4-b7cd-2c97c8a091b${n}`,
        triggeredAt,
        body: JSON.stringify(payload),
      }),
    );
  }
  check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), "no non-ASCII Shopify body");
  return vectors;
}

// ---------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------

const slackSource = `produced: node:crypto HMAC-SHA256 (Slack v0 scheme); verified: @slack/bolt npm ${BOLT_VERSION} verifySlackRequest`;

function slackSign(secret, timestamp, body) {
  return "v0=" + createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(`v0:${timestamp}:${body}`, "utf8")).digest("hex");
}

function slackVector({ name, source = slackSource, secret, timestamp, body, contentType = "application/json", eventId, eventType, signature }) {
  return {
    name,
    source,
    secret,
    body,
    headers: {
      "Content-Type": contentType,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signature ?? slackSign(secret, timestamp, body),
    },
    now: timestamp,
    valid: true,
    eventId,
    eventType,
  };
}

// Calls bolt's verifier the way bolt's own HTTP receiver does (timestamp as a Number),
// with Date.now pinned to `at` and restored afterwards. Throws on rejection.
function boltVerify({ secret, body, headers, at }) {
  return atUnixTime(at, () =>
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: {
        "x-slack-signature": headers["X-Slack-Signature"],
        "x-slack-request-timestamp": Number(headers["X-Slack-Request-Timestamp"]),
      },
    }),
  );
}

async function checkSlack(v) {
  check(Number(v.headers["X-Slack-Request-Timestamp"]) === v.now, `${v.name}: now is not the request timestamp`);
  check(v.headers["X-Slack-Signature"] === slackSign(v.secret, v.now, v.body), `${v.name}: signature is not the v0 HMAC`);
  boltVerify({ secret: v.secret, body: v.body, headers: v.headers, at: v.now });
  await expectFailure(() => boltVerify({ secret: v.secret, body: v.body + " ", headers: v.headers, at: v.now }), "signature mismatch", `${v.name}: tampered body accepted`);
  await expectFailure(() => boltVerify({ secret: v.secret + "x", body: v.body, headers: v.headers, at: v.now }), "signature mismatch", `${v.name}: wrong secret accepted`);
  await expectFailure(() => boltVerify({ secret: v.secret, body: v.body, headers: v.headers, at: v.now + 600 }), "stale", `${v.name}: timestamp 10 minutes old accepted`);
  if (v.headers["Content-Type"] === "application/json") {
    const parsed = JSON.parse(v.body);
    if (parsed.type === "event_callback") {
      check(v.eventId === parsed.event_id && v.eventType === parsed.event.type, `${v.name}: eventId/eventType mismatch`);
    } else {
      check(parsed.type === "url_verification" && v.eventId === null && v.challenge === parsed.challenge, `${v.name}: url_verification fields`);
    }
  } else {
    const form = new URLSearchParams(v.body);
    check(v.eventId === form.get("trigger_id") && v.eventType === "slash_command" && form.has("command"), `${v.name}: slash command fields`);
  }
}

function slackEventCallback({ teamId, appId, event, eventId, eventTime }) {
  return {
    token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: appId,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: eventTime,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: "U07BOTUSER1", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    // Slack's opaque event_context; here "4-" + base64url of a small JSON object, as Slack's looks.
    event_context: "4-" + Buffer.from(JSON.stringify({ et: event.type, tid: teamId, aid: appId, cid: event.channel })).toString("base64url"),
  };
}

function buildSlackVectors() {
  const secret = "a3f9c2e7b1d84f60e5c9a7b3d2f1e0c8";
  const teamId = "T061EG9R6";
  const appId = "A07WHKHUB01";
  const vectors = [];

  // Published example from Slack's docs; bolt must accept it and node:crypto must reproduce it.
  {
    const docsSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    const docsTimestamp = 1531420618;
    const docsBody =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const docsSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    check(slackSign(docsSecret, docsTimestamp, docsBody) === docsSignature, "Slack docs vector: computed signature differs from the published one");
    vectors.push(
      slackVector({
        name: "slack-docs-published-slash-command",
        source: `published: https://api.slack.com/authentication/verifying-requests-from-slack; reproduced by node:crypto; verified: @slack/bolt npm ${BOLT_VERSION} verifySlackRequest`,
        secret: docsSecret,
        timestamp: docsTimestamp,
        body: docsBody,
        contentType: "application/x-www-form-urlencoded",
        eventId: new URLSearchParams(docsBody).get("trigger_id"),
        eventType: "slash_command",
        signature: docsSignature,
      }),
    );
  }

  // event_callback: message.channels
  {
    const timestamp = 1718035205;
    const body = slackEventCallback({
      teamId,
      appId,
      eventId: "Ev078Q2KJ7NF",
      eventTime: 1718035204,
      event: {
        type: "message",
        user: "U061F7AUR",
        text: "Deploy finished: webhookhub v1.4.2 is live",
        ts: "1718035204.000200",
        client_msg_id: "5d2f1a4b-8c3e-4f7a-9b6d-0e1c2a3b4c5d",
        team: teamId,
        blocks: [
          {
            type: "rich_text",
            block_id: "Xy3Qz",
            elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "Deploy finished: webhookhub v1.4.2 is live" }] }],
          },
        ],
        channel: "C0LAN2Q65",
        event_ts: "1718035204.000200",
        channel_type: "channel",
      },
    });
    vectors.push(slackVector({ name: "event-callback-message-channels", secret, timestamp, body: JSON.stringify(body), eventId: body.event_id, eventType: body.event.type }));
  }

  // event_callback: app_mention with non-ASCII text (accents, CJK, emoji), sent as raw UTF-8.
  {
    const timestamp = 1718035390;
    const text = "<@U07BOTUSER1> Grüße aus Köln! 今日のデプロイは？ 🚀 naïve café — ok";
    const body = slackEventCallback({
      teamId,
      appId,
      eventId: "Ev078Q3MZP2H",
      eventTime: 1718035389,
      event: {
        type: "app_mention",
        user: "U061F7AUR",
        text,
        ts: "1718035389.001900",
        client_msg_id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        team: teamId,
        blocks: [
          {
            type: "rich_text",
            block_id: "k9Wq1",
            elements: [
              {
                type: "rich_text_section",
                elements: [
                  { type: "user", user_id: "U07BOTUSER1" },
                  { type: "text", text: " Grüße aus Köln! 今日のデプロイは？ " },
                  { type: "emoji", name: "rocket", unicode: "1f680" },
                  { type: "text", text: " naïve café — ok" },
                ],
              },
            ],
          },
        ],
        channel: "C0LAN2Q65",
        event_ts: "1718035389.001900",
      },
    });
    vectors.push(slackVector({ name: "event-callback-app-mention-non-ascii-utf8", secret, timestamp, body: JSON.stringify(body), eventId: body.event_id, eventType: body.event.type }));
  }

  // url_verification handshake: the endpoint must echo `challenge`.
  {
    const timestamp = 1718034000;
    const challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
    const body = { token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge, type: "url_verification" };
    vectors.push({
      ...slackVector({ name: "url-verification", secret, timestamp, body: JSON.stringify(body), eventId: null, eventType: "url_verification" }),
      challenge,
    });
  }

  check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), "no non-ASCII Slack body");
  return vectors;
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const shopifyVectors = await buildShopifyVectors();
const slackVectors = buildSlackVectors();

for (const v of shopifyVectors) await checkShopify(v);
for (const v of slackVectors) await checkSlack(v);

const outputs = {
  "shopify.json": shopifyVectors,
  "slack.json": slackVectors,
};
for (const [file, vectors] of Object.entries(outputs)) checkShape(file, vectors);
for (const [file, vectors] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
