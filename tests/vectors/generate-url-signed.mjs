// generate-url-signed.mjs: builds WebhookHub's vectors for the providers that sign the request URL
// (Twilio, Square, HubSpot), checks every vector with the provider's OWN npm library, and writes
// the JSON files next to this script. (generate-paypal.mjs does PayPal.)
//
//   twilio.json   X-Twilio-Signature = base64(HMAC-SHA1(auth token, URL + sorted form params))
//                 produced: twilio getExpectedTwilioSignature(authToken, signedUrl, params), with
//                           params = querystring.parse(body) as express.urlencoded() gives them, or
//                           {} for JSON bodies, whose URL carries bodySHA256 = getExpectedBodyHash(body)
//                 verified: twilio validateRequest(authToken, signature, requestUrl, params), or
//                           validateRequestWithBody(authToken, signature, requestUrl, body) for JSON.
//                           Some vectors are signed over another spelling of the URL than the one
//                           requested (":443" added, "'" escaped, the query re-encoded by Node's
//                           querystring), which validateRequest accepts: they pin those quirks.
//                 The "docs-example" vector is Twilio's documentation example (auth token 12345,
//                 https://mycompany.com/myapp.php?foo=1&bar=2), which the library must reproduce.
//   square.json   x-square-hmacsha256-signature = base64(HMAC-SHA256(signature key, notification URL + body))
//                 produced: node:crypto (the square package has no signing function); one vector is the
//                           fixed vector of Square's SDK test suites, which node:crypto must reproduce
//                 verified: square WebhooksHelper.verifySignature({ requestBody, signatureHeader,
//                           signatureKey, notificationUrl }) (async)
//   hubspot.json  X-HubSpot-Signature v1 = hex(SHA-256(client secret + body)),
//                 v2 = hex(SHA-256(client secret + method + URI + body)),
//                 X-HubSpot-Signature-v3 = base64(HMAC-SHA256(client secret, method + URI + body + timestamp ms))
//                 produced: @hubspot/api-client Signature.getSignature(method, version, options); the v1
//                           and v2 documentation examples must be reproduced exactly
//                 verified: @hubspot/api-client Signature.isValid(...), with Date.now pinned for v3.
//                 HubSpot's docs say the v3 URI is signed with %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A
//                 %2C %3B decoded; the library does not decode (it takes the URI as given), so the
//                 vectors pass it the decoded URI and record the encoded URL as requested.
//
// Every vector is also checked to FAIL with the same verifier for a tampered body (one space
// appended) and a wrong secret; HubSpot v3 vectors also 6 minutes after `now`.
//
// The output is deterministic: fixed secrets, timestamps and IDs (IDs are derived from fixed
// labels with SHA-256); no Date.now and no randomness. A rerun gives byte-identical files as long
// as the versions pinned in package-lock.json are the ones installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-url-signed.mjs     (or: npm run generate-url-signed)
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType, url }
//   url:       the absolute URL the provider called, percent-encoded as on the wire (method: POST).
//   now:       unix seconds at which to verify (HubSpot v3: the request timestamp, in seconds).
//   eventId:   Twilio I-Twilio-Idempotency-Token | "{Sid}:{status}[:{SequenceNumber}]" | JSON id | SHA-256 of body
//              Square body.event_id
//              HubSpot "{portalId}:{subscriptionId}:{eventId}" | "batch:" + SHA-256 of those keys | SHA-256 of body
//   eventType: Twilio "message.{status}" | "call.{status}" | JSON type | null
//              Square body.type
//              HubSpot the events' common subscriptionType | null
//
// If a self-check fails, the script throws before it writes anything.

import { createHash, createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseQuery } from "node:querystring";
import { fileURLToPath } from "node:url";

import twilio from "twilio";
import { WebhooksHelper } from "square";
import hubspot from "@hubspot/api-client";

const { Signature } = hubspot;
const here = dirname(fileURLToPath(import.meta.url));

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const TWILIO_VERSION = versionOf("twilio");
const SQUARE_VERSION = versionOf("square");
const HUBSPOT_VERSION = versionOf("@hubspot/api-client");

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// A fixed identifier of `length` hex characters derived from a label.
function hexId(label, length = 32) {
  return sha256Hex(label).slice(0, length);
}

// Runs fn while Date.now() reports the given unix time in milliseconds.
function atUnixMillis(ms, fn) {
  const realNow = Date.now;
  Date.now = () => ms;
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
  check(vectors.length >= 3, `${file}: fewer than 3 vectors`);
  // Form bodies are percent-encoded on the wire: look at their decoded text.
  const text = (v) => (v.headers["Content-Type"] === "application/x-www-form-urlencoded" ? decodeURIComponent(v.body.replace(/\+/g, " ")) : v.body);
  check(vectors.some((v) => /[^\x00-\x7f]/.test(text(v))), `${file}: no non-ASCII body`);
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    check(keys === "name,source,secret,body,headers,now,valid,eventId,eventType,url", `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(v.valid === true, `${file}/${v.name}: valid must be true`);
    check(typeof v.eventId === "string" && v.eventId.length > 0, `${file}/${v.name}: eventId`);
    check(v.eventType === null || (typeof v.eventType === "string" && v.eventType.length > 0), `${file}/${v.name}: eventType`);
    check(/^https:\/\/[^\s]+$/.test(v.url) && !/[^\x21-\x7e]/.test(v.url), `${file}/${v.name}: url must be percent-encoded https`);
  }
}

const HOOKS = "https://hooks.webhookhub.example/api/webhooks";

// ---------------------------------------------------------------------------
// Twilio
// ---------------------------------------------------------------------------

const TWILIO_DOCS_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const twilioSource = `produced: twilio npm ${TWILIO_VERSION} getExpectedTwilioSignature; verified: twilio npm ${TWILIO_VERSION} validateRequest`;
const twilioJsonSource = `produced: twilio npm ${TWILIO_VERSION} getExpectedBodyHash + getExpectedTwilioSignature; verified: twilio npm ${TWILIO_VERSION} validateRequestWithBody`;

function formBody(pairs) {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

// requestUrl: what Twilio called (and WebhookHub sees); signedUrl: the spelling Twilio signed.
function twilioFormVector({ name, source = twilioSource, secret, requestUrl, signedUrl = requestUrl, pairs, idempotencyToken, now, eventId, eventType }) {
  const body = formBody(pairs);
  const signature = twilio.getExpectedTwilioSignature(secret, signedUrl, parseQuery(body));
  const headers = { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature };
  if (idempotencyToken) headers["I-Twilio-Idempotency-Token"] = idempotencyToken;
  return { name, source, secret, body, headers, now, valid: true, eventId, eventType, url: requestUrl };
}

function twilioJsonVector({ name, secret, baseUrl, payload, idempotencyToken, now, eventId, eventType }) {
  const body = JSON.stringify(payload);
  const url = `${baseUrl}${baseUrl.includes("?") ? "&" : "?"}bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  const signature = twilio.getExpectedTwilioSignature(secret, url, {});
  const headers = { "Content-Type": "application/json", "X-Twilio-Signature": signature };
  if (idempotencyToken) headers["I-Twilio-Idempotency-Token"] = idempotencyToken;
  return { name, source: twilioJsonSource, secret, body, headers, now, valid: true, eventId, eventType, url };
}

function checkTwilio(v) {
  const signature = v.headers["X-Twilio-Signature"];
  const isJson = v.headers["Content-Type"] === "application/json";
  const validate = (secret, body) =>
    isJson ? twilio.validateRequestWithBody(secret, signature, v.url, body) : twilio.validateRequest(secret, signature, v.url, parseQuery(body));
  check(validate(v.secret, v.body) === true, `${v.name}: the twilio library rejected the vector`);
  check(validate(v.secret, v.body + " ") === false, `${v.name}: tampered body accepted`);
  check(validate(v.secret, v.body.replace(/.$/, (c) => (c === "1" ? "2" : "1"))) === false, `${v.name}: changed last character accepted`);
  check(validate(v.secret.replace(/.$/, (c) => (c === "0" ? "1" : "0")), v.body) === false, `${v.name}: wrong secret accepted`);
}

function buildTwilioVectors() {
  const token = "4c3f0b9e2a7d41c88e5f6a1b2c3d4e5f";
  const account = "AC" + hexId("twilio:account");
  const vectors = [];

  // Twilio's documentation example: the library must reproduce the published signature.
  const docs = twilioFormVector({
    name: "docs-example-voice-request",
    source: `published: Twilio's documentation example (auth token 12345, https://mycompany.com/myapp.php?foo=1&bar=2; https://www.twilio.com/docs/usage/webhooks/webhooks-security); reproduced by twilio npm ${TWILIO_VERSION} getExpectedTwilioSignature; verified: validateRequest`,
    secret: "12345",
    requestUrl: "https://mycompany.com/myapp.php?foo=1&bar=2",
    pairs: [["CallSid", "CA1234567890ABCDE"], ["Caller", "+14158675309"], ["Digits", "1234"], ["From", "+14158675309"], ["To", "+18005551212"]],
    now: 1747300000,
    eventId: null,
    eventType: null,
  });
  check(docs.headers["X-Twilio-Signature"] === TWILIO_DOCS_SIGNATURE, "twilio: the documentation example signature was not reproduced");
  docs.eventId = sha256Hex(docs.body);
  vectors.push(docs);

  const smsSid = "SM" + hexId("twilio:sms:delivered");
  vectors.push(
    twilioFormVector({
      name: "message-status-delivered",
      secret: token,
      requestUrl: `${HOOKS}/src_twilio_sms`,
      pairs: [["SmsSid", smsSid], ["SmsStatus", "delivered"], ["MessageStatus", "delivered"], ["To", "+15558675310"], ["MessagingServiceSid", "MG" + hexId("twilio:mg")], ["MessageSid", smsSid], ["AccountSid", account], ["From", "+15017122661"], ["ApiVersion", "2010-04-01"]],
      idempotencyToken: "b7b3b1a4-1d2c-4c8e-9a51-3f0e2d7c6b15",
      now: 1747300412,
      eventId: "b7b3b1a4-1d2c-4c8e-9a51-3f0e2d7c6b15",
      eventType: "message.delivered",
    }),
  );

  // Inbound SMS with non-ASCII text; signed over the URL with ":443", requested without it.
  const inboundSid = "SM" + hexId("twilio:sms:inbound");
  vectors.push(
    twilioFormVector({
      name: "incoming-message-non-ascii-signed-with-port",
      secret: token,
      requestUrl: `${HOOKS}/src_twilio_sms?tenant=acme`,
      signedUrl: "https://hooks.webhookhub.example:443/api/webhooks/src_twilio_sms?tenant=acme",
      pairs: [["ToCountry", "DE"], ["ToState", ""], ["SmsMessageSid", inboundSid], ["NumMedia", "0"], ["ToCity", ""], ["FromZip", ""], ["SmsSid", inboundSid], ["FromState", ""], ["SmsStatus", "received"], ["FromCity", "KÖLN"], ["Body", "Grüße aus Köln – café ☕ 🚀"], ["FromCountry", "DE"], ["To", "+4915112345678"], ["ToZip", ""], ["NumSegments", "1"], ["MessageSid", inboundSid], ["AccountSid", account], ["From", "+4917612345678"], ["ApiVersion", "2010-04-01"]],
      now: 1747300533,
      eventId: `${inboundSid}:received`,
      eventType: "message.received",
    }),
  );

  const callSid = "CA" + hexId("twilio:call:completed");
  vectors.push(
    twilioFormVector({
      name: "call-status-completed",
      secret: token,
      requestUrl: `${HOOKS}/src_twilio_voice?leg=outbound&tenant=acme`,
      pairs: [["Called", "+15558675310"], ["ToState", "CA"], ["CallerCountry", "US"], ["Direction", "outbound-api"], ["Timestamp", "Thu, 15 May 2025 09:21:34 +0000"], ["CallbackSource", "call-progress-events"], ["SipResponseCode", "200"], ["CallerState", "CA"], ["ToZip", ""], ["SequenceNumber", "3"], ["CallSid", callSid], ["To", "+15558675310"], ["CallerZip", ""], ["ToCountry", "US"], ["CallDuration", "47"], ["ApiVersion", "2010-04-01"], ["CallStatus", "completed"], ["Duration", "1"], ["From", "+15017122661"], ["AccountSid", account]],
      idempotencyToken: "6f1d2c3b-9a8e-4f70-b1c2-d3e4f5a6b7c8",
      now: 1747300894,
      eventId: "6f1d2c3b-9a8e-4f70-b1c2-d3e4f5a6b7c8",
      eventType: "call.completed",
    }),
  );

  // Twilio signed the WHATWG-escaped query ("'" as %27); the request line carries the raw "'".
  const recordingSid = "RE" + hexId("twilio:recording");
  vectors.push(
    twilioFormVector({
      name: "recording-completed-apostrophe-in-query",
      secret: token,
      requestUrl: `${HOOKS}/src_twilio_voice?customer=O'Brien`,
      signedUrl: `${HOOKS}/src_twilio_voice?customer=O%27Brien`,
      pairs: [["RecordingSource", "DialVerb"], ["RecordingTrack", "both"], ["RecordingSid", recordingSid], ["RecordingUrl", `https://api.twilio.com/2010-04-01/Accounts/${account}/Recordings/${recordingSid}`], ["RecordingStatus", "completed"], ["RecordingChannels", "2"], ["ErrorCode", "0"], ["CallSid", callSid], ["RecordingStartTime", "Thu, 15 May 2025 09:20:47 +0000"], ["AccountSid", account], ["RecordingDuration", "46"]],
      now: 1747300901,
      eventId: `${recordingSid}:completed`,
      eventType: "recording.completed",
    }),
  );

  // Twilio signed the query as Node's legacy querystring re-encodes it ("+" -> %20, %7E -> "~").
  const failedSid = "SM" + hexId("twilio:sms:failed");
  vectors.push(
    twilioFormVector({
      name: "message-status-failed-legacy-query",
      secret: token,
      requestUrl: `${HOOKS}/src_twilio_sms?note=first+try&path=%7Eops`,
      signedUrl: `${HOOKS}/src_twilio_sms?note=first%20try&path=~ops`,
      pairs: [["ErrorCode", "30008"], ["SmsSid", failedSid], ["SmsStatus", "failed"], ["MessageStatus", "failed"], ["To", "+15558675311"], ["MessageSid", failedSid], ["AccountSid", account], ["From", "+15017122661"], ["ApiVersion", "2010-04-01"]],
      now: 1747301005,
      eventId: `${failedSid}:failed`,
      eventType: "message.failed",
    }),
  );

  // A JSON body (an Event Streams webhook sink posts an array of CloudEvents): URL-only signature + bodySHA256.
  const eventId = "CE" + hexId("twilio:cloudevent");
  vectors.push(
    twilioJsonVector({
      name: "event-streams-json-body-sha256",
      secret: token,
      baseUrl: `${HOOKS}/src_twilio_events`,
      payload: [
        {
          specversion: "1.0",
          type: "com.twilio.messaging.message.delivered",
          source: `/2010-04-01/Accounts/${account}/Messages/${smsSid}.json`,
          id: eventId,
          dataschema: "https://events-schemas.twilio.com/Messaging.MessageStatus/4",
          datacontenttype: "application/json",
          time: "2025-05-15T09:23:10.000Z",
          data: { messageSid: smsSid, messageStatus: "DELIVERED", to: "+15558675310", from: "+15017122661", accountSid: account, timestamp: "2025-05-15T09:23:09.812Z" },
        },
      ],
      now: 1747300990,
      eventId,
      eventType: "com.twilio.messaging.message.delivered",
    }),
  );

  return vectors;
}

// ---------------------------------------------------------------------------
// Square
// ---------------------------------------------------------------------------

const squareSource = `produced: node:crypto HMAC-SHA256 of notification URL + body (the square package has no signing function); verified: square npm ${SQUARE_VERSION} WebhooksHelper.verifySignature`;

function squareSign(key, url, body) {
  return createHmac("sha256", key).update(url + body, "utf8").digest("base64");
}

function squareVector({ name, source = squareSource, secret, url, payload, body = JSON.stringify(payload), now }) {
  const parsed = JSON.parse(body);
  return {
    name,
    source,
    secret,
    body,
    headers: { "Content-Type": "application/json", "square-environment": "Production", "x-square-hmacsha256-signature": squareSign(secret, url, body) },
    now,
    valid: true,
    eventId: parsed.event_id,
    eventType: parsed.type,
    url,
  };
}

async function checkSquare(v) {
  const verify = (requestBody, signatureKey, notificationUrl = v.url) =>
    WebhooksHelper.verifySignature({ requestBody, signatureHeader: v.headers["x-square-hmacsha256-signature"], signatureKey, notificationUrl });
  check((await verify(v.body, v.secret)) === true, `${v.name}: WebhooksHelper rejected the vector`);
  check((await verify(v.body + " ", v.secret)) === false, `${v.name}: tampered body accepted`);
  check((await verify(v.body, v.secret + "x")) === false, `${v.name}: wrong secret accepted`);
  check((await verify(v.body, v.secret, v.url + "/")) === false, `${v.name}: another notification URL accepted`);
}

function squarePayment({ label, amount, status, createdAt, updatedAt, version, note }) {
  const id = hexId(`square:payment:${label}`, 29).toUpperCase();
  return {
    amount_money: { amount, currency: "USD" },
    approved_money: { amount, currency: "USD" },
    card_details: { status: status === "COMPLETED" ? "CAPTURED" : "AUTHORIZED", card: { card_brand: "VISA", last_4: "1111", exp_month: 11, exp_year: 2027, fingerprint: "sq-1-" + hexId(`square:fp:${label}`, 40), card_type: "CREDIT", bin: "411111" }, entry_method: "KEYED", cvv_status: "CVV_ACCEPTED", avs_status: "AVS_ACCEPTED", statement_description: "SQ *WEBHOOKHUB" },
    created_at: createdAt,
    id,
    location_id: "L" + hexId("square:location", 12).toUpperCase(),
    order_id: hexId(`square:order:${label}`, 28).toUpperCase(),
    receipt_number: id.slice(0, 4),
    source_type: "CARD",
    status,
    total_money: { amount, currency: "USD" },
    updated_at: updatedAt,
    version,
    ...(note ? { note } : {}),
  };
}

async function buildSquareVectors() {
  const merchant = "ML" + hexId("square:merchant", 11).toUpperCase();
  const key = "wJ3x9Qk2Lm7Vb8Np4Rt6Yz";
  const vectors = [];

  // The fixed vector of Square's SDK test suites (Go, Java, PHP, Python and Ruby SDKs use it verbatim).
  const sdkBody = '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}';
  const sdk = squareVector({
    name: "sdk-test-suite-test-notification",
    source: `published: Square SDK test suites (signature key Ibxx_5AKakO-3qeNVR61Dw, https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9); reproduced by node:crypto; verified: square npm ${SQUARE_VERSION} WebhooksHelper.verifySignature`,
    secret: "Ibxx_5AKakO-3qeNVR61Dw",
    url: "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9",
    body: sdkBody,
    now: 1657744259,
  });
  check(sdk.headers["x-square-hmacsha256-signature"] === "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=", "square: SDK test vector not reproduced");
  vectors.push(sdk);

  const created = squarePayment({ label: "p1", amount: 2900, status: "APPROVED", createdAt: "2025-05-15T10:02:11.511Z", updatedAt: "2025-05-15T10:02:11.903Z", version: 1 });
  vectors.push(
    squareVector({
      name: "payment-created",
      secret: key,
      url: `${HOOKS}/src_square`,
      payload: { merchant_id: merchant, type: "payment.created", event_id: "b1a9f2c4-6d3e-4f58-9a7b-" + hexId("square:event:p1", 12), created_at: "2025-05-15T10:02:12.204Z", data: { type: "payment", id: created.id, object: { payment: created } } },
      now: 1747303332,
    }),
  );

  const updated = squarePayment({ label: "p1", amount: 2900, status: "COMPLETED", createdAt: "2025-05-15T10:02:11.511Z", updatedAt: "2025-05-15T10:02:14.076Z", version: 3, note: "Grüße – WebhookHub Pro ☕ 月額プラン 🚀" });
  vectors.push(
    squareVector({
      name: "payment-updated-non-ascii-note",
      secret: key,
      url: `${HOOKS}/src_square`,
      payload: { merchant_id: merchant, type: "payment.updated", event_id: "c7d0e3a5-8f1b-4a62-b9c4-" + hexId("square:event:p1u", 12), created_at: "2025-05-15T10:02:14.390Z", data: { type: "payment", id: updated.id, object: { payment: updated } } },
      now: 1747303334,
    }),
  );

  const refundId = `${updated.id}_${hexId("square:refund", 26).toUpperCase()}`;
  vectors.push(
    squareVector({
      name: "refund-created-url-with-query",
      secret: key,
      url: `${HOOKS}/src_square?tenant=acme&env=production`,
      payload: {
        merchant_id: merchant,
        type: "refund.created",
        event_id: "e4f6a8b0-2c1d-4e3f-8a9b-" + hexId("square:event:r1", 12),
        created_at: "2025-05-16T08:45:01.118Z",
        data: { type: "refund", id: refundId, object: { refund: { id: refundId, status: "PENDING", amount_money: { amount: 2900, currency: "USD" }, payment_id: updated.id, order_id: updated.order_id, reason: "Requested by customer", created_at: "2025-05-16T08:45:00.870Z", updated_at: "2025-05-16T08:45:00.870Z", location_id: updated.location_id, version: 1 } } },
      },
      now: 1747385101,
    }),
  );

  return vectors;
}

// ---------------------------------------------------------------------------
// HubSpot
// ---------------------------------------------------------------------------

const HUBSPOT_DOCS_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const hubspotSource = `produced: @hubspot/api-client npm ${HUBSPOT_VERSION} Signature.getSignature; verified: @hubspot/api-client npm ${HUBSPOT_VERSION} Signature.isValid`;

// HubSpot's v3 decoding table (developers.hubspot.com, "Validate the v3 request signature").
function hubspotDecodeV3(uri) {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

function hubspotEventKeys(body) {
  const parsed = JSON.parse(body);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((e) => e && typeof e === "object" && e.eventId !== undefined)) {
    return { eventId: sha256Hex(body), eventType: null };
  }
  const keys = parsed.map((e) => `${e.portalId ?? ""}:${e.subscriptionId ?? ""}:${e.eventId}`);
  const types = new Set(parsed.map((e) => e.subscriptionType ?? null));
  return {
    eventId: keys.length === 1 ? keys[0] : "batch:" + sha256Hex(keys.join("\n")),
    eventType: types.size === 1 ? [...types][0] : null,
  };
}

function hubspotLegacyVector({ name, source, version, url, body, now, expected }) {
  const signature = Signature.getSignature("POST", version, { clientSecret: HUBSPOT_DOCS_SECRET, requestBody: body, url });
  check(signature === expected, `${name}: the documentation example signature was not reproduced`);
  return {
    name,
    source,
    secret: HUBSPOT_DOCS_SECRET,
    body,
    headers: { "Content-Type": "application/json", "X-HubSpot-Signature": signature, "X-HubSpot-Signature-Version": version },
    now,
    valid: true,
    ...hubspotEventKeys(body),
    url,
  };
}

function hubspotV3Vector({ name, secret, url, events, timestampMs }) {
  const body = JSON.stringify(events);
  const signed = hubspotDecodeV3(url);
  const timestamp = timestampMs;
  return {
    name,
    source: hubspotSource + (signed === url ? "" : `; the URI passed to the library is the requested URL with HubSpot's v3 escapes decoded: ${signed}`),
    secret,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-HubSpot-Request-Timestamp": String(timestamp),
      "X-HubSpot-Signature": Signature.getSignature("POST", "v1", { clientSecret: secret, requestBody: body }),
      "X-HubSpot-Signature-Version": "v1",
      "X-HubSpot-Signature-v3": Signature.getSignature("POST", "v3", { clientSecret: secret, requestBody: body, url: signed, timestamp }),
    },
    now: Math.floor(timestampMs / 1000),
    valid: true,
    ...hubspotEventKeys(body),
    url,
  };
}

function checkHubSpot(v) {
  const isValid = (version, signature, clientSecret, requestBody, atMs) =>
    atUnixMillis(atMs, () => {
      try {
        return Signature.isValid({ signature, signatureVersion: version, clientSecret, requestBody, url: version === "v3" ? hubspotDecodeV3(v.url) : v.url, method: "POST", timestamp: Number(v.headers["X-HubSpot-Request-Timestamp"]) });
      } catch (e) {
        return `threw: ${e.message}`;
      }
    });
  const at = v.now * 1000;
  const version = v.headers["X-HubSpot-Signature-v3"] ? "v3" : v.headers["X-HubSpot-Signature-Version"];
  const signature = version === "v3" ? v.headers["X-HubSpot-Signature-v3"] : v.headers["X-HubSpot-Signature"];
  check(isValid(version, signature, v.secret, v.body, at) === true, `${v.name}: Signature.isValid rejected the vector`);
  check(isValid(version, signature, v.secret, v.body + " ", at) === false, `${v.name}: tampered body accepted`);
  check(isValid(version, signature, v.secret + "x", v.body, at) === false, `${v.name}: wrong secret accepted`);
  if (version === "v3") {
    check(String(isValid(version, signature, v.secret, v.body, at + 6 * 60 * 1000)).includes("Timestamp is invalid"), `${v.name}: stale timestamp accepted`);
    check(isValid("v1", v.headers["X-HubSpot-Signature"], v.secret, v.body, at) === true, `${v.name}: the v1 signature sent alongside v3 is wrong`);
  }
}

function hubspotEvent({ eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, attemptNumber = 0, objectId, extra = {} }) {
  return { eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, attemptNumber, objectId, ...extra };
}

function buildHubSpotVectors() {
  const secret = "3f6c1a9e-7b2d-4e58-a0c4-9d8b7e6f5a41";
  const vectors = [];

  vectors.push(
    hubspotLegacyVector({
      name: "docs-v1-contact-creation",
      source: `published: https://developers.hubspot.com/docs/faq/v1-request-validation (client secret yyyyyyyy-…); reproduced and verified by @hubspot/api-client npm ${HUBSPOT_VERSION} Signature.getSignature / isValid`,
      version: "v1",
      url: `${HOOKS}/src_hubspot`,
      body: '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]',
      now: 1564113600,
      expected: "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
    }),
  );

  vectors.push(
    hubspotLegacyVector({
      name: "docs-v2-post-with-body",
      source: `published: https://developers.hubspot.com/docs/faq/v2-request-validation (client secret yyyyyyyy-…); reproduced and verified by @hubspot/api-client npm ${HUBSPOT_VERSION} Signature.getSignature / isValid`,
      version: "v2",
      url: "https://www.example.com/webhook_uri",
      body: '{"example_field":"example_value"}',
      now: 1564113600,
      expected: "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900",
    }),
  );

  const portalId = 24681357;
  const appId = 3141592;
  vectors.push(
    hubspotV3Vector({
      name: "v3-contact-property-change-batch",
      secret,
      url: `${HOOKS}/src_hubspot`,
      timestampMs: 1747303512345,
      events: [
        hubspotEvent({ eventId: 3816279340, subscriptionId: 2901144, portalId, appId, occurredAt: 1747303509870, subscriptionType: "contact.propertyChange", objectId: 51, extra: { propertyName: "lifecyclestage", propertyValue: "salesqualifiedlead", changeSource: "CRM_UI", sourceId: "userId:7012345" } }),
        hubspotEvent({ eventId: 2209184571, subscriptionId: 2901144, portalId, appId, occurredAt: 1747303510112, subscriptionType: "contact.propertyChange", objectId: 52, extra: { propertyName: "lifecyclestage", propertyValue: "opportunity", changeSource: "CRM_UI", sourceId: "userId:7012345" } }),
      ],
    }),
  );

  vectors.push(
    hubspotV3Vector({
      name: "v3-encoded-uri-non-ascii",
      secret,
      url: `${HOOKS}/src_hubspot?return=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1&name=O%27Brien%20%28HQ%29&tags=a%2Cb%3Bc&at=%40ops&x=%21%24%2A`,
      timestampMs: 1747303698001,
      events: [
        hubspotEvent({ eventId: 1093847562, subscriptionId: 2901150, portalId, appId, occurredAt: 1747303696554, subscriptionType: "contact.propertyChange", attemptNumber: 1, objectId: 77, extra: { propertyName: "firstname", propertyValue: "Zoë Østergaard – 東京 🚀", changeSource: "CRM_UI", sourceId: "userId:7012345" } }),
      ],
    }),
  );

  vectors.push(
    hubspotV3Vector({
      name: "v3-mixed-batch",
      secret,
      url: `${HOOKS}/src_hubspot`,
      timestampMs: 1747303801999,
      events: [
        hubspotEvent({ eventId: 4100112233, subscriptionId: 2901160, portalId, appId, occurredAt: 1747303800101, subscriptionType: "contact.creation", objectId: 90, extra: { changeFlag: "CREATED", changeSource: "FORM", sourceId: "form:5a9c" } }),
        hubspotEvent({ eventId: 4100112234, subscriptionId: 2901171, portalId, appId, occurredAt: 1747303800877, subscriptionType: "deal.creation", objectId: 9001, extra: { changeFlag: "CREATED", changeSource: "CRM_UI", sourceId: "userId:7012345" } }),
      ],
    }),
  );

  vectors.push(
    hubspotV3Vector({
      name: "v3-deal-deletion",
      secret,
      url: `${HOOKS}/src_hubspot`,
      timestampMs: 1747304000000,
      events: [hubspotEvent({ eventId: 5012345678, subscriptionId: 2901172, portalId, appId, occurredAt: 1747303998765, subscriptionType: "deal.deletion", objectId: 9001, extra: { changeFlag: "DELETED", changeSource: "CRM_UI", sourceId: "userId:7012345" } })],
    }),
  );

  return vectors;
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const twilioVectors = buildTwilioVectors();
const squareVectors = await buildSquareVectors();
const hubspotVectors = buildHubSpotVectors();

for (const v of twilioVectors) checkTwilio(v);
for (const v of squareVectors) await checkSquare(v);
for (const v of hubspotVectors) checkHubSpot(v);

const outputs = { "twilio.json": twilioVectors, "square.json": squareVectors, "hubspot.json": hubspotVectors };
for (const [file, vectors] of Object.entries(outputs)) checkShape(file, vectors);
for (const [file, vectors] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
