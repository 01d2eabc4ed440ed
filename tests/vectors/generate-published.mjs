// generate-published.mjs: adds to WebhookHub's vector files the signature examples that providers PUBLISH
// (in their documentation, or in an official SDK's source or tests), copied here verbatim, and checks
// that each one really verifies: the signature is re-derived with node:crypto from the published
// secret and payload and must equal the published signature byte for byte (for PayPal, the published
// RSA signature must verify with the certificate published beside it). Nothing here is produced by us:
// the vectors exist to prove that WebhookHub's verifiers accept what the providers themselves sign.
//
//   quickbooks.json  intuit/QuickBooks-V3-Java-SDK
//                    ipp-v3-java-devkit/src/test/java/com/intuit/ipp/services/WebhooksServiceTest.java:
//                    verifierToken, payload (legacy eventNotifications format) and intuitSignature, which
//                    the test asserts WebhooksService.verifyPayload accepts.
//   mailgun.json     mailgun/mailgun-php tests/Api/WebhookTest.php testVerifyWebhookGood: webhook signing
//                    key, timestamp, token and signature, which the test asserts
//                    Webhook::verifyWebhookSignature accepts. Mailgun signs only timestamp + token, so the
//                    published values are the whole signed content; the request body around them is the
//                    current JSON webhook shape with nothing but the published "signature" block (no
//                    event-data, so WebhookHub's event ID is the body hash and there is no event type).
//   meta.json        WhatsApp/WhatsApp-Nodejs-SDK (Meta's official WhatsApp Cloud API SDK)
//                    src/__tests__/utils.test.ts "signature match": body "test", app secret
//                    TEST_APP_SECRET (jest.config.ts globals.sdk_config.M4D_APP_SECRET) and the
//                    known_signature that generate_x_hub_256_sig must return (the X-Hub-Signature-256
//                    hex). The body is not JSON, so WebhookHub's event ID is the body hash, no type.
//   paypal.json      paypal/PayPal-Java-SDK rest-api-sdk/src/test/java/com/paypal/base/ValidateCertTest.java
//                    (the same values are in rest-api-sample/.../ValidateCert.java): webhook ID, the five
//                    PAYPAL-* headers and the request body of a real sandbox delivery, which the test
//                    asserts Event.validateReceivedEvent accepts with the certificate stubbed in from
//                    rest-api-sdk/src/test/resources/clientCertTest.crt. That certificate
//                    (CN=messageverificationcerts.sandbox.paypal.com, valid 2019-04-02 to 2021-05-24) is
//                    written to paypal-sdk-sandbox-cert.pem; TestPayPalCertificates hands it to the
//                    verifier for this vector's PAYPAL-CERT-URL only.
//
// Event IDs and types are what WebhookHub's verifiers extract (functions/WebhookHub.Core/Providers/):
// QuickBooks legacy format: body SHA-256 and "{name}.{operation}"; Mailgun without event-data: body
// SHA-256, no type; Meta non-JSON body: body SHA-256, no type; PayPal: body id and event_type.
//
// The vectors are merged into the existing files: a vector whose name this script owns is replaced,
// every other vector is kept as it is. generate-saas, generate-platforms, generate-handshakes and
// generate-paypal rewrite those files whole, so run this script after any of them.
//
// To rerun:
//   cd tests/vectors && node generate-published.mjs     (or: npm run generate-published)
//
// If a self-check fails, the script throws before it writes anything.

import { X509Certificate, createHash, createHmac, verify } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

const sha256Hex = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (algorithm, key, text, encoding) => createHmac(algorithm, Buffer.from(key, "utf8")).update(text, "utf8").digest(encoding);

// CRC-32 (IEEE 802.3, reflected 0xEDB88320), as PayPal puts it in the signed text (unsigned decimal).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
check(crc32(Buffer.from("123456789")) === 0xcbf43926, "CRC-32 check value");

const vectors = {}; // file -> vectors this script owns, in order
function add(file, vector) {
  (vectors[file] ??= []).push(vector);
}

// ---------------------------------------------------------------------------
// QuickBooks Online (Intuit): intuit-signature = base64 HMAC-SHA256(verifier token, body)
// ---------------------------------------------------------------------------
{
  const source = "intuit/QuickBooks-V3-Java-SDK ipp-v3-java-devkit/src/test/java/com/intuit/ipp/services/WebhooksServiceTest.java";
  // Verbatim from the test:
  const verifierToken = "b5771f19b12ddb4bcdb9f08bdc50bc63878a";
  const intuitSignature = "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=";
  const payload = '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}';

  check(hmac("sha256", verifierToken, payload, "base64") === intuitSignature, "QuickBooks: HMAC-SHA256 of the SDK test payload equals its intuitSignature");
  add("quickbooks.json", {
    name: "intuit-java-sdk-webhooks-service-test",
    source: `published: ${source} (verifierToken, payload, intuitSignature verbatim; WebhooksService.verifyPayload accepts them); re-derived by node:crypto`,
    secret: verifierToken,
    body: payload,
    headers: { "Content-Type": "application/json", "intuit-signature": intuitSignature },
    now: Date.parse("2015-10-05T14:42:19-07:00") / 1000 + 5,
    valid: true,
    eventId: sha256Hex(payload),
    eventType: "Customer.Create",
  });
}

// ---------------------------------------------------------------------------
// Mailgun: signature = hex HMAC-SHA256(webhook signing key, timestamp + token)
// ---------------------------------------------------------------------------
{
  const source = "mailgun/mailgun-php tests/Api/WebhookTest.php testVerifyWebhookGood";
  // Verbatim from the test:
  const key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
  const timestamp = 1403645220;
  const token = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
  const signature = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";

  check(hmac("sha256", key, `${timestamp}${token}`, "hex") === signature, "Mailgun: HMAC-SHA256 of timestamp+token equals the SDK test signature");
  // The SDK test's bad case (another token, same signature) must not match.
  check(hmac("sha256", key, `${timestamp}owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr`, "hex") !== signature, "Mailgun: the SDK test's bad token does not match");
  const body = JSON.stringify({ signature: { timestamp: String(timestamp), token, signature } });
  add("mailgun.json", {
    name: "mailgun-php-webhook-test-published",
    source: `published: ${source} (signing key, timestamp, token, signature verbatim; Webhook::verifyWebhookSignature accepts them); re-derived by node:crypto; body = the JSON webhook shape holding only that signature block`,
    secret: key,
    body,
    headers: { "Content-Type": "application/json" },
    now: timestamp + 5,
    valid: true,
    eventId: sha256Hex(body),
    eventType: null,
  });
}

// ---------------------------------------------------------------------------
// Meta (WhatsApp Cloud API): X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, body)
// ---------------------------------------------------------------------------
{
  const source = "WhatsApp/WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts ('signature match') with jest.config.ts sdk_config";
  // Verbatim from the test and its jest config:
  const body = "test";
  const appSecret = "TEST_APP_SECRET";
  const knownSignature = "0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221";

  check(hmac("sha256", appSecret, body, "hex") === knownSignature, "Meta: HMAC-SHA256 of 'test' equals the WhatsApp SDK known_signature");
  add("meta.json", {
    name: "whatsapp-nodejs-sdk-signature-match",
    source: `published: ${source} (body, M4D_APP_SECRET and known_signature verbatim; generate_x_hub_256_sig returns it); re-derived by node:crypto; the body is not JSON, so the event ID is its hash`,
    secret: appSecret,
    body,
    headers: { "Content-Type": "text/plain", "X-Hub-Signature-256": `sha256=${knownSignature}` },
    now: 1672531200,
    valid: true,
    eventId: sha256Hex(body),
    eventType: null,
  });
}

// ---------------------------------------------------------------------------
// PayPal: PAYPAL-TRANSMISSION-SIG = RSA-SHA256 over "id|time|webhook id|crc32(body)", certificate published
// ---------------------------------------------------------------------------
const PAYPAL_SDK_CERT = `-----BEGIN CERTIFICATE-----
MIIHijCCBnKgAwIBAgIQB3GqTB0N3B8PmVGEuwt6/zANBgkqhkiG9w0BAQsFADB1
MQswCQYDVQQGEwJVUzEVMBMGA1UEChMMRGlnaUNlcnQgSW5jMRkwFwYDVQQLExB3
d3cuZGlnaWNlcnQuY29tMTQwMgYDVQQDEytEaWdpQ2VydCBTSEEyIEV4dGVuZGVk
IFZhbGlkYXRpb24gU2VydmVyIENBMB4XDTE5MDQwMjAwMDAwMFoXDTIxMDUyNDEy
MDAwMFowgf0xHTAbBgNVBA8MFFByaXZhdGUgT3JnYW5pemF0aW9uMRMwEQYLKwYB
BAGCNzwCAQMTAlVTMRkwFwYLKwYBBAGCNzwCAQITCERlbGF3YXJlMRAwDgYDVQQF
EwczMDE0MjY3MQswCQYDVQQGEwJVUzETMBEGA1UECBMKQ2FsaWZvcm5pYTERMA8G
A1UEBxMIU2FuIEpvc2UxFTATBgNVBAoTDFBheVBhbCwgSW5jLjEYMBYGA1UECxMP
UGFydG5lciBTdXBwb3J0MTQwMgYDVQQDEyttZXNzYWdldmVyaWZpY2F0aW9uY2Vy
dHMuc2FuZGJveC5wYXlwYWwuY29tMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB
CgKCAQEAhk0EEavi3s7O0rXkPQ3zWbW8gGISd0iP43Je+8Ydo3uqgSjoF6C0Ih+T
7kM9Vq/fa3TqcfEM5FFJBf8AxYrC1POfRknDTMZF2jvyMNoOvEKrGI/boZpR71LK
0ZQuLzXGbqzIcPE+PYcr75lVEITX7CdblXhup40XINGxhduFmEuf6qpqamGFXEW6
PnKgVIK7lRrahp6wFRySLp8uPYBmIY9oJdCzNJMgR6kH+qCTGexoFYM/bthn7UoI
2qpgaxR54OPdlalGLCZ95cU1av4cz4gvuT4w+0E67PJVefNInjTbxitRzmbmfDmy
4EACE5f5MvQl+/3fxh2J8esdBU8qZwIDAQABo4IDizCCA4cwHwYDVR0jBBgwFoAU
PdNQpdagre7zSmAKZdMh1Pj41g8wHQYDVR0OBBYEFD86g/8OQmYZVefgSxQDdoQ/
a+ObMDYGA1UdEQQvMC2CK21lc3NhZ2V2ZXJpZmljYXRpb25jZXJ0cy5zYW5kYm94
LnBheXBhbC5jb20wDgYDVR0PAQH/BAQDAgWgMB0GA1UdJQQWMBQGCCsGAQUFBwMB
BggrBgEFBQcDAjB1BgNVHR8EbjBsMDSgMqAwhi5odHRwOi8vY3JsMy5kaWdpY2Vy
dC5jb20vc2hhMi1ldi1zZXJ2ZXItZzIuY3JsMDSgMqAwhi5odHRwOi8vY3JsNC5k
aWdpY2VydC5jb20vc2hhMi1ldi1zZXJ2ZXItZzIuY3JsMEsGA1UdIAREMEIwNwYJ
YIZIAYb9bAIBMCowKAYIKwYBBQUHAgEWHGh0dHBzOi8vd3d3LmRpZ2ljZXJ0LmNv
bS9DUFMwBwYFZ4EMAQEwgYgGCCsGAQUFBwEBBHwwejAkBggrBgEFBQcwAYYYaHR0
cDovL29jc3AuZGlnaWNlcnQuY29tMFIGCCsGAQUFBzAChkZodHRwOi8vY2FjZXJ0
cy5kaWdpY2VydC5jb20vRGlnaUNlcnRTSEEyRXh0ZW5kZWRWYWxpZGF0aW9uU2Vy
dmVyQ0EuY3J0MAwGA1UdEwEB/wQCMAAwggF/BgorBgEEAdZ5AgQCBIIBbwSCAWsB
aQB2ALvZ37wfinG1k5Qjl6qSe0c4V5UKq1LoGpCWZDaOHtGFAAABad+/lkUAAAQD
AEcwRQIgT9BVT/eHgjGr6rUUYcQIhVFYnfZ6nJGGPTyIT7pOGvoCIQC9n9SpeR8a
RGMwCbxjRcPFxXMIpkdoKOWrYO4s0zjE9AB2AFYUBpov18Ls0/XhvUSyPsdGdrm8
mRFcwO+UmFXWidDdAAABad+/lsIAAAQDAEcwRQIgAYEuDGKo0fzMUu7gbgshzDc1
On5OUGEYPb7XxAhRcEcCIQCEMEo0Dg18DsTA3xfeGxGluPEERqCSPDJHw6DHLt7H
XgB3AId1v+dZfPiMQ5lfvfNu/1aNR1Y2/0q1YMG06v9eoIMPAAABad+/mJAAAAQD
AEgwRgIhAIfjNYkADzqs0QlTLWWKrBf5eFEiGJZm6pB7XD8FyVc9AiEA/bxg9jFP
un3Xdorxxo1H0kx761k/V5Qt4kxkBYmHsdAwDQYJKoZIhvcNAQELBQADggEBAFdV
EwP/P8X1HzkYcFi82vRbUd9uLn4DnnHJH2Y5mcsH6wXi5hhMtJDMAm4vd39m0r82
MWHvpK+Hxh4e+DzNEiLPowerZNxtRo7bqV67BavDUG5yuAzVPPWZSdoYRwYUQBWM
9QZvVnLdZTh2R3DemH7t6awCu5ePo+XLzJXTMHvW93rzzpktXO6GfsFsXLh5/a43
Go5OaSZZYofmV/SxRiQyvE+RZHysDKAtHcU0xJJRfSzaBrLkAwO55+QSscrdPMpG
B5TCRdCa3nvtJOjfhSCgGi1MWUaLaHviSDTwm6LtczvYtFO+56jQPaMcty4JFeqn
nj67G5R+JlvQHScHGWA=
-----END CERTIFICATE-----
`;
{
  const source = "paypal/PayPal-Java-SDK rest-api-sdk/src/test/java/com/paypal/base/ValidateCertTest.java with rest-api-sdk/src/test/resources/clientCertTest.crt";
  // Verbatim from the test:
  const webhookId = "0FV983392A0531201";
  const headers = {
    "PAYPAL-CERT-URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
    "PAYPAL-TRANSMISSION-ID": "afa30d40-ca4a-11e9-ab68-7d4e2605c70c",
    "PAYPAL-TRANSMISSION-TIME": "2019-08-29T10:49:33Z",
    "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    "PAYPAL-TRANSMISSION-SIG": "K7DF5+hOyGS6v0xTZ9PkEO+BFNQmpryxw2hFlXbHgmxpu+883ldEC9HcL6ccEmB8sfy80y/Q3qcZZL1MR8Qi0e1ysylVj/yROgKK6zBsQPoNmgXC8yTiNoAjULuhk5Aoau0Itk3nrkgAfji1zvADlErMFM9VZe2nDvhM3nDMLjCi/K5fRjWp3eGo6Nx17GX/WIEibeKDyS+YdJMex3i+KO4aWmm9zznC/FJ5Y/ntd0MxOJNrM0r0f3y7c3e3sO5pB3oPgN6KzKVS5P6AWHqtS8acD3DjgCKZ1uqKz7q954G1aBz2/m0wRGOFFsv0/D3FE2uIheRRmoQtVSOAX7Aupg==",
  };
  const requestBody = '{"id":"WH-7MU294299R542214K-4N1831857K851783H","event_version":"1.0","create_time":"2019-08-29T10:49:03.439Z","resource_type":"payment","event_type":"PAYMENTS.PAYMENT.CREATED","summary":"Checkout payment is created and approved by buyer","resource":{"update_time":"2019-08-29T10:48:54Z","create_time":"2019-08-29T10:47:51Z","links":[{"href":"https://api.sandbox.paypal.com/v1/payments/payment/PAYID-LVT22VY7N839502VJ678725M","rel":"self","method":"GET"}],"id":"PAYID-LVT22VY7N839502VJ678725M","state":"approved","transactions":[{"amount":{"total":"30.11","currency":"USD","details":{"subtotal":"30.00","tax":"0.07","shipping":"0.03","insurance":"0.01","handling_fee":"1.00","shipping_discount":"-1.00"}},"payee":{"merchant_id":"2BP3WP8PK6566","email":"jaypatel512-facilitator@hotmail.com"},"description":"The payment transaction description.","custom":"EBAY_EMS_90048630024435","invoice_number":"48787589673111","item_list":{"items":[{"name":"hat","sku":"1","description":"Brown hat.","price":"3.00","currency":"USD","tax":"0.01","quantity":5},{"name":"handbag","sku":"product34","description":"Black handbag.","price":"15.00","currency":"USD","tax":"0.02","quantity":1}],"shipping_address":{"recipient_name":"Brian Robinson","line1":"4th Floor","line2":"Unit #34","city":"San Jose","state":"CA","postal_code":"95131","country_code":"US","default_address":false,"preferred_address":false,"primary_address":false,"disable_for_transaction":false}},"related_resources":[{"sale":{"id":"08U30449S6662931K","state":"completed","amount":{"total":"30.11","currency":"USD","details":{"subtotal":"30.00","tax":"0.07","shipping":"0.03","insurance":"0.01","handling_fee":"1.00","shipping_discount":"-1.00"}},"payment_mode":"INSTANT_TRANSFER","protection_eligibility":"ELIGIBLE","protection_eligibility_type":"ITEM_NOT_RECEIVED_ELIGIBLE,UNAUTHORIZED_PAYMENT_ELIGIBLE","transaction_fee":{"value":"1.17","currency":"USD"},"parent_payment":"PAYID-LVT22VY7N839502VJ678725M","create_time":"2019-08-29T10:48:54Z","update_time":"2019-08-29T10:48:54Z","links":[{"href":"https://api.sandbox.paypal.com/v1/payments/sale/08U30449S6662931K","rel":"self","method":"GET"},{"href":"https://api.sandbox.paypal.com/v1/payments/sale/08U30449S6662931K/refund","rel":"refund","method":"POST"},{"href":"https://api.sandbox.paypal.com/v1/payments/payment/PAYID-LVT22VY7N839502VJ678725M","rel":"parent_payment","method":"GET"}]}}]}],"intent":"sale","payer":{"payment_method":"paypal","status":"VERIFIED","payer_info":{"email":"sb-ahlmo117121@personal.example.com","first_name":"John","last_name":"Doe","payer_id":"WZH5NSHUBE63W","shipping_address":{"recipient_name":"Brian Robinson","line1":"4th Floor","line2":"Unit #34","city":"San Jose","state":"CA","postal_code":"95131","country_code":"US","default_address":false,"preferred_address":false,"primary_address":false,"disable_for_transaction":false},"phone":"4084959323","country_code":"US"}},"cart":"1R7827981J4260732"},"links":[{"href":"https://api.sandbox.paypal.com/v1/notifications/webhooks-events/WH-7MU294299R542214K-4N1831857K851783H","rel":"self","method":"GET"},{"href":"https://api.sandbox.paypal.com/v1/notifications/webhooks-events/WH-7MU294299R542214K-4N1831857K851783H/resend","rel":"resend","method":"POST"}]}';

  const certificate = new X509Certificate(PAYPAL_SDK_CERT);
  const body = Buffer.from(requestBody, "utf8");
  const signed = (id, secret, bytes) => Buffer.from(`${id}|${headers["PAYPAL-TRANSMISSION-TIME"]}|${secret}|${crc32(bytes)}`, "utf8");
  const signature = Buffer.from(headers["PAYPAL-TRANSMISSION-SIG"], "base64");
  check(verify("sha256", signed(headers["PAYPAL-TRANSMISSION-ID"], webhookId, body), certificate.publicKey, signature), "PayPal: the SDK test signature verifies with the SDK test certificate");
  check(!verify("sha256", signed(headers["PAYPAL-TRANSMISSION-ID"], "NotToBeFound", body), certificate.publicKey, signature), "PayPal: another webhook ID (the SDK test's NotToBeFound) fails");
  check(!verify("sha256", signed(headers["PAYPAL-TRANSMISSION-ID"], webhookId, Buffer.concat([body, Buffer.from(" ")])), certificate.publicKey, signature), "PayPal: a tampered body fails");
  const now = Date.parse(headers["PAYPAL-TRANSMISSION-TIME"]) / 1000 + 5;
  check(Date.parse(certificate.validFrom) / 1000 < now && now < Date.parse(certificate.validTo) / 1000, "PayPal: the certificate is valid at the vector's now");
  check(certificate.subject.includes("CN=messageverificationcerts.sandbox.paypal.com"), "PayPal: the certificate is PayPal's sandbox message verification certificate");
  const event = JSON.parse(requestBody);
  add("paypal.json", {
    name: "paypal-java-sdk-validate-cert-test",
    source: `published: ${source} (webhook ID, headers, body verbatim; Event.validateReceivedEvent accepts them; certificate in paypal-sdk-sandbox-cert.pem); verified: node:crypto verify`,
    secret: webhookId,
    body: requestBody,
    headers: { "Content-Type": "application/json", ...headers },
    now,
    valid: true,
    eventId: event.id,
    eventType: event.event_type,
  });
}

// ---------------------------------------------------------------------------
// Merge into the vector files (every check above has passed)
// ---------------------------------------------------------------------------
for (const [file, own] of Object.entries(vectors)) {
  const path = join(here, file);
  const names = new Set(own.map((v) => v.name));
  const kept = JSON.parse(readFileSync(path, "utf8")).filter((v) => !names.has(v.name));
  check(own.every((v) => v.source.startsWith("published: ")), `${file}: every vector here is published`);
  writeFileSync(path, JSON.stringify([...kept, ...own], null, 2) + "\n", "utf8");
  console.log(`${file}: ${own.length} published vector(s), ${kept.length} other(s) kept`);
}
writeFileSync(join(here, "paypal-sdk-sandbox-cert.pem"), PAYPAL_SDK_CERT, "utf8");
console.log("paypal-sdk-sandbox-cert.pem written");
