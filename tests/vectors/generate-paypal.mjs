// generate-paypal.mjs: builds WebhookHub's PayPal webhook signature test vectors and the
// self-signed test certificate they verify with, checks every vector, and writes paypal.json and
// paypal-test-cert.pem next to this script.
//
//   paypal.json   PAYPAL-TRANSMISSION-SIG = base64(RSA PKCS#1 v1.5 SHA-256 signature of
//                 "<PAYPAL-TRANSMISSION-ID>|<PAYPAL-TRANSMISSION-TIME>|<webhook ID>|<CRC-32 of the raw body,
//                 unsigned decimal>"), PAYPAL-AUTH-ALGO = SHA256withRSA, PAYPAL-CERT-URL = a PayPal
//                 certificate URL (https://api[-m][.sandbox].paypal.com/v1/notifications/certs/...).
//                 secret = the webhook ID (what WebhookHub stores as the source's secret).
//                 produced: node:crypto sign("sha256", ...) with the test key below. No PayPal library
//                           signs webhooks (PayPal signs with its own private key), so these vectors
//                           follow the documented algorithm (a real PayPal sandbox delivery, with the
//                           certificate PayPal-Java-SDK's tests ship, is added by generate-published.mjs):
//                           https://developer.paypal.com/api/rest/webhooks/rest/
//                 verified: node:crypto verify() with the public key of paypal-test-cert.pem; the CRC-32
//                           is zlib.crc32, cross-checked against a table-driven CRC-32 (IEEE) here.
//   paypal-test-cert.pem   The self-signed X.509 certificate (CN=WebhookHub PayPal test certificate) that
//                 stands in for PayPal's certificate: the tests hand it to the verifier through
//                 IPayPalCertificates for every PAYPAL-CERT-URL in paypal.json. It is NOT PayPal's.
//
// Keys: the RSA-2048 key is derived deterministically from a fixed label (SHA-256 in counter mode
// picks the prime candidates, crypto.checkPrimeSync tests them), so no private key is committed
// and none is ever reused: it exists only while this script runs. RSA PKCS#1 v1.5 signatures are
// deterministic, so the certificate and every vector are byte-identical on each run.
//
// Every vector is also checked to FAIL for a tampered body (one space appended), a different
// webhook ID, and a different transmission time.
//
// To rerun:
//   cd tests/vectors && npm ci && node generate-paypal.mjs     (or: npm run generate-paypal)
//
// Every object in paypal.json has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType }
//   now:       unix seconds at which to verify: PAYPAL-TRANSMISSION-TIME plus a few seconds.
//   eventId:   body.id (WH-...);   eventType: body.event_type (e.g. PAYMENT.CAPTURE.COMPLETED)
//
// If a self-check fails, the script throws before it writes anything.

import { X509Certificate, checkPrimeSync, createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256(data) {
  return createHash("sha256").update(data).digest();
}

function hexId(label, length) {
  return sha256(label).toString("hex").slice(0, length);
}

function writeFile(file, text) {
  writeFileSync(join(here, file), text, "utf8");
}

// CRC-32 (IEEE 802.3, reflected 0xEDB88320), written out to cross-check zlib.crc32.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function tableCrc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
check(tableCrc32(Buffer.from("123456789")) === 0xcbf43926 && crc32("123456789") === 0xcbf43926, "CRC-32 check value");

// ---------------------------------------------------------------------------
// A deterministic RSA-2048 key
// ---------------------------------------------------------------------------

function bigFromBytes(bytes) {
  return BigInt("0x" + Buffer.from(bytes).toString("hex"));
}

function bytesFromBig(value) {
  let hex = value.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  return Buffer.from(hex, "hex");
}

function modInverse(a, m) {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  check(oldR === 1n, "modular inverse exists");
  return ((oldS % m) + m) % m;
}

function deterministicPrime(label, e) {
  for (let counter = 0; ; counter++) {
    const bytes = Buffer.concat([0, 1, 2, 3].map((i) => sha256(`${label}:${counter}:${i}`))); // 128 bytes = 1024 bits
    bytes[0] |= 0xc0; // top two bits set: the product of two such primes has exactly 2048 bits
    bytes[127] |= 0x01;
    const candidate = bigFromBytes(bytes);
    if ((candidate - 1n) % e !== 0n && checkPrimeSync(candidate, { checks: 64 })) return candidate;
  }
}

function deterministicRsaKey(label) {
  const e = 65537n;
  const p = deterministicPrime(`${label}:p`, e);
  const q = deterministicPrime(`${label}:q`, e);
  check(p !== q, "distinct primes");
  const n = p * q;
  check(n.toString(2).length === 2048, "2048-bit modulus");
  const d = modInverse(e, (p - 1n) * (q - 1n));
  const b64 = (v) => bytesFromBig(v).toString("base64url");
  return createPrivateKey({
    key: { kty: "RSA", n: b64(n), e: b64(e), d: b64(d), p: b64(p), q: b64(q), dp: b64(d % (p - 1n)), dq: b64(d % (q - 1n)), qi: b64(modInverse(q, p)) },
    format: "jwk",
  });
}

// ---------------------------------------------------------------------------
// A minimal self-signed X.509 v3 certificate, DER-encoded by hand
// ---------------------------------------------------------------------------

function der(tag, content) {
  const length = content.length;
  const header = length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...header]), content]);
}
const seq = (...items) => der(0x30, Buffer.concat(items));
const set = (...items) => der(0x31, Buffer.concat(items));
const oid = (bytes) => der(0x06, Buffer.from(bytes));
const utf8 = (text) => der(0x0c, Buffer.from(text, "utf8"));
const utcTime = (text) => der(0x17, Buffer.from(text, "ascii"));
const SHA256_WITH_RSA = seq(oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]), Buffer.from([0x05, 0x00]));
const name = (commonName, organization) =>
  seq(set(seq(oid([0x55, 0x04, 0x0a]), utf8(organization))), set(seq(oid([0x55, 0x04, 0x03]), utf8(commonName))));

function selfSignedCertificate(privateKey, { commonName, organization, serial, notBefore, notAfter }) {
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const subject = name(commonName, organization);
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([0x02]))), // version v3
    der(0x02, serial),
    SHA256_WITH_RSA,
    subject, // issuer = subject: self-signed
    seq(utcTime(notBefore), utcTime(notAfter)),
    subject,
    spki,
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = seq(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  const base64 = certificate.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

const privateKey = deterministicRsaKey("webhookhub:paypal:test-certificate:v1");
const certificatePem = selfSignedCertificate(privateKey, {
  commonName: "WebhookHub PayPal test certificate",
  organization: "WebhookHub tests (not PayPal)",
  serial: Buffer.from("01" + hexId("webhookhub:paypal:serial", 30), "hex"),
  notBefore: "240101000000Z",
  notAfter: "340101000000Z",
});
const certificate = new X509Certificate(certificatePem);
check(certificate.verify(createPublicKey(privateKey)) && certificate.checkPrivateKey(privateKey), "certificate is self-signed by the key");
check(certificate.subject.includes("CN=WebhookHub PayPal test certificate"), "certificate subject");
check(new Date(certificate.validFrom).toISOString() === "2024-01-01T00:00:00.000Z" && new Date(certificate.validTo).toISOString() === "2034-01-01T00:00:00.000Z", "certificate validity");

// ---------------------------------------------------------------------------
// PayPal vectors
// ---------------------------------------------------------------------------

const SOURCE =
  "produced: node:crypto RSA-SHA256 over '<transmission id>|<transmission time>|<webhook id>|<crc32>' per https://developer.paypal.com/api/rest/webhooks/rest/ " +
  "(no PayPal library signs webhooks), with a self-signed test certificate (paypal-test-cert.pem); verified: node:crypto verify";

function signedString(transmissionId, time, webhookId, body) {
  const crc = crc32(Buffer.from(body, "utf8"));
  check(crc === tableCrc32(Buffer.from(body, "utf8")), "zlib.crc32 matches the table CRC-32");
  return `${transmissionId}|${time}|${webhookId}|${crc}`;
}

function paypalVector({ name, webhookId, certUrl, time, payload, delay = 3 }) {
  const body = JSON.stringify(payload);
  const transmissionId = [8, 4, 4, 4, 12].map((n, i) => hexId(`paypal:transmission:${name}:${i}`, n)).join("-");
  const signature = sign("sha256", Buffer.from(signedString(transmissionId, time, webhookId, body), "utf8"), privateKey).toString("base64");
  return {
    name,
    source: SOURCE,
    secret: webhookId,
    body,
    headers: {
      "Content-Type": "application/json",
      "PAYPAL-AUTH-ALGO": "SHA256withRSA",
      "PAYPAL-CERT-URL": certUrl,
      "PAYPAL-TRANSMISSION-ID": transmissionId,
      "PAYPAL-TRANSMISSION-SIG": signature,
      "PAYPAL-TRANSMISSION-TIME": time,
    },
    now: Math.floor(Date.parse(time) / 1000) + delay,
    valid: true,
    eventId: payload.id,
    eventType: payload.event_type,
  };
}

function checkPaypal(v) {
  const h = v.headers;
  const ok = (body, webhookId, time = h["PAYPAL-TRANSMISSION-TIME"]) =>
    verify("sha256", Buffer.from(signedString(h["PAYPAL-TRANSMISSION-ID"], time, webhookId, body), "utf8"), certificate.publicKey, Buffer.from(h["PAYPAL-TRANSMISSION-SIG"], "base64"));
  check(ok(v.body, v.secret), `${v.name}: does not verify`);
  check(!ok(v.body + " ", v.secret), `${v.name}: tampered body verifies`);
  check(!ok(v.body, v.secret.replace(/.$/, (c) => (c === "0" ? "1" : "0"))), `${v.name}: another webhook ID verifies`);
  check(!ok(v.body, v.secret, h["PAYPAL-TRANSMISSION-TIME"].replace(/\d(?=\D*$)/, (c) => String((Number(c) + 1) % 10))), `${v.name}: another time verifies`);
  check(/^https:\/\/api(-m)?(\.sandbox)?\.paypal\.com\/v1\/notifications\/certs\/CERT-/.test(h["PAYPAL-CERT-URL"]), `${v.name}: cert URL`);
  check(/^[A-Za-z0-9]{1,50}$/.test(v.secret), `${v.name}: webhook ID shape`);
  check(JSON.parse(v.body).id === v.eventId && v.eventId.startsWith("WH-"), `${v.name}: eventId`);
}

function checkShape(vectors) {
  check(vectors.length >= 3, "paypal.json: fewer than 3 vectors");
  check(vectors.some((v) => /[^\x00-\x7f]/.test(v.body)), "paypal.json: no non-ASCII body");
  const names = new Set();
  for (const v of vectors) {
    check(Object.keys(v).join(",") === "name,source,secret,body,headers,now,valid,eventId,eventType", `paypal.json/${v.name}: keys`);
    check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name) && !names.has(v.name), `paypal.json/${v.name}: name`);
    names.add(v.name);
    check(Number.isInteger(v.now) && v.valid === true && typeof v.eventType === "string", `paypal.json/${v.name}: fields`);
  }
}

const eventId = (label) => `WH-${hexId(`paypal:event:${label}`, 17).toUpperCase()}-${hexId(`paypal:event2:${label}`, 17).toUpperCase()}`;
const paypalId = (label) => hexId(`paypal:id:${label}`, 17).toUpperCase();
const link = (href, rel, method = "GET") => ({ href, rel, method });

function capturePayload({ label, host, eventType, summary, status, amount, currency, createTime, customId, extra = {} }) {
  const id = eventId(label);
  const captureId = paypalId(`capture:${label}`);
  const orderId = paypalId(`order:${label}`);
  return {
    id,
    event_version: "1.0",
    create_time: createTime,
    resource_type: "capture",
    resource_version: "2.0",
    event_type: eventType,
    summary,
    resource: {
      id: captureId,
      amount: { currency_code: currency, value: amount },
      final_capture: true,
      seller_protection: { status: "ELIGIBLE", dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"] },
      status,
      supplementary_data: { related_ids: { order_id: orderId } },
      custom_id: customId,
      create_time: createTime,
      update_time: createTime,
      links: [link(`https://${host}/v2/payments/captures/${captureId}`, "self"), link(`https://${host}/v2/payments/captures/${captureId}/refund`, "refund", "POST"), link(`https://${host}/v2/checkout/orders/${orderId}`, "up")],
      ...extra,
    },
    links: [link(`https://${host}/v1/notifications/webhooks-events/${id}`, "self"), link(`https://${host}/v1/notifications/webhooks-events/${id}/resend`, "resend", "POST")],
  };
}

function buildPaypalVectors() {
  const live = "8PT597110X687430LKGECATA";
  const sandbox = "1JE4291016473214C";
  const liveCert = "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27";
  const vectors = [];

  vectors.push(
    paypalVector({
      name: "payment-capture-completed",
      webhookId: live,
      certUrl: liveCert,
      time: "2025-05-15T11:04:07Z",
      payload: capturePayload({ label: "c1", host: "api.paypal.com", eventType: "PAYMENT.CAPTURE.COMPLETED", summary: "Payment completed for $ 29.0 USD", status: "COMPLETED", amount: "29.00", currency: "USD", createTime: "2025-05-15T11:04:01Z", customId: "cus_whh_1042" }),
    }),
  );

  vectors.push(
    paypalVector({
      name: "payment-capture-refunded-non-ascii",
      webhookId: live,
      certUrl: "https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27",
      time: "2025-05-16T08:12:44.512Z",
      payload: capturePayload({
        label: "c2",
        host: "api.paypal.com",
        eventType: "PAYMENT.CAPTURE.REFUNDED",
        summary: "Rückerstattung über 29,00 € – café ☕ 🚀",
        status: "REFUNDED",
        amount: "29.00",
        currency: "EUR",
        createTime: "2025-05-16T08:12:40Z",
        customId: "Søren Kierkegård / 東京",
      }),
    }),
  );

  // A retry, verified two days after the original transmission time (inside the default tolerance).
  vectors.push(
    paypalVector({
      name: "checkout-order-approved-sandbox-retry",
      webhookId: sandbox,
      certUrl: "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27",
      time: "2025-05-17T19:30:00+00:00",
      delay: 2 * 24 * 3600,
      payload: {
        id: eventId("o1"),
        event_version: "1.0",
        create_time: "2025-05-17T19:29:58.233Z",
        resource_type: "checkout-order",
        resource_version: "2.0",
        event_type: "CHECKOUT.ORDER.APPROVED",
        summary: "An order has been approved by buyer",
        resource: {
          id: paypalId("order:o1"),
          intent: "CAPTURE",
          status: "APPROVED",
          purchase_units: [{ reference_id: "default", amount: { currency_code: "USD", value: "290.00" }, payee: { email_address: "billing@webhookhub.example", merchant_id: paypalId("merchant") }, custom_id: "ws_7f3c2a" }],
          payer: { name: { given_name: "Ada", surname: "Lovelace" }, email_address: "ada@example.com", payer_id: paypalId("payer:o1"), address: { country_code: "GB" } },
          create_time: "2025-05-17T19:28:31Z",
          links: [link(`https://api.sandbox.paypal.com/v2/checkout/orders/${paypalId("order:o1")}`, "self"), link(`https://api.sandbox.paypal.com/v2/checkout/orders/${paypalId("order:o1")}/capture`, "capture", "POST")],
        },
        links: [link(`https://api.sandbox.paypal.com/v1/notifications/webhooks-events/${eventId("o1")}`, "self")],
      },
    }),
  );

  vectors.push(
    paypalVector({
      name: "billing-subscription-activated",
      webhookId: live,
      certUrl: liveCert,
      time: "2025-05-18T06:00:12Z",
      payload: {
        id: eventId("s1"),
        event_version: "1.0",
        create_time: "2025-05-18T06:00:09.871Z",
        resource_type: "subscription",
        resource_version: "2.0",
        event_type: "BILLING.SUBSCRIPTION.ACTIVATED",
        summary: "Subscription activated",
        resource: { id: "I-" + paypalId("subscription:s1").slice(0, 12), plan_id: "P-" + paypalId("plan").slice(0, 24), status: "ACTIVE", start_time: "2025-05-18T05:59:00Z", quantity: "1", custom_id: "ws_a91d04", billing_info: { next_billing_time: "2025-06-18T10:00:00Z", failed_payments_count: 0 } },
        links: [link(`https://api.paypal.com/v1/notifications/webhooks-events/${eventId("s1")}`, "self")],
      },
    }),
  );

  return vectors;
}

// ---------------------------------------------------------------------------
// Build, self-check, write
// ---------------------------------------------------------------------------

const vectors = buildPaypalVectors();
for (const v of vectors) checkPaypal(v);
checkShape(vectors);
writeFile("paypal-test-cert.pem", certificatePem);
writeFile("paypal.json", JSON.stringify(vectors, null, 2) + "\n");
console.log(`paypal.json: ${vectors.length} vectors; paypal-test-cert.pem written`);
console.log("all self-checks passed");
