// generate-platforms.mjs: builds WebhookHub's Zoom, Twitch EventSub, Xero, Mailgun, SendGrid and Adyen
// webhook signature test vectors, checks each with the provider's own npm library where one verifies,
// and writes the JSON files next to this script. (generate.mjs, generate-more.mjs, generate-billing.mjs
// and generate-ed25519.mjs do the other providers.)
//
//   zoom.json      x-zm-signature: "v0=" + hex(HMAC-SHA256(secret token, "v0:" + x-zm-request-timestamp + ":" + body))
//                  produced: node:crypto (Zoom's libraries only verify)
//                  verified: @zoom/rivet AwsLambdaReceiver (Zoom's own library), which also computes the
//                            endpoint.url_validation answer; the vector's `challenge` is that answer re-serialised
//                            as {"plainToken","encryptedToken"} (Rivet writes the keys the other way round).
//                            Rivet re-serialises the parsed body (JSON.stringify) before hashing, so bodies here are
//                            compact JSON, and it checks no timestamp window.
//   twitch.json    Twitch-Eventsub-Message-Signature: "sha256=" + hex(HMAC-SHA256(secret, id + timestamp + body)),
//                  timestamps RFC 3339 with nine fractional digits, as Twitch sends them
//                  produced and checked: node:crypto per https://dev.twitch.tv/docs/eventsub/handling-webhook-events/
//                  (Twitch publishes no npm library that signs or verifies EventSub messages)
//   xero.json      x-xero-signature: base64(HMAC-SHA256(webhook key as UTF-8, body)); includes a correctly signed
//                  intent-to-receive payload (empty events: a handshake answered with an empty body)
//                  produced and checked: node:crypto per https://developer.xero.com/documentation/webhooks/configuring-your-server
//                  (xero-node has no webhook verifier)
//   mailgun.json   signature = hex(HMAC-SHA256(webhook signing key, timestamp + token)), in the JSON body's
//                  "signature" object (or "parent-signature" for a subaccount, keyed with the primary account's
//                  key), or in legacy form fields
//                  produced and checked: node:crypto per https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
//                  (mailgun.js has no webhook verifier)
//   sendgrid.json  X-Twilio-Email-Event-Webhook-Signature: base64(DER ECDSA P-256/SHA-256 over timestamp + body);
//                  secret = base64 SubjectPublicKeyInfo of the P-256 public key
//                  produced: deterministic ECDSA (RFC 6979) from node:crypto primitives (HMAC, SHA-256 and the
//                            P-256 scalar multiplication of createECDH) with a fixed key, so reruns are identical;
//                            node:crypto.sign would pick a random nonce. The construction is checked against
//                            RFC 6979 A.2.5 first. One vector is the one published in @sendgrid/eventwebhook's spec.
//                  verified: @sendgrid/eventwebhook EventWebhook.verifySignature and node:crypto.verify
//   adyen.json     standard webhooks: additionalData.hmacSignature = base64(HMAC-SHA256(hex-decoded key,
//                  "pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success"))
//                  per item; platform webhooks: HmacSignature header = base64(HMAC-SHA256(hex-decoded key, body))
//                  produced and verified: @adyen/api-library hmacValidator (calculateHmac, validateHMAC,
//                  validateHMACSignature); one vector uses the key and signature published in the library's spec.
//
// Every vector is also checked to FAIL for a wrong secret, and where the whole body is signed, for a tampered body.
//
// Output is deterministic: fixed secrets, keys, timestamps and IDs (derived from labels with SHA-256); no
// Date.now and no randomness. Rerunning gives byte-identical files with the versions pinned in package-lock.json.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-platforms.mjs     (or: npm run generate-platforms)
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   plus, for handshakes (eventId null), a trailing "challenge": the exact body WebhookHub must answer with.
//   now: unix seconds at which to verify (the signed timestamp where there is one).
//
// If a self-check fails, the script throws before it writes anything.

import { createECDH, createHash, createHmac, createPublicKey, verify } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { AwsLambdaReceiver } from "@zoom/rivet/meetings";
import sendgrid from "@sendgrid/eventwebhook";
import adyen from "@adyen/api-library";

const { EventWebhook } = sendgrid;
const AdyenHmac = adyen.hmacValidator;
const here = dirname(fileURLToPath(import.meta.url));

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256(data) {
  return createHash("sha256").update(data).digest();
}

function sha256Hex(data) {
  return createHash("sha256").update(Buffer.from(data, "utf8")).digest("hex");
}

function hmac(key, data, encoding) {
  return createHmac("sha256", key).update(Buffer.from(data, "utf8")).digest(encoding);
}

// A deterministic RFC 4122 version-4-shaped UUID derived from a label.
function uuidFrom(label) {
  const b = sha256(label).subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function alnumFrom(label, length) {
  let s = "";
  for (let i = 0; s.length < length; i++) for (const b of sha256(`${label}:${i}`)) s += ALNUM[b % 62];
  return s.slice(0, length);
}

function digitsFrom(label, length) {
  let s = "";
  for (let i = 0; s.length < length; i++) for (const b of sha256(`${label}:${i}`)) s += String(b % 10);
  return s.slice(0, length);
}

function unixSeconds(iso) {
  return Math.floor(Date.parse(iso) / 1000);
}

function vector({ name, source, secret, body, headers, now, eventId, eventType, challenge }) {
  const v = { name, source, secret, body, headers, now, valid: true, eventId, eventType };
  if (challenge !== undefined) v.challenge = challenge;
  return v;
}

function writeVectors(file, vectors) {
  writeFileSync(join(here, file), JSON.stringify(vectors, null, 2) + "\n", "utf8");
}

function checkShape(file, vectors, { nonAscii = true } = {}) {
  check(vectors.length >= 3, `${file}: fewer than 3 vectors`);
  if (nonAscii) check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), `${file}: no non-ASCII body`);
  const names = new Set();
  for (const v of vectors) {
    const keys = Object.keys(v).join(",");
    const base = "name,source,secret,body,headers,now,valid,eventId,eventType";
    const handshake = v.eventId === null;
    check(keys === (handshake ? `${base},challenge` : base), `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(v.valid === true, `${file}/${v.name}: valid must be true`);
    check(typeof v.headers["Content-Type"] === "string", `${file}/${v.name}: Content-Type`);
    if (handshake) check(typeof v.challenge === "string", `${file}/${v.name}: handshake without challenge`);
    else check(typeof v.eventId === "string" && v.eventId.length > 0, `${file}/${v.name}: eventId`);
    check(typeof v.eventType === "string" && v.eventType.length > 0, `${file}/${v.name}: eventType`);
  }
}

// ---------------------------------------------------------------------------
// Zoom
// ---------------------------------------------------------------------------

const ZOOM_VERSION = versionOf("@zoom/rivet");
const zoomSource = `produced: node:crypto hex HMAC-SHA256 of "v0:<ts>:<body>"; verified: @zoom/rivet npm ${ZOOM_VERSION} AwsLambdaReceiver`;
const ZOOM_SECRET = alnumFrom("webhookhub/zoom/secret-token", 22);
const ZOOM_ACCOUNT = alnumFrom("webhookhub/zoom/account", 22);
const ZOOM_HOST = alnumFrom("webhookhub/zoom/host", 22);

function zoomSign(secret, ts, body) {
  return `v0=${hmac(secret, `v0:${ts}:${body}`, "hex")}`;
}

function zoomVector({ name, ts, event, challenge }) {
  const body = JSON.stringify(event);
  return vector({
    name,
    source: zoomSource,
    secret: ZOOM_SECRET,
    body,
    headers: {
      "Content-Type": "application/json",
      "x-zm-request-timestamp": String(ts),
      "x-zm-signature": zoomSign(ZOOM_SECRET, ts, body),
    },
    now: ts,
    eventId: challenge === undefined ? sha256Hex(body) : null,
    eventType: event.event,
    challenge,
  });
}

function buildZoomVectors() {
  const meetingId = Number(digitsFrom("zoom:meeting", 11));
  const meetingUuid = `${alnumFrom("zoom:meeting-uuid", 22)}==`;
  const plainToken = alnumFrom("zoom:plain-token", 22);
  return [
    zoomVector({
      name: "meeting-started",
      ts: 1748941215,
      event: {
        event: "meeting.started",
        payload: {
          account_id: ZOOM_ACCOUNT,
          object: {
            id: meetingId,
            uuid: meetingUuid,
            host_id: ZOOM_HOST,
            topic: "Sprint-Planung für Q3 – Büro München",
            type: 2,
            start_time: "2025-06-03T09:00:12Z",
            timezone: "Europe/Berlin",
            duration: 60,
          },
        },
        event_ts: 1748941212345,
      },
    }),
    zoomVector({
      name: "meeting-participant-joined",
      ts: 1748941402,
      event: {
        event: "meeting.participant_joined",
        payload: {
          account_id: ZOOM_ACCOUNT,
          object: {
            id: String(meetingId),
            uuid: meetingUuid,
            host_id: ZOOM_HOST,
            topic: "Sprint-Planung für Q3 – Büro München",
            type: 2,
            start_time: "2025-06-03T09:00:12Z",
            timezone: "Europe/Berlin",
            duration: 60,
            participant: {
              user_id: digitsFrom("zoom:participant", 8),
              user_name: "Zoë Ångström",
              id: alnumFrom("zoom:participant-id", 22),
              participant_uuid: uuidFrom("zoom:participant-uuid").toUpperCase(),
              join_time: "2025-06-03T09:03:21Z",
              email: "zoe.angstrom@example.com",
            },
          },
        },
        event_ts: 1748941401876,
      },
    }),
    zoomVector({
      name: "recording-completed",
      ts: 1748945120,
      event: {
        event: "recording.completed",
        payload: {
          account_id: ZOOM_ACCOUNT,
          object: {
            id: meetingId,
            uuid: meetingUuid,
            host_id: ZOOM_HOST,
            topic: "Sprint-Planung für Q3 – Büro München",
            start_time: "2025-06-03T09:00:12Z",
            duration: 58,
            total_size: 48213377,
            recording_count: 1,
            recording_files: [
              {
                id: uuidFrom("zoom:recording-file"),
                meeting_id: meetingUuid,
                recording_start: "2025-06-03T09:00:14Z",
                recording_end: "2025-06-03T09:58:40Z",
                file_type: "MP4",
                file_size: 48213377,
                status: "completed",
                recording_type: "shared_screen_with_speaker_view",
              },
            ],
          },
        },
        event_ts: 1748945119402,
      },
    }),
    zoomVector({
      name: "endpoint-url-validation",
      ts: 1748940000,
      event: { payload: { plainToken }, event_ts: 1748939999871, event: "endpoint.url_validation" },
      challenge: JSON.stringify({ plainToken, encryptedToken: hmac(ZOOM_SECRET, plainToken, "hex") }),
    }),
  ];
}

async function zoomReceive(secret, v, body = v.body) {
  const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret }).start();
  const debug = console.debug;
  console.debug = () => {};
  try {
    return await handler({ body, headers: v.headers, isBase64Encoded: false }, {});
  } finally {
    console.debug = debug;
  }
}

async function checkZoom(v) {
  check(JSON.stringify(JSON.parse(v.body)) === v.body, `${v.name}: body is not compact JSON (Rivet re-serialises)`);
  const ok = await zoomReceive(v.secret, v);
  check(ok.statusCode === 200, `${v.name}: Rivet rejected (${ok.statusCode} ${ok.body})`);
  if (v.challenge !== undefined) {
    const answer = JSON.parse(ok.body);
    const expected = JSON.parse(v.challenge);
    check(answer.plainToken === expected.plainToken && answer.encryptedToken === expected.encryptedToken, `${v.name}: Rivet's answer differs`);
  }
  const wrong = await zoomReceive(v.secret + "x", v);
  check(wrong.statusCode === 400, `${v.name}: wrong secret accepted`);
  const tampered = v.body.replace('"event_ts":', '"event_ts":1');
  check(tampered !== v.body, `${v.name}: tamper did not change the body`);
  check((await zoomReceive(v.secret, v, tampered)).statusCode === 400, `${v.name}: tampered body accepted`);
}

// ---------------------------------------------------------------------------
// Twitch EventSub
// ---------------------------------------------------------------------------

const twitchSource = "produced and checked: node:crypto hex HMAC-SHA256 of message id + timestamp + body per https://dev.twitch.tv/docs/eventsub/handling-webhook-events/ (no Twitch npm library signs or verifies)";
const TWITCH_SECRET = `whh-${alnumFrom("webhookhub/twitch/secret", 28)}`;
const TWITCH_CALLBACK = "https://hooks.example.com/api/webhooks/src_twitch_1";

function twitchSubscription(label, type, version, condition, status, createdAt) {
  return {
    id: uuidFrom(`twitch:subscription:${label}`),
    status,
    type,
    version,
    condition,
    transport: { method: "webhook", callback: TWITCH_CALLBACK },
    created_at: createdAt,
    cost: 0,
  };
}

function twitchVector({ name, messageType, timestamp, payload, eventType, challenge }) {
  const id = uuidFrom(`twitch:message:${name}`);
  const body = JSON.stringify(payload);
  const signature = `sha256=${hmac(TWITCH_SECRET, id + timestamp + body, "hex")}`;
  return vector({
    name,
    source: twitchSource,
    secret: TWITCH_SECRET,
    body,
    headers: {
      "Content-Type": "application/json",
      "Twitch-Eventsub-Message-Id": id,
      "Twitch-Eventsub-Message-Retry": "0",
      "Twitch-Eventsub-Message-Type": messageType,
      "Twitch-Eventsub-Message-Signature": signature,
      "Twitch-Eventsub-Message-Timestamp": timestamp,
      "Twitch-Eventsub-Subscription-Type": payload.subscription.type,
      "Twitch-Eventsub-Subscription-Version": payload.subscription.version,
    },
    now: unixSeconds(timestamp),
    eventId: challenge === undefined ? id : null,
    eventType,
    challenge,
  });
}

function buildTwitchVectors() {
  const broadcaster = { broadcaster_user_id: "141981764", broadcaster_user_login: "twitchdev", broadcaster_user_name: "TwitchDev" };
  const follow = twitchSubscription("follow", "channel.follow", "2", { broadcaster_user_id: "141981764", moderator_user_id: "141981764" }, "enabled", "2025-06-01T08:00:00.318274291Z");
  const online = twitchSubscription("online", "stream.online", "1", { broadcaster_user_id: "141981764" }, "enabled", "2025-06-01T08:00:01.004150973Z");
  const chat = twitchSubscription("chat", "channel.chat.message", "1", { broadcaster_user_id: "141981764", user_id: "141981764" }, "enabled", "2025-06-01T08:00:02.771020113Z");
  const challenge = alnumFrom("twitch:challenge", 40);
  return [
    twitchVector({
      name: "channel-follow-notification",
      messageType: "notification",
      timestamp: "2025-06-03T18:22:41.123456789Z",
      payload: {
        subscription: follow,
        event: { user_id: "1234567", user_login: "cool_user", user_name: "Cool_User", ...broadcaster, followed_at: "2025-06-03T18:22:40.982143301Z" },
      },
      eventType: "channel.follow",
    }),
    twitchVector({
      name: "stream-online-notification",
      messageType: "notification",
      timestamp: "2025-06-03T19:00:05.000000001Z",
      payload: {
        subscription: online,
        event: { id: digitsFrom("twitch:stream", 11), ...broadcaster, type: "live", started_at: "2025-06-03T19:00:03.714408012Z" },
      },
      eventType: "stream.online",
    }),
    twitchVector({
      name: "channel-chat-message-notification",
      messageType: "notification",
      timestamp: "2025-06-03T19:04:59.999999999Z",
      payload: {
        subscription: chat,
        event: {
          ...broadcaster,
          chatter_user_id: "4145994",
          chatter_user_login: "viewer32",
          chatter_user_name: "viewer32",
          message_id: uuidFrom("twitch:chat-message"),
          message: { text: "Grüße aus Köln! 🎉 ¡Qué bien!", fragments: [{ type: "text", text: "Grüße aus Köln! 🎉 ¡Qué bien!", cheermote: null, emote: null, mention: null }] },
          color: "#00FF7F",
          badges: [],
          message_type: "text",
          cheer: null,
          reply: null,
          channel_points_custom_reward_id: null,
        },
      },
      eventType: "channel.chat.message",
    }),
    twitchVector({
      name: "subscription-revocation",
      messageType: "revocation",
      timestamp: "2025-06-04T07:30:12.400000000Z",
      payload: { subscription: { ...follow, status: "authorization_revoked" } },
      eventType: "revocation",
    }),
    twitchVector({
      name: "webhook-callback-verification",
      messageType: "webhook_callback_verification",
      timestamp: "2025-06-01T08:00:00.912345678Z",
      payload: { challenge, subscription: { ...follow, status: "webhook_callback_verification_pending" } },
      eventType: "webhook_callback_verification",
      challenge,
    }),
  ];
}

function checkTwitch(v) {
  const h = v.headers;
  check(/\.\d{9}Z$/.test(h["Twitch-Eventsub-Message-Timestamp"]), `${v.name}: timestamp lacks nanoseconds`);
  const expected = (secret, body) => `sha256=${hmac(secret, h["Twitch-Eventsub-Message-Id"] + h["Twitch-Eventsub-Message-Timestamp"] + body, "hex")}`;
  check(h["Twitch-Eventsub-Message-Signature"] === expected(v.secret, v.body), `${v.name}: signature`);
  check(h["Twitch-Eventsub-Message-Signature"] !== expected(v.secret + "x", v.body), `${v.name}: wrong secret accepted`);
  check(h["Twitch-Eventsub-Message-Signature"] !== expected(v.secret, v.body + " "), `${v.name}: tampered body accepted`);
  const parsed = JSON.parse(v.body);
  if (v.challenge !== undefined) check(parsed.challenge === v.challenge, `${v.name}: challenge`);
  else if (h["Twitch-Eventsub-Message-Type"] === "notification") check(parsed.subscription.type === v.eventType, `${v.name}: eventType`);
}

// ---------------------------------------------------------------------------
// Xero
// ---------------------------------------------------------------------------

const xeroSource = "produced and checked: node:crypto base64 HMAC-SHA256 of the body per https://developer.xero.com/documentation/webhooks/configuring-your-server (xero-node has no webhook verifier)";
const XERO_KEY = sha256("webhookhub/xero/webhook-key").toString("base64") + sha256("webhookhub/xero/webhook-key:2").toString("base64");
const XERO_TENANT = uuidFrom("xero:tenant");

function xeroEvent(category, type, label, at) {
  const id = uuidFrom(`xero:${label}`);
  const collection = category === "INVOICE" ? "Invoices" : "Contacts";
  return {
    resourceUrl: `https://api.xero.com/api.xro/2.0/${collection}/${id}`,
    resourceId: id,
    eventDateUtc: at,
    eventType: type,
    eventCategory: category,
    tenantId: XERO_TENANT,
    tenantType: "ORGANISATION",
  };
}

function xeroVector({ name, events, first, last, now, eventType, handshake = false }) {
  const body = JSON.stringify({ events, lastEventSequence: last, firstEventSequence: first, entropy: alnumFrom(`xero:entropy:${name}`, 20).toUpperCase() });
  return vector({
    name,
    source: xeroSource,
    secret: XERO_KEY,
    body,
    headers: { "Content-Type": "application/json", "x-xero-signature": hmac(XERO_KEY, body, "base64") },
    now,
    eventId: handshake ? null : sha256Hex(body),
    eventType,
    challenge: handshake ? "" : undefined,
  });
}

function buildXeroVectors() {
  return [
    xeroVector({
      name: "invoice-update",
      events: [xeroEvent("INVOICE", "UPDATE", "invoice-1", "2025-06-03T09:14:07.543")],
      first: 12,
      last: 12,
      now: unixSeconds("2025-06-03T09:14:09Z"),
      eventType: "INVOICE.UPDATE",
    }),
    xeroVector({
      name: "contact-create",
      events: [xeroEvent("CONTACT", "CREATE", "contact-1", "2025-06-03T10:01:44.107")],
      first: 13,
      last: 13,
      now: unixSeconds("2025-06-03T10:01:46Z"),
      eventType: "CONTACT.CREATE",
    }),
    xeroVector({
      name: "two-invoice-updates",
      events: [xeroEvent("INVOICE", "UPDATE", "invoice-2", "2025-06-03T11:20:00.004"), xeroEvent("INVOICE", "UPDATE", "invoice-3", "2025-06-03T11:20:00.911")],
      first: 14,
      last: 15,
      now: unixSeconds("2025-06-03T11:20:03Z"),
      eventType: "INVOICE.UPDATE",
    }),
    xeroVector({
      name: "mixed-batch",
      events: [xeroEvent("INVOICE", "CREATE", "invoice-4", "2025-06-03T12:00:31.250"), xeroEvent("CONTACT", "UPDATE", "contact-1", "2025-06-03T12:00:31.377")],
      first: 16,
      last: 17,
      now: unixSeconds("2025-06-03T12:00:33Z"),
      eventType: "batch",
    }),
    xeroVector({
      name: "intent-to-receive",
      events: [],
      first: 0,
      last: 0,
      now: unixSeconds("2025-06-01T08:30:00Z"),
      eventType: "intent-to-receive",
      handshake: true,
    }),
  ];
}

function checkXero(v) {
  const signature = v.headers["x-xero-signature"];
  check(signature === hmac(v.secret, v.body, "base64"), `${v.name}: signature`);
  check(signature !== hmac(v.secret + "x", v.body, "base64"), `${v.name}: wrong secret accepted`);
  check(signature !== hmac(v.secret, v.body + " ", "base64"), `${v.name}: tampered body accepted`);
  check((JSON.parse(v.body).events.length === 0) === (v.eventId === null), `${v.name}: handshake iff no events`);
}

// ---------------------------------------------------------------------------
// Mailgun
// ---------------------------------------------------------------------------

const mailgunSource = "produced and checked: node:crypto hex HMAC-SHA256 of timestamp + token per https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks (mailgun.js has no webhook verifier)";
const MAILGUN_KEY = `${sha256("webhookhub/mailgun/signing-key").toString("hex").slice(0, 32)}-${sha256("mailgun:key:b").toString("hex").slice(0, 8)}-${sha256("mailgun:key:c").toString("hex").slice(0, 8)}`;
const MAILGUN_SUBACCOUNT_KEY = `${sha256("webhookhub/mailgun/subaccount-key").toString("hex").slice(0, 32)}-${sha256("mailgun:sub:b").toString("hex").slice(0, 8)}-${sha256("mailgun:sub:c").toString("hex").slice(0, 8)}`;
const MAILGUN_DOMAIN = "mg.example.com";

function mailgunSignature(key, timestamp, token) {
  return hmac(key, timestamp + token, "hex");
}

function mailgunMessage(label, subject) {
  return {
    headers: { "message-id": `${digitsFrom(`mailgun:msg:${label}`, 14)}.${alnumFrom(`mailgun:msg:${label}`, 8)}@${MAILGUN_DOMAIN}`, from: "WebhookHub <noreply@mg.example.com>", to: "jürgen.weiß@example.de", subject },
    attachments: [],
    size: 4213,
  };
}

function mailgunJsonVector({ name, timestamp, eventData, subaccount = false }) {
  const token = alnumFrom(`mailgun:token:${name}`, 50).toLowerCase();
  const signature = {
    token,
    timestamp: String(timestamp),
    signature: mailgunSignature(subaccount ? MAILGUN_SUBACCOUNT_KEY : MAILGUN_KEY, String(timestamp), token),
  };
  if (subaccount) signature["parent-signature"] = mailgunSignature(MAILGUN_KEY, String(timestamp), token);
  const body = JSON.stringify({ signature, "event-data": eventData });
  return vector({
    name,
    source: subaccount ? `${mailgunSource}; subaccount post: the secret is the primary account's key and verifies parent-signature` : mailgunSource,
    secret: MAILGUN_KEY,
    body,
    headers: { "Content-Type": "application/json" },
    now: timestamp,
    eventId: eventData.id,
    eventType: eventData.event,
  });
}

function buildMailgunVectors() {
  const recipient = "jürgen.weiß@example.de";
  const legacyTimestamp = "1748950000";
  const legacyToken = alnumFrom("mailgun:token:legacy", 50).toLowerCase();
  const legacyForm = new URLSearchParams([
    ["event", "delivered"],
    ["recipient", "support@example.org"],
    ["domain", MAILGUN_DOMAIN],
    ["message-headers", JSON.stringify([["Subject", "Ihre Bestellung ist unterwegs"], ["From", "WebhookHub <noreply@mg.example.com>"]])],
    ["Message-Id", `<${digitsFrom("mailgun:legacy", 14)}.1.${alnumFrom("mailgun:legacy", 8)}@${MAILGUN_DOMAIN}>`],
    ["timestamp", legacyTimestamp],
    ["token", legacyToken],
    ["signature", mailgunSignature(MAILGUN_KEY, legacyTimestamp, legacyToken)],
  ]).toString();
  return [
    mailgunJsonVector({
      name: "delivered",
      timestamp: 1748943611,
      eventData: {
        id: alnumFrom("mailgun:event:delivered", 22),
        timestamp: 1748943610.572814,
        "log-level": "info",
        event: "delivered",
        "delivery-status": { tls: true, "mx-host": "mx.example.de", code: 250, description: "", message: "OK", "attempt-no": 1 },
        flags: { "is-routed": false, "is-authenticated": true, "is-test-mode": false },
        envelope: { transport: "smtp", sender: `noreply@${MAILGUN_DOMAIN}`, "sending-ip": "198.51.100.24", targets: recipient },
        message: mailgunMessage("delivered", "Ihre Bestellung ist unterwegs – Lieferung morgen"),
        recipient,
        "recipient-domain": "example.de",
        tags: ["order-shipped"],
        "user-variables": { order: "A-4711" },
      },
    }),
    mailgunJsonVector({
      name: "failed-permanent",
      timestamp: 1748944022,
      eventData: {
        id: alnumFrom("mailgun:event:failed", 22),
        timestamp: 1748944021.113492,
        "log-level": "error",
        event: "failed",
        severity: "permanent",
        reason: "bounce",
        "delivery-status": { code: 550, message: "5.1.1 The email account that you tried to reach does not exist.", "attempt-no": 1, description: "" },
        message: mailgunMessage("failed", "Willkommen bei WebhookHub"),
        recipient: "nobody@example.net",
        "recipient-domain": "example.net",
        tags: [],
      },
    }),
    mailgunJsonVector({
      name: "opened-subaccount-parent-signature",
      subaccount: true,
      timestamp: 1748947200,
      eventData: {
        id: alnumFrom("mailgun:event:opened", 22),
        timestamp: 1748947199.004211,
        "log-level": "info",
        event: "opened",
        message: { headers: { "message-id": `${digitsFrom("mailgun:msg:opened", 14)}.${alnumFrom("mailgun:msg:opened", 8)}@${MAILGUN_DOMAIN}` } },
        recipient,
        "recipient-domain": "example.de",
        geolocation: { country: "DE", region: "NW", city: "Köln" },
        "client-info": { "client-type": "mobile browser", "client-os": "iOS", "device-type": "mobile", "client-name": "Mobile Safari" },
      },
    }),
    vector({
      name: "legacy-form-delivered",
      source: `${mailgunSource}; legacy form-encoded post`,
      secret: MAILGUN_KEY,
      body: legacyForm,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      now: Number(legacyTimestamp),
      eventId: sha256Hex(legacyForm),
      eventType: "delivered",
    }),
  ];
}

function checkMailgun(v) {
  let timestamp, token, signature, parent;
  if (v.headers["Content-Type"] === "application/json") {
    ({ timestamp, token, signature, "parent-signature": parent } = JSON.parse(v.body).signature);
  } else {
    const form = new URLSearchParams(v.body);
    [timestamp, token, signature] = ["timestamp", "token", "signature"].map((k) => form.get(k));
  }
  check(token.length === 50 && String(v.now) === timestamp, `${v.name}: token or timestamp`);
  const expected = mailgunSignature(v.secret, timestamp, token);
  check(signature === expected || parent === expected, `${v.name}: signature`);
  const wrong = mailgunSignature(v.secret + "x", timestamp, token);
  check(signature !== wrong && parent !== wrong, `${v.name}: wrong secret accepted`);
}

// ---------------------------------------------------------------------------
// SendGrid: deterministic ECDSA P-256 (RFC 6979) from node:crypto primitives
// ---------------------------------------------------------------------------

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const SPKI_P256_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex");

function int2octets(x) {
  return Buffer.from(x.toString(16).padStart(64, "0"), "hex");
}

function bits2int(bytes) {
  return BigInt(`0x${bytes.toString("hex")}`); // qlen = hlen = 256: no shift
}

function hmacBytes(key, ...parts) {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest();
}

// RFC 6979 section 3.2 with HMAC-SHA256, for P-256.
function rfc6979Nonce(d, h1) {
  const x = int2octets(d);
  const z = bits2int(h1);
  const h = int2octets(z >= P256_N ? z - P256_N : z);
  let v = Buffer.alloc(32, 1);
  let k = Buffer.alloc(32, 0);
  k = hmacBytes(k, v, Buffer.from([0]), x, h);
  v = hmacBytes(k, v);
  k = hmacBytes(k, v, Buffer.from([1]), x, h);
  v = hmacBytes(k, v);
  for (;;) {
    v = hmacBytes(k, v);
    const candidate = bits2int(v);
    if (candidate >= 1n && candidate < P256_N) return candidate;
    k = hmacBytes(k, v, Buffer.from([0]));
    v = hmacBytes(k, v);
  }
}

function modInverse(a, m) {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function publicPoint(d) {
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(int2octets(d));
  return ecdh.getPublicKey(); // 04 || X || Y
}

function ecdsaSign(d, message) {
  const h1 = sha256(Buffer.from(message, "utf8"));
  const k = rfc6979Nonce(d, h1);
  const r = bits2int(publicPoint(k).subarray(1, 33)) % P256_N;
  const s = (modInverse(k, P256_N) * (bits2int(h1) + r * d)) % P256_N;
  check(r !== 0n && s !== 0n, "degenerate ECDSA signature");
  return { k, r, s };
}

function derInteger(x) {
  let bytes = Buffer.from(x.toString(16).padStart(64, "0"), "hex");
  while (bytes.length > 1 && bytes[0] === 0 && bytes[1] < 0x80) bytes = bytes.subarray(1);
  if (bytes[0] >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function derSignature(r, s) {
  const content = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

// RFC 6979 A.2.5 (P-256, SHA-256, message "sample"): proves the nonce, point and signature arithmetic.
{
  const d = 0xc9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721n;
  const point = publicPoint(d).toString("hex");
  check(point === "04" + "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6" + "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", "RFC 6979 A.2.5 public key");
  const { k, r, s } = ecdsaSign(d, "sample");
  check(k === 0xa6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60n, "RFC 6979 A.2.5 k");
  check(r === 0xefd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716n, "RFC 6979 A.2.5 r");
  check(s === 0xf7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8n, "RFC 6979 A.2.5 s");
}

const SENDGRID_VERSION = versionOf("@sendgrid/eventwebhook");
const sendgridSource = `produced: deterministic ECDSA P-256/SHA-256 (RFC 6979) from node:crypto primitives, fixed test key; verified: @sendgrid/eventwebhook npm ${SENDGRID_VERSION} EventWebhook.verifySignature and node:crypto.verify`;
const SENDGRID_D = (bits2int(sha256("webhookhub/sendgrid/signing-key")) % (P256_N - 1n)) + 1n;
const SENDGRID_PUBLIC_KEY = Buffer.concat([SPKI_P256_PREFIX, publicPoint(SENDGRID_D)]).toString("base64");
const SENDGRID_OTHER_KEY = Buffer.concat([SPKI_P256_PREFIX, publicPoint((bits2int(sha256("webhookhub/sendgrid/other-key")) % (P256_N - 1n)) + 1n)]).toString("base64");

// From @sendgrid/eventwebhook's own spec (sendgrid-nodejs packages/eventwebhook/src/eventwebhook.spec.js).
const SENDGRID_PUBLISHED = {
  publicKey: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
  signature: "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
  timestamp: "1588788367",
  payload: JSON.stringify({ category: "example_payload", event: "test_event", message_id: "message_id" }),
};

function sendgridEvent(label, event, email, at, extra = {}) {
  return {
    email,
    timestamp: at,
    "smtp-id": `<${alnumFrom(`sendgrid:smtp:${label}`, 22)}@ismtpd0001p1lon1.sendgrid.net>`,
    event,
    category: ["Sommer-Aktion", "Grüße"],
    sg_event_id: alnumFrom(`sendgrid:event:${label}`, 22),
    sg_message_id: `${alnumFrom(`sendgrid:message:${label}`, 22)}.filterdrecv-5b8d5b7c-2xq7m-1-68404B1E-1.0`,
    ...extra,
  };
}

function sendgridVector({ name, timestamp, body, eventId, eventType }) {
  const { r, s } = ecdsaSign(SENDGRID_D, String(timestamp) + body);
  const signature = derSignature(r, s).toString("base64");
  return vector({
    name,
    source: sendgridSource,
    secret: SENDGRID_PUBLIC_KEY,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Twilio-Email-Event-Webhook-Signature": signature,
      "X-Twilio-Email-Event-Webhook-Timestamp": String(timestamp),
    },
    now: timestamp,
    eventId,
    eventType,
  });
}

function buildSendgridVectors() {
  const single = JSON.stringify([sendgridEvent("delivered", "delivered", "jürgen.weiß@example.de", 1748952001, { response: "250 2.0.0 OK", tls: 1 })]);
  const mixed = JSON.stringify([
    sendgridEvent("processed", "processed", "ana.lópez@example.es", 1748952100),
    sendgridEvent("delivered-2", "delivered", "ana.lópez@example.es", 1748952102, { response: "250 OK", tls: 1 }),
    sendgridEvent("open", "open", "ana.lópez@example.es", 1748952190, { useragent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)", ip: "203.0.113.7", sg_machine_open: false }),
  ]);
  const bounces = JSON.stringify([
    sendgridEvent("bounce-1", "bounce", "nobody@example.net", 1748952300, { reason: "550 5.1.1 unknown user", status: "5.1.1", type: "bounce" }),
    sendgridEvent("bounce-2", "bounce", "gone@example.org", 1748952301, { reason: "550 5.1.1 mailbox unavailable", status: "5.1.1", type: "bounce" }),
  ]) + "\r\n";
  return [
    sendgridVector({ name: "single-delivered", timestamp: 1748952005, body: single, eventId: JSON.parse(single)[0].sg_event_id, eventType: "delivered" }),
    sendgridVector({ name: "mixed-batch", timestamp: 1748952195, body: mixed, eventId: sha256Hex(mixed), eventType: "batch" }),
    sendgridVector({ name: "two-bounces-trailing-crlf", timestamp: 1748952305, body: bounces, eventId: sha256Hex(bounces), eventType: "bounce" }),
    vector({
      name: "sendgrid-library-spec-published",
      source: `published: sendgrid-nodejs packages/eventwebhook/src/eventwebhook.spec.js; verified: @sendgrid/eventwebhook npm ${SENDGRID_VERSION} EventWebhook.verifySignature`,
      secret: SENDGRID_PUBLISHED.publicKey,
      body: SENDGRID_PUBLISHED.payload,
      headers: {
        "Content-Type": "application/json",
        "X-Twilio-Email-Event-Webhook-Signature": SENDGRID_PUBLISHED.signature,
        "X-Twilio-Email-Event-Webhook-Timestamp": SENDGRID_PUBLISHED.timestamp,
      },
      now: Number(SENDGRID_PUBLISHED.timestamp),
      eventId: sha256Hex(SENDGRID_PUBLISHED.payload),
      eventType: "test_event",
    }),
  ];
}

function sendgridVerifies(publicKey, body, signature, timestamp) {
  const ew = new EventWebhook();
  const byLibrary = ew.verifySignature(ew.convertPublicKeyToECDSA(publicKey), body, signature, timestamp);
  const byNode = verify("sha256", Buffer.from(timestamp + body, "utf8"),
    { key: createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" }), dsaEncoding: "der" },
    Buffer.from(signature, "base64"));
  check(byLibrary === byNode, `@sendgrid/eventwebhook and node:crypto disagree`);
  return byLibrary;
}

function checkSendgrid(v) {
  const signature = v.headers["X-Twilio-Email-Event-Webhook-Signature"];
  const timestamp = v.headers["X-Twilio-Email-Event-Webhook-Timestamp"];
  check(sendgridVerifies(v.secret, v.body, signature, timestamp), `${v.name}: signature`);
  check(!sendgridVerifies(SENDGRID_OTHER_KEY, v.body, signature, timestamp), `${v.name}: wrong key accepted`);
  check(!sendgridVerifies(v.secret, v.body + " ", signature, timestamp), `${v.name}: tampered body accepted`);
  check(!sendgridVerifies(v.secret, v.body, signature, String(v.now + 1)), `${v.name}: timestamp not signed`);
}

// ---------------------------------------------------------------------------
// Adyen
// ---------------------------------------------------------------------------

const ADYEN_VERSION = versionOf("@adyen/api-library");
const adyenSource = `produced and verified: @adyen/api-library npm ${ADYEN_VERSION} hmacValidator`;
const ADYEN_KEY = sha256("webhookhub/adyen/hmac-key").toString("hex").toUpperCase();
const ADYEN_MERCHANT = "WebhookHubECOM";
const hmacValidator = new AdyenHmac();

// From @adyen/api-library's own spec (adyen-node-api-library src/__tests__/hmacValidator.spec.ts).
const ADYEN_PUBLISHED = {
  key: "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00",
  signature: "xhpHvYq2u2Np0rstbZ6QjLGu7JWhvf7Iwaa6EviJSX0=",
};

function adyenItem(fields) {
  return { additionalData: {}, ...fields };
}

function adyenStandardVector({ name, items, now, eventType, key = ADYEN_KEY, source = adyenSource, live = "false" }) {
  const signedItems = items.map((item) => {
    const signature = hmacValidator.calculateHmac(item, key);
    return { NotificationRequestItem: { ...item, additionalData: { ...item.additionalData, hmacSignature: signature } } };
  });
  const body = JSON.stringify({ live, notificationItems: signedItems });
  return vector({
    name,
    source,
    secret: key,
    body,
    headers: { "Content-Type": "application/json" },
    now,
    eventId: items.map((i) => `${i.eventCode}:${i.pspReference}:${i.success}`).join(","),
    eventType,
  });
}

function adyenPlatformVector({ name, payload, now }) {
  const body = JSON.stringify(payload);
  return vector({
    name,
    source: adyenSource,
    secret: ADYEN_KEY,
    body,
    headers: { "Content-Type": "application/json", HmacSignature: hmacValidator.calculateHmac(body, ADYEN_KEY), Protocol: "HmacSHA256" },
    now,
    eventId: sha256Hex(body),
    eventType: payload.type,
  });
}

function buildAdyenVectors() {
  const psp = (label) => alnumFrom(`adyen:psp:${label}`, 16).toUpperCase();
  return [
    adyenStandardVector({
      name: "authorisation-success",
      now: unixSeconds("2025-06-03T09:22:35Z"),
      eventType: "AUTHORISATION",
      items: [
        adyenItem({
          amount: { currency: "EUR", value: 4995 },
          eventCode: "AUTHORISATION",
          eventDate: "2025-06-03T11:22:33+02:00",
          merchantAccountCode: ADYEN_MERCHANT,
          merchantReference: "Bestellung-Köln-4711",
          operations: ["CANCEL", "CAPTURE", "REFUND"],
          paymentMethod: "visa",
          pspReference: psp("auth-1"),
          reason: "065432:1111:03/2030",
          success: "true",
          additionalData: { authCode: "065432", cardSummary: "1111", expiryDate: "03/2030" },
        }),
      ],
    }),
    adyenStandardVector({
      name: "refund-with-original-reference",
      now: unixSeconds("2025-06-04T07:10:02Z"),
      eventType: "REFUND",
      items: [
        adyenItem({
          amount: { currency: "SEK", value: 12900 },
          eventCode: "REFUND",
          eventDate: "2025-06-04T09:10:00+02:00",
          merchantAccountCode: ADYEN_MERCHANT,
          merchantReference: "Retur-Göteborg-88",
          originalReference: psp("auth-2"),
          paymentMethod: "mc",
          pspReference: psp("refund-2"),
          reason: "",
          success: "true",
        }),
      ],
    }),
    adyenStandardVector({
      name: "authorisation-failed-colon-backslash-reference",
      now: unixSeconds("2025-06-03T15:00:05Z"),
      eventType: "AUTHORISATION",
      items: [
        adyenItem({
          amount: { currency: "USD", value: 100 },
          eventCode: "AUTHORISATION",
          eventDate: "2025-06-03T15:00:04+00:00",
          merchantAccountCode: ADYEN_MERCHANT,
          merchantReference: "order:42\\retry:1",
          paymentMethod: "amex",
          pspReference: psp("auth-3"),
          reason: "Refused",
          success: "false",
        }),
      ],
    }),
    adyenStandardVector({
      name: "capture-and-refund-batch",
      now: unixSeconds("2025-06-05T10:00:03Z"),
      eventType: "batch",
      items: [
        adyenItem({
          amount: { currency: "EUR", value: 4995 },
          eventCode: "CAPTURE",
          eventDate: "2025-06-05T12:00:00+02:00",
          merchantAccountCode: ADYEN_MERCHANT,
          merchantReference: "Bestellung-Köln-4711",
          originalReference: psp("auth-1"),
          paymentMethod: "visa",
          pspReference: psp("capture-1"),
          reason: "",
          success: "true",
        }),
        adyenItem({
          amount: { currency: "EUR", value: 995 },
          eventCode: "REFUND",
          eventDate: "2025-06-05T12:00:01+02:00",
          merchantAccountCode: ADYEN_MERCHANT,
          merchantReference: "Bestellung-Köln-4711",
          originalReference: psp("auth-1"),
          paymentMethod: "visa",
          pspReference: psp("refund-1"),
          reason: "",
          success: "true",
        }),
      ],
    }),
    adyenStandardVector({
      name: "adyen-library-spec-published",
      key: ADYEN_PUBLISHED.key,
      source: `published: key and signature from adyen-node-api-library src/__tests__/hmacValidator.spec.ts; verified: @adyen/api-library npm ${ADYEN_VERSION} hmacValidator`,
      now: 1,
      eventType: "CAPTURE",
      items: [
        adyenItem({
          pspReference: "pspReference",
          originalReference: "originalReference",
          merchantAccountCode: "merchantAccount",
          merchantReference: "reference",
          amount: { currency: "EUR", value: 1000 },
          eventCode: "CAPTURE",
          eventDate: "1970-01-01T00:00:00.000Z",
          paymentMethod: "VISA",
          reason: "reason",
          success: "true",
        }),
      ],
    }),
    adyenPlatformVector({
      name: "balance-platform-account-holder-created",
      now: unixSeconds("2025-06-03T13:42:05Z"),
      payload: {
        data: {
          balancePlatform: "WEBHOOKHUB_PLATFORM",
          accountHolder: {
            contactDetails: { address: { country: "NL", houseNumberOrName: "274", postalCode: "1020CD", street: "Brannan Street" }, email: "s.hopper@example.com" },
            description: "S. Hopper – Café Zuid",
            id: `AH${alnumFrom("adyen:account-holder", 23).toUpperCase()}`,
            status: "active",
          },
        },
        environment: "test",
        timestamp: "2025-06-03T15:42:03+02:00",
        type: "balancePlatform.accountHolder.created",
      },
    }),
    adyenPlatformVector({
      name: "balance-platform-transfer-updated",
      now: unixSeconds("2025-06-04T08:15:10Z"),
      payload: {
        data: {
          id: alnumFrom("adyen:transfer", 16).toUpperCase(),
          amount: { currency: "EUR", value: 25000 },
          balancePlatform: "WEBHOOKHUB_PLATFORM",
          category: "bank",
          direction: "outgoing",
          reference: "Auszahlung Juni",
          status: "booked",
          type: "bankTransfer",
        },
        environment: "test",
        timestamp: "2025-06-04T10:15:08+02:00",
        type: "balancePlatform.transfer.updated",
      },
    }),
  ];
}

function checkAdyen(v) {
  if (v.headers.HmacSignature !== undefined) {
    check(hmacValidator.validateHMACSignature(v.secret, v.headers.HmacSignature, v.body), `${v.name}: HmacSignature`);
    check(!hmacValidator.validateHMACSignature(ADYEN_PUBLISHED.key, v.headers.HmacSignature, v.body), `${v.name}: wrong key accepted`);
    check(!hmacValidator.validateHMACSignature(v.secret, v.headers.HmacSignature, v.body + " "), `${v.name}: tampered body accepted`);
    return;
  }
  for (const { NotificationRequestItem: item } of JSON.parse(v.body).notificationItems) {
    check(hmacValidator.validateHMAC(item, v.secret), `${v.name}: item ${item.pspReference}`);
    check(!hmacValidator.validateHMAC(item, v.secret === ADYEN_KEY ? ADYEN_PUBLISHED.key : ADYEN_KEY), `${v.name}: wrong key accepted`);
    check(!hmacValidator.validateHMAC({ ...item, pspReference: item.pspReference + "X" }, v.secret), `${v.name}: tampered pspReference accepted`);
  }
  if (v.name === "adyen-library-spec-published") {
    const item = JSON.parse(v.body).notificationItems[0].NotificationRequestItem;
    check(item.additionalData.hmacSignature === ADYEN_PUBLISHED.signature, "published Adyen signature not reproduced");
    check(hmacValidator.getDataToSign(item) === "pspReference:originalReference:merchantAccount:reference:1000:EUR:CAPTURE:true", "published Adyen signing string");
  }
  if (v.name === "authorisation-failed-colon-backslash-reference") {
    const item = JSON.parse(v.body).notificationItems[0].NotificationRequestItem;
    check(hmacValidator.getDataToSign(item).includes(":order:42\\retry:1:"), "Adyen escapes webhook fields after all");
  }
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const outputs = {
  "zoom.json": buildZoomVectors(),
  "twitch.json": buildTwitchVectors(),
  "xero.json": buildXeroVectors(),
  "mailgun.json": buildMailgunVectors(),
  "sendgrid.json": buildSendgridVectors(),
  "adyen.json": buildAdyenVectors(),
};

for (const v of outputs["zoom.json"]) await checkZoom(v);
for (const v of outputs["twitch.json"]) checkTwitch(v);
for (const v of outputs["xero.json"]) checkXero(v);
for (const v of outputs["mailgun.json"]) checkMailgun(v);
for (const v of outputs["sendgrid.json"]) checkSendgrid(v);
for (const v of outputs["adyen.json"]) checkAdyen(v);

for (const [file, vectors] of Object.entries(outputs)) checkShape(file, vectors, { nonAscii: file !== "xero.json" });
for (const [file, vectors] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
