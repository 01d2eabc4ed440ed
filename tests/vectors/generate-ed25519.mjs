// generate-ed25519.mjs: builds WebhookHub's Ed25519 (asymmetric) webhook signature test vectors
// for Discord interactions and Standard Webhooks "v1a", checks every vector, and writes the JSON
// files next to this script. (generate.mjs does Stripe, GitHub and Standard Webhooks v1 (HMAC);
// generate-more.mjs does Shopify and Slack; generate-billing.mjs does Paddle, Linear, Razorpay
// and Coinbase Commerce.)
//
//   discord.json                Discord interactions: X-Signature-Ed25519 = hex(Ed25519 signature over
//                               the UTF-8 bytes of X-Signature-Timestamp + raw body),
//                               X-Signature-Timestamp = unix seconds.
//                               secret = the application's PUBLIC key, 64 lower-case hex characters
//                               (what the Discord developer portal shows as "Public Key").
//                  produced: node:crypto sign(null, timestamp + body, privateKey)
//                            (discord-interactions has no signing function)
//                  verified: discord-interactions verifyKey(rawBody, signature, timestamp, publicKeyHex),
//                            which is ASYNC (returns Promise<boolean>) and never throws; also
//                            cross-checked with node:crypto verify
//   standardwebhooks-v1a.json   Standard Webhooks asymmetric signatures: webhook-id, webhook-timestamp,
//                               webhook-signature = "v1a," + base64(Ed25519 signature over the UTF-8
//                               bytes of "{webhook-id}.{webhook-timestamp}.{body}").
//                               secret = "whpk_" + base64(raw 32-byte Ed25519 public key), standard
//                               base64 with padding (44 characters after the prefix).
//                  produced: node:crypto sign(null, "<id>.<ts>.<body>", privateKey)
//                  verified: node:crypto verify(null, data, publicKey, signature) for each "v1a," entry
//                            of the header, because the standardwebhooks npm library only verifies
//                            "v1" (HMAC) entries and skips every other version.
//
// Every vector is also checked to FAIL for a tampered body (one space appended) and for a
// different public key (and, for Discord, a different timestamp).
//
// Keys: every key pair comes from a fixed 32-byte seed (SHA-256 of a label) turned into an
// Ed25519 private key by wrapping it in a PKCS#8 DER (RFC 8410). The derivation is first checked
// against RFC 8032 section 7.1 TEST 1 (seed -> public key, and the signature of the empty message).
// Ed25519 signatures are deterministic (RFC 8032), so fixed seeds give fixed signatures.
//
// Standard Webhooks key format: the spec (spec/standard-webhooks.md, "Signature scheme" table) says
// only "Standard ed25519 key pair ... base64 encoded, prefixed with whsk_ for the secret key, and
// whpk_ for the public key". It does not say whether whsk_ holds the 32-byte seed or the 64-byte
// (seed || public key) libsodium form; WebhookHub only ever needs whpk_, which is unambiguous
// (the 32-byte RFC 8032 public key), so no whsk_ value is written.
//
// What the libraries check (as of the versions pinned in package-lock.json):
//   discord-interactions verifyKey: signature only; it does NOT look at how old the timestamp is
//           (no replay window). It hex-decodes the key and signature itself and returns false (never
//           throws) on any error. Forgetting to await it gives a Promise, which is truthy.
//   Discord itself, when an Interactions Endpoint URL is saved, sends a PING and also requests with
//           bad signatures, and requires the endpoint to reject them with 401.
//
// The output is deterministic: fixed seeds, timestamps and IDs (derived from fixed labels with
// SHA-256); no Date.now and no randomness. A rerun gives byte-identical files as long as the
// versions pinned in package-lock.json are the ones installed.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-ed25519.mjs     (or: npm run generate-ed25519)
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   plus, for the Discord PING vector only, a trailing "challenge": the exact response body
//   WebhookHub must answer with ({"type":1}, a PONG), with Content-Type application/json.
//   now:       unix seconds at which to verify: X-Signature-Timestamp | webhook-timestamp.
//   eventId:   Discord body.id (null for PING) | Standard Webhooks webhook-id
//   eventType: Discord "ping" (type 1) | "application_command" (type 2) | "message_component" (type 3)
//              Standard Webhooks body.type
//
// If a self-check fails, the script throws before it writes anything.

import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { verifyKey, InteractionType, InteractionResponseType } from "discord-interactions";

const here = dirname(fileURLToPath(import.meta.url));

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const DISCORD_INTERACTIONS_VERSION = versionOf("discord-interactions");

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256(label) {
  return createHash("sha256").update(label).digest();
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
    const base = "name,source,secret,body,headers,now,valid,eventId,eventType";
    const handshake = file === "discord.json" && v.eventType === "ping";
    check(keys === (handshake ? `${base},challenge` : base), `${file}/${v.name}: unexpected keys ${keys}`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name), `${file}/${v.name}: name is not kebab-case`);
    check(!names.has(v.name), `${file}/${v.name}: duplicate name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.now > 0, `${file}/${v.name}: bad now`);
    check(v.valid === true, `${file}/${v.name}: valid must be true`);
    check(v.headers["Content-Type"] === "application/json", `${file}/${v.name}: Content-Type`);
    if (handshake) check(v.eventId === null && typeof v.challenge === "string", `${file}/${v.name}: handshake fields`);
    else check(typeof v.eventId === "string" && v.eventId.length > 0, `${file}/${v.name}: eventId`);
    check(typeof v.eventType === "string" && v.eventType.length > 0, `${file}/${v.name}: eventType`);
    JSON.parse(v.body);
  }
}

// ---------------------------------------------------------------------------
// Ed25519 keys from fixed seeds
// ---------------------------------------------------------------------------

// RFC 8410 PKCS#8 PrivateKeyInfo for Ed25519 is this fixed 16-byte prefix + the 32-byte seed;
// SubjectPublicKeyInfo is a fixed 12-byte prefix + the 32-byte public key.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

function privateKeyFromSeed(seed) {
  check(seed.length === 32, "Ed25519 seed must be 32 bytes");
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

function rawPublicKey(privateKey) {
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  check(spki.length === 44 && spki.subarray(0, 12).equals(SPKI_ED25519_PREFIX), "unexpected SPKI encoding");
  return spki.subarray(12);
}

function publicKeyFromRaw(raw) {
  check(raw.length === 32, "Ed25519 public key must be 32 bytes");
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: "der", type: "spki" });
}

// A key pair from a fixed label: seed = SHA-256(label).
function keyPairFrom(label) {
  const privateKey = privateKeyFromSeed(sha256(label));
  const raw = rawPublicKey(privateKey);
  return { privateKey, publicKey: publicKeyFromRaw(raw), raw };
}

function ed25519Sign(privateKey, data) {
  return sign(null, Buffer.from(data, "utf8"), privateKey);
}

// RFC 8032 section 7.1, TEST 1: proves the seed -> key derivation and the signing call.
{
  const seed = Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex");
  const privateKey = privateKeyFromSeed(seed);
  check(rawPublicKey(privateKey).toString("hex") === "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "RFC 8032 TEST 1 public key");
  const signature = sign(null, Buffer.alloc(0), privateKey).toString("hex");
  check(
    signature === "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "RFC 8032 TEST 1 signature",
  );
}

// ---------------------------------------------------------------------------
// Discord interactions
// ---------------------------------------------------------------------------

const discordSource = `produced: node:crypto sign(null, X-Signature-Timestamp + body, Ed25519 key); verified: discord-interactions npm ${DISCORD_INTERACTIONS_VERSION} await verifyKey(rawBody, signature, timestamp, publicKeyHex)`;

const DISCORD_KEY = keyPairFrom("webhookhub/discord/application-key-1");
const DISCORD_OTHER_KEY = keyPairFrom("webhookhub/discord/other-application-key");
const DISCORD_PUBLIC_KEY_HEX = DISCORD_KEY.raw.toString("hex");
const DISCORD_EPOCH_MS = 1420070400000n;

// A Discord snowflake for a given unix millisecond time: (ms - Discord epoch) << 22 | worker | process | increment.
function snowflake(ms, label) {
  const h = sha256(`discord:snowflake:${label}`);
  const low = (BigInt(h[0] & 31) << 17n) | (BigInt(h[1] & 31) << 12n) | BigInt(h.readUInt16BE(2) & 0xfff);
  return String(((BigInt(ms) - DISCORD_EPOCH_MS) << 22n) | low);
}

// Interaction tokens are base64url("interaction:<interaction id>:<opaque random part>").
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function interactionToken(interactionId) {
  let opaque = "";
  for (let i = 0; opaque.length < 128; i++) {
    for (const b of sha256(`discord:token:${interactionId}:${i}`)) opaque += ALNUM[b % 62];
  }
  return Buffer.from(`interaction:${interactionId}:${opaque.slice(0, 128)}`, "utf8").toString("base64url");
}

const APPLICATION_ID = snowflake(Date.UTC(2024, 10, 2, 9, 14, 27, 311), "application");
const GUILD_ID = snowflake(Date.UTC(2023, 2, 17, 18, 40, 2, 77), "guild");
const CHANNEL_ID = snowflake(Date.UTC(2023, 2, 17, 18, 40, 2, 901), "channel");
const COMMAND_ID = snowflake(Date.UTC(2024, 10, 2, 9, 31, 50, 640), "command-hello");

function discordVector({ name, timestamp, body, eventId, eventType }) {
  return {
    name,
    source: discordSource,
    secret: DISCORD_PUBLIC_KEY_HEX,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Signature-Ed25519": ed25519Sign(DISCORD_KEY.privateKey, `${timestamp}${body}`).toString("hex"),
      "X-Signature-Timestamp": String(timestamp),
    },
    now: timestamp,
    valid: true,
    eventId,
    eventType,
  };
}

const DISCORD_EVENT_TYPES = {
  [InteractionType.PING]: "ping",
  [InteractionType.APPLICATION_COMMAND]: "application_command",
  [InteractionType.MESSAGE_COMPONENT]: "message_component",
};

async function checkDiscord(v) {
  const parsed = JSON.parse(v.body);
  const signature = v.headers["X-Signature-Ed25519"];
  const timestamp = v.headers["X-Signature-Timestamp"];
  check(/^[0-9a-f]{64}$/.test(v.secret) && v.secret === DISCORD_PUBLIC_KEY_HEX, `${v.name}: secret is not the 64-hex public key`);
  check(/^[0-9a-f]{128}$/.test(signature), `${v.name}: signature is not 128 hex characters`);
  check(String(v.now) === timestamp, `${v.name}: now is not X-Signature-Timestamp`);
  check(v.eventType === DISCORD_EVENT_TYPES[parsed.type], `${v.name}: eventType does not match body.type`);
  check(v.eventId === (parsed.type === InteractionType.PING ? null : parsed.id), `${v.name}: eventId mismatch`);
  check(parsed.application_id === APPLICATION_ID && typeof parsed.token === "string" && parsed.version === 1, `${v.name}: envelope mismatch`);

  const pending = verifyKey(v.body, signature, timestamp, v.secret);
  check(pending instanceof Promise, `${v.name}: verifyKey is expected to be async in discord-interactions ${DISCORD_INTERACTIONS_VERSION}`);
  check((await pending) === true, `${v.name}: verifyKey rejected the vector`);
  check((await verifyKey(Buffer.from(v.body, "utf8"), signature, timestamp, v.secret)) === true, `${v.name}: verifyKey rejected the body as a Buffer`);
  const data = Buffer.from(timestamp + v.body, "utf8");
  check(verify(null, data, publicKeyFromRaw(Buffer.from(v.secret, "hex")), Buffer.from(signature, "hex")), `${v.name}: node:crypto verify rejected the vector`);

  check((await verifyKey(v.body + " ", signature, timestamp, v.secret)) === false, `${v.name}: tampered body accepted`);
  check((await verifyKey(v.body, signature, String(v.now + 1), v.secret)) === false, `${v.name}: other timestamp accepted`);
  check((await verifyKey(v.body, signature, timestamp, DISCORD_OTHER_KEY.raw.toString("hex"))) === false, `${v.name}: different public key accepted`);

  if (parsed.type === InteractionType.PING) {
    check(v.challenge === JSON.stringify({ type: InteractionResponseType.PONG }) && v.challenge === '{"type":1}', `${v.name}: challenge is not the PONG body`);
  }
}

function discordUser({ label, username, globalName }) {
  return {
    avatar: null,
    avatar_decoration_data: null,
    clan: null,
    collectibles: null,
    discriminator: "0",
    global_name: globalName,
    id: snowflake(Date.UTC(2021, 5, 4, 12, 0, 0, 0), `user:${label}`),
    primary_guild: null,
    public_flags: 0,
    username,
  };
}

function discordMember(user, joinedAt) {
  return {
    avatar: null,
    banner: null,
    communication_disabled_until: null,
    deaf: false,
    flags: 0,
    joined_at: joinedAt,
    mute: false,
    nick: null,
    pending: false,
    permissions: "2248473465835073",
    premium_since: null,
    roles: [],
    unusual_dm_activity_until: null,
    user,
  };
}

// Guild interaction envelope; Discord sends its keys in alphabetical order, compact.
function guildInteraction({ id, type, data, member, extra = {} }) {
  const fields = {
    app_permissions: "2248473465835073",
    application_id: APPLICATION_ID,
    attachment_size_limit: 10485760,
    authorizing_integration_owners: { 0: GUILD_ID },
    channel: { flags: 0, guild_id: GUILD_ID, id: CHANNEL_ID, last_message_id: null, name: "general", nsfw: false, parent_id: null, permissions: "2248473465835073", position: 0, rate_limit_per_user: 0, topic: null, type: 0 },
    channel_id: CHANNEL_ID,
    context: 0,
    data,
    entitlement_sku_ids: [],
    entitlements: [],
    guild: { features: [], id: GUILD_ID, locale: "en-US" },
    guild_id: GUILD_ID,
    guild_locale: "en-US",
    id,
    locale: "en-US",
    member,
    token: interactionToken(id),
    type,
    version: 1,
    ...extra,
  };
  return Object.fromEntries(Object.keys(fields).sort().map((k) => [k, fields[k]]));
}

function buildDiscordVectors() {
  const vectors = [];

  // PING, sent when the Interactions Endpoint URL is saved; the answer must be a PONG.
  {
    const ms = Date.UTC(2025, 5, 10, 14, 3, 11, 482);
    const id = snowflake(ms, "ping-1");
    const body = JSON.stringify({ type: InteractionType.PING, id, application_id: APPLICATION_ID, token: interactionToken(id), version: 1 });
    vectors.push({
      ...discordVector({ name: "ping", timestamp: Math.floor(ms / 1000) + 1, body, eventId: null, eventType: "ping" }),
      challenge: JSON.stringify({ type: InteractionResponseType.PONG }),
    });
  }

  // APPLICATION_COMMAND: the /hello slash command, run in a guild.
  {
    const ms = Date.UTC(2025, 5, 10, 14, 7, 42, 915);
    const id = snowflake(ms, "command-hello-1");
    const user = discordUser({ label: "ada", username: "ada.lovelace", globalName: "Ada" });
    const body = JSON.stringify(
      guildInteraction({
        id,
        type: InteractionType.APPLICATION_COMMAND,
        data: { id: COMMAND_ID, name: "hello", type: 1 },
        member: discordMember(user, "2023-03-18T09:12:44.120000+00:00"),
      }),
    );
    vectors.push(discordVector({ name: "application-command-hello", timestamp: Math.floor(ms / 1000), body, eventId: id, eventType: "application_command" }));
  }

  // MESSAGE_COMPONENT: a button click on a message; contains non-ASCII UTF-8 (Latin accents,
  // a dash, CJK and astral-plane emoji) in the message content, the button label and the user name.
  {
    const ms = Date.UTC(2025, 5, 10, 14, 12, 5, 38);
    const id = snowflake(ms, "component-vote-1");
    const messageMs = Date.UTC(2025, 5, 10, 14, 9, 58, 204);
    const user = discordUser({ label: "zoe", username: "zoe.angstrom", globalName: "Zoë Ångström ☕" });
    const bot = { avatar: null, bot: true, discriminator: "0", global_name: null, id: APPLICATION_ID, public_flags: 524288, username: "WebhookHub" };
    const message = {
      application_id: APPLICATION_ID,
      attachments: [],
      author: bot,
      channel_id: CHANNEL_ID,
      components: [
        {
          components: [
            { custom_id: "vote:yes", emoji: { name: "👍" }, id: 2, label: "Ja – gerne", style: 3, type: 2 },
            { custom_id: "vote:no", emoji: { name: "👎" }, id: 3, label: "Nein", style: 4, type: 2 },
          ],
          id: 1,
          type: 1,
        },
      ],
      content: "Abstimmung: Team-Offsite in Zürich oder 東京? 🗳️",
      edited_timestamp: null,
      embeds: [],
      flags: 0,
      id: snowflake(messageMs, "message-vote-1"),
      interaction_metadata: { authorizing_integration_owners: { 0: GUILD_ID }, id: snowflake(messageMs - 412, "command-vote-1"), name: "vote", type: 2, user },
      mention_everyone: false,
      mention_roles: [],
      mentions: [],
      pinned: false,
      timestamp: "2025-06-10T14:09:58.204000+00:00",
      tts: false,
      type: 20,
    };
    const body = JSON.stringify(
      guildInteraction({
        id,
        type: InteractionType.MESSAGE_COMPONENT,
        data: { component_type: 2, custom_id: "vote:yes", id: 2 },
        member: discordMember(user, "2024-01-08T20:31:02.845000+00:00"),
        extra: { locale: "de", message },
      }),
    );
    vectors.push(discordVector({ name: "message-component-button-non-ascii-utf8", timestamp: Math.floor(ms / 1000), body, eventId: id, eventType: "message_component" }));
  }
  return vectors;
}

// ---------------------------------------------------------------------------
// Standard Webhooks v1a (Ed25519)
// ---------------------------------------------------------------------------

const standardSource = `produced: node:crypto sign(null, "<webhook-id>.<webhook-timestamp>.<body>", Ed25519 key); verified: node:crypto verify(null, data, publicKey, signature) (the standardwebhooks npm library verifies only v1/HMAC, not v1a)`;

const STANDARD_KEY = keyPairFrom("webhookhub/standardwebhooks-v1a/signing-key-1");
const STANDARD_OTHER_KEY = keyPairFrom("webhookhub/standardwebhooks-v1a/other-key");
const STANDARD_OLD_KEY = keyPairFrom("webhookhub/standardwebhooks-v1a/retired-key-0");

function whpk(raw) {
  return "whpk_" + raw.toString("base64");
}

function publicKeyFromWhpk(secret) {
  check(/^whpk_[A-Za-z0-9+/]{43}=$/.test(secret), `not a whpk_ public key: ${secret}`);
  return publicKeyFromRaw(Buffer.from(secret.slice("whpk_".length), "base64"));
}

// Standard Webhooks message ids: "msg_" + 27 base62 characters (a KSUID), derived from a label.
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function msgId(label) {
  const h = sha256(`standardwebhooks-v1a:msg:${label}`);
  let s = "2y";
  for (let i = 0; i < 25; i++) s += BASE62[h[i] % 62];
  return `msg_${s}`;
}

function v1a(privateKey, id, timestamp, body) {
  return "v1a," + ed25519Sign(privateKey, `${id}.${timestamp}.${body}`).toString("base64");
}

function standardVector({ name, source = standardSource, id, timestamp, body, signature }) {
  return {
    name,
    source,
    secret: whpk(STANDARD_KEY.raw),
    body,
    headers: {
      "Content-Type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signature ?? v1a(STANDARD_KEY.privateKey, id, timestamp, body),
    },
    now: timestamp,
    valid: true,
    eventId: id,
    eventType: JSON.parse(body).type,
  };
}

// Accepts when any space-separated "v1a,<base64>" entry verifies under publicKey; other versions are skipped.
function verifyV1a({ id, timestamp, body, header, publicKey }) {
  const data = Buffer.from(`${id}.${timestamp}.${body}`, "utf8");
  return header.split(" ").some((entry) => {
    const comma = entry.indexOf(",");
    if (comma < 0 || entry.slice(0, comma) !== "v1a") return false;
    const sig = Buffer.from(entry.slice(comma + 1), "base64");
    return sig.length === 64 && verify(null, data, publicKey, sig);
  });
}

function checkStandard(v) {
  const parsed = JSON.parse(v.body);
  const id = v.headers["webhook-id"];
  const timestamp = v.headers["webhook-timestamp"];
  const header = v.headers["webhook-signature"];
  check(v.eventId === id && v.eventType === parsed.type && String(v.now) === timestamp, `${v.name}: eventId/eventType/now mismatch`);
  check(!id.includes(".") && /^\d+$/.test(timestamp), `${v.name}: id or timestamp would break the "." framing`);
  const publicKey = publicKeyFromWhpk(v.secret);
  check(header.split(" ").some((e) => /^v1a,[A-Za-z0-9+/]{86}==$/.test(e)), `${v.name}: no v1a entry with an 88-character base64 signature`);
  check(verifyV1a({ id, timestamp, body: v.body, header, publicKey }), `${v.name}: node:crypto verify rejected the vector`);
  check(!verifyV1a({ id, timestamp, body: v.body + " ", header, publicKey }), `${v.name}: tampered body accepted`);
  check(!verifyV1a({ id, timestamp, body: v.body, header, publicKey: STANDARD_OTHER_KEY.publicKey }), `${v.name}: different public key accepted`);
  check(!verifyV1a({ id: id + "x", timestamp, body: v.body, header, publicKey }), `${v.name}: other webhook-id accepted`);
  check(!verifyV1a({ id, timestamp: String(v.now + 1), body: v.body, header, publicKey }), `${v.name}: other timestamp accepted`);
}

function buildStandardVectors() {
  const vectors = [];

  {
    const timestamp = 1751371200;
    const body = JSON.stringify({
      type: "invoice.paid",
      timestamp: "2025-07-01T12:00:00.000Z",
      data: { id: "inv_01JZ3K8Q2T", customer_id: "cust_01JZ3K5M9W", amount: 4200, currency: "EUR", status: "paid" },
    });
    vectors.push(standardVector({ name: "invoice-paid", id: msgId("invoice-paid"), timestamp, body }));
  }

  // Contains non-ASCII UTF-8: Latin accents, a dash, CJK and an astral-plane emoji.
  {
    const timestamp = 1751371260;
    const body = JSON.stringify({
      type: "user.updated",
      timestamp: "2025-07-01T12:00:58.123Z",
      data: { id: "user_01JZ3KC7EF", name: "Zoë Ångström-Müller", city: "Zürich", note: "Größere Limits – 東京チーム 🚀" },
    });
    vectors.push(standardVector({ name: "user-updated-non-ascii-utf8", id: msgId("user-updated"), timestamp, body }));
  }

  // A v1 (HMAC) entry with a garbage value first, then the right v1a entry: a v1a verifier must
  // skip the v1 entry (it cannot check it with a public key) and accept the v1a one.
  {
    const id = msgId("order-shipped");
    const timestamp = 1751371320;
    const body = JSON.stringify({
      type: "order.shipped",
      timestamp: "2025-07-01T12:01:59.870Z",
      data: { id: "ord_01JZ3KD9GH", carrier: "UPS", tracking: "1Z999AA10123456784" },
    });
    const garbage = "v1," + sha256("standardwebhooks-v1a:garbage-v1-signature").toString("base64");
    vectors.push(
      standardVector({
        name: "v1-garbage-then-v1a",
        source: `${standardSource} (header "v1,<garbage> v1a,<right>")`,
        id,
        timestamp,
        body,
        signature: `${garbage} ${v1a(STANDARD_KEY.privateKey, id, timestamp, body)}`,
      }),
    );
  }

  // Key rotation: a v1a signature by a retired key first, then the current key's.
  {
    const id = msgId("invoice-payment-failed");
    const timestamp = 1751371380;
    const body = JSON.stringify({
      type: "invoice.payment_failed",
      timestamp: "2025-07-01T12:02:59.004Z",
      data: { id: "inv_01JZ3KEAIJ", customer_id: "cust_01JZ3K5M9W", amount: 4200, currency: "EUR", attempt: 2 },
    });
    const old = v1a(STANDARD_OLD_KEY.privateKey, id, timestamp, body);
    check(!verifyV1a({ id, timestamp: String(timestamp), body, header: old, publicKey: STANDARD_KEY.publicKey }), "rotation vector: retired key's signature verifies under the current key");
    vectors.push(
      standardVector({
        name: "two-v1a-signatures-first-retired-key",
        source: `${standardSource} (two v1a signatures: retired key, then the current one)`,
        id,
        timestamp,
        body,
        signature: `${old} ${v1a(STANDARD_KEY.privateKey, id, timestamp, body)}`,
      }),
    );
  }
  return vectors;
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const discordVectors = buildDiscordVectors();
const standardVectors = buildStandardVectors();

for (const v of discordVectors) await checkDiscord(v);
for (const v of standardVectors) checkStandard(v);

const outputs = {
  "discord.json": discordVectors,
  "standardwebhooks-v1a.json": standardVectors,
};
for (const [file, vectors] of Object.entries(outputs)) checkShape(file, vectors);
for (const [file, vectors] of Object.entries(outputs)) {
  writeVectors(file, vectors);
  console.log(`${file}: ${vectors.length} vectors`);
}
console.log("all self-checks passed");
