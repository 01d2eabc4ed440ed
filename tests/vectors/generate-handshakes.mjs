// generate-handshakes.mjs: builds WebhookHub's vectors for the providers whose endpoints answer a
// handshake — Meta, Dropbox, Okta, Microsoft Graph and Azure Event Grid — and checks them, then
// writes the JSON files next to this script.
//
//   meta.json      X-Hub-Signature-256: "sha256=" + hex(HMAC-SHA256(app secret, raw body))
//                  produced: node:crypto per https://developers.facebook.com/docs/graph-api/webhooks/getting-started
//                            (no official Meta library signs or verifies webhooks). Bodies: the Getting Started
//                            sample (user photos), WhatsApp Cloud API message/status notifications and a
//                            Messenger messaging entry shaped as in Meta's webhook references, with non-ASCII
//                            characters escaped as \uXXXX (lowercase hex) the way Meta sends and signs them.
//   dropbox.json   X-Dropbox-Signature: hex(HMAC-SHA256(app secret, raw body))
//                  produced: node:crypto per https://www.dropbox.com/developers/reference/webhooks (the dropbox
//                            SDK has no webhook helper). Bodies: the notification shape the reference shows.
//   okta.json      Authorization: <the hook's secret, verbatim> — Okta signs nothing
//                  produced: the "Sample Event Delivery Payload" of https://developer.okta.com/docs/concepts/event-hooks/
//                            (one event), and the same delivery with a second event appended (a batch).
//   msgraph.json   clientState inside every notification — Graph signs nothing
//                  produced: the change notification example of
//                            https://learn.microsoft.com/graph/change-notifications-delivery-webhooks, a batch of two,
//                            and the lifecycle notification of https://learn.microsoft.com/graph/change-notifications-lifecycle-events,
//                            with clientState set to the vector's secret.
//   eventgrid.json secret in the endpoint URL's "code" query parameter — Event Grid signs nothing
//                  produced: the examples of https://learn.microsoft.com/azure/event-grid/event-schema,
//                            .../webhook-event-delivery (SubscriptionValidationEvent) and .../cloud-event-schema,
//                            delivered as Event Grid describes (aeg-event-type header; CloudEvents structured,
//                            batch and binary content modes).
//                  checked:  @azure/eventgrid EventGridDeserializer (deserializeEventGridEvents /
//                            deserializeCloudEvents) accepts every Event Grid schema and structured CloudEvents
//                            body (it rejects events missing a required property such as id or dataVersion, so
//                            the doc examples get the dataVersion/metadataVersion Event Grid adds on delivery),
//                            and isSystemEvent recognises the validation event.
//
// For the HMAC providers every vector is re-verified here with an independent constant-time check and
// must fail for a tampered body and a wrong secret. For the shared-secret providers the check is that
// the secret sits where the provider puts it (header, clientState of every notification, query).
//
// The output is deterministic: fixed secrets, fixed bodies, no Date.now, no randomness.
//   cd tests/vectors && npm ci && node generate-handshakes.mjs
//
// Every object in the output arrays has this shape:
//   { name, source, secret, body, headers, now, valid, eventId, eventType[, challenge][, url] }
//   now:       unix seconds (the payload's own event time; these providers sign no timestamp).
//   url:       the public URL the request was sent to (Event Grid: carries ?code=<secret>).
//   challenge: for a handshake vector (eventId null), the exact reply body expected.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { EventGridDeserializer, isSystemEvent } from "@azure/eventgrid";

const here = dirname(fileURLToPath(import.meta.url));
const EVENTGRID_VERSION = JSON.parse(readFileSync(join(here, "node_modules", "@azure/eventgrid", "package.json"), "utf8")).version;

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

const sha256Hex = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const hmacHex = (secret, body) => createHmac("sha256", secret).update(body, "utf8").digest("hex");
const unix = (iso) => Math.floor(Date.parse(iso) / 1000);

// Meta escapes every non-ASCII character as \uXXXX (lowercase hex) and signs those bytes.
function metaJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function hexVerifies(secret, body, signatureHex) {
  const expected = Buffer.from(hmacHex(secret, body), "hex");
  const actual = Buffer.from(signatureHex, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function checkHmac(vector, signatureHex) {
  check(hexVerifies(vector.secret, vector.body, signatureHex), `${vector.name}: signature`);
  check(!hexVerifies(vector.secret, vector.body + " ", signatureHex), `${vector.name}: tampered body accepted`);
  check(!hexVerifies(vector.secret + "x", vector.body, signatureHex), `${vector.name}: wrong secret accepted`);
}

// ---------------------------------------------------------------------------
// Meta
// ---------------------------------------------------------------------------

const META_SECRET = "6b1f0c9e2d7a48f3b5c4e8a1d0f92c37";
const META_SOURCE = "node:crypto hex HMAC-SHA256 of the raw body per https://developers.facebook.com/docs/graph-api/webhooks/getting-started; no official Meta library signs webhooks";

const WABA = "102290129340398";
const PHONE_METADATA = { display_phone_number: "15550783881", phone_number_id: "106540352242922" };
const WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";

function whatsapp(value) {
  return { object: "whatsapp_business_account", entry: [{ id: WABA, changes: [{ value: { messaging_product: "whatsapp", metadata: PHONE_METADATA, ...value }, field: "messages" }] }] };
}

function metaVector(name, payload, now, eventId, eventType) {
  const body = metaJson(payload);
  const signature = hmacHex(META_SECRET, body);
  const vector = {
    name,
    source: META_SOURCE,
    secret: META_SECRET,
    body,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": `sha256=${signature}` },
    now,
    valid: true,
    eventId: eventId ?? sha256Hex(body),
    eventType,
  };
  checkHmac(vector, signature);
  return vector;
}

const meta = [
  metaVector(
    "getting-started-user-photos",
    { entry: [{ time: 1520383571, changes: [{ field: "photos", value: { verb: "update", object_id: "10211885744794461" } }], id: "10210299214172187", uid: "10210299214172187" }], object: "user" },
    1520383571, null, "user.photos"),
  metaVector(
    "whatsapp-text-message",
    whatsapp({
      contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
      messages: [{ from: "16505551234", id: WAMID, timestamp: "1749416383", type: "text", text: { body: "Does it come in another color?" } }],
    }),
    1749416383, WAMID, "whatsapp_business_account.messages"),
  metaVector(
    "whatsapp-text-message-non-ascii-escaped",
    whatsapp({
      contacts: [{ profile: { name: "José Müller" }, wa_id: "34655551234" }],
      messages: [{ from: "34655551234", id: "wamid.HBgLMzQ2NTU1NTEyMzQVAgASGBQzQUI3RjQ1QjI4MUI2QjE4QzUxRAA=", timestamp: "1749416400", type: "text", text: { body: "¿Tienen café? ☕" } }],
    }),
    1749416400, "wamid.HBgLMzQ2NTU1NTEyMzQVAgASGBQzQUI3RjQ1QjI4MUI2QjE4QzUxRAA=", "whatsapp_business_account.messages"),
  metaVector(
    "whatsapp-status-delivered",
    whatsapp({
      statuses: [{ id: WAMID, status: "delivered", timestamp: "1749416390", recipient_id: "16505551234", pricing: { billable: true, pricing_model: "PMP", category: "marketing" } }],
    }),
    1749416390, `${WAMID}:delivered`, "whatsapp_business_account.messages"),
  metaVector(
    "whatsapp-two-messages-batched",
    whatsapp({
      contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
      messages: [
        { from: "16505551234", id: "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMQA=", timestamp: "1749416401", type: "text", text: { body: "Hi" } },
        { from: "16505551234", id: "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMgA=", timestamp: "1749416402", type: "text", text: { body: "Are you open today?" } },
      ],
    }),
    1749416402, null, "whatsapp_business_account.messages"),
  metaVector(
    "messenger-page-message",
    { object: "page", entry: [{ id: "107288941234567", time: 1749416500123, messaging: [{ sender: { id: "6543210987654321" }, recipient: { id: "107288941234567" }, timestamp: 1749416499876, message: { mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P", text: "Hello, world" } }] }] },
    1749416500, null, "page.messaging"),
  metaVector(
    "page-mixed-fields-batched",
    { object: "page", entry: [
      { id: "107288941234567", time: 1749416600, changes: [{ field: "feed", value: { item: "post", verb: "add", post_id: "107288941234567_122101234567890", created_time: 1749416599 } }] },
      { id: "107288941234567", time: 1749416601, messaging: [{ sender: { id: "6543210987654321" }, recipient: { id: "107288941234567" }, timestamp: 1749416600900, read: { watermark: 1749416600000 } }] },
    ] },
    1749416601, null, "page"),
];

// ---------------------------------------------------------------------------
// Dropbox
// ---------------------------------------------------------------------------

const DROPBOX_SECRET = "k3x9q7w2m5z8t1v";
const DROPBOX_SOURCE = "node:crypto hex HMAC-SHA256 of the raw body per https://www.dropbox.com/developers/reference/webhooks; no official Dropbox library verifies webhooks";

function dropboxVector(name, body, eventType) {
  const signature = hmacHex(DROPBOX_SECRET, body);
  const vector = {
    name,
    source: DROPBOX_SOURCE,
    secret: DROPBOX_SECRET,
    body,
    headers: { "Content-Type": "application/json", "X-Dropbox-Signature": signature },
    now: 1750000000,
    valid: true,
    eventId: sha256Hex(body),
    eventType,
  };
  checkHmac(vector, signature);
  return vector;
}

const dropbox = [
  dropboxVector("list-folder-one-account", '{"list_folder": {"accounts": ["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]}, "delta": {"users": [12345]}}', "list_folder"),
  dropboxVector("list-folder-two-accounts", '{"list_folder": {"accounts": ["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc", "dbid:AACd3rT9Zq6bN1fLw8Hk2mXyPcV5uE0sJgA"]}, "delta": {"users": [12345, 67890]}}', "list_folder"),
  dropboxVector("legacy-delta-only", '{"delta": {"users": [12345]}}', "delta"),
];

// ---------------------------------------------------------------------------
// Okta
// ---------------------------------------------------------------------------

const OKTA_SECRET = "okta-hook-secret-2f9c6e1b8a4d";
const OKTA_SOURCE = "Okta sample event delivery payload, https://developer.okta.com/docs/concepts/event-hooks/ (Authorization header = the hook's secret, verbatim; Okta signs nothing)";

const oktaEvent = {
  version: "0",
  severity: "INFO",
  client: { zone: "OFF_NETWORK", device: "Unknown", userAgent: { os: "Unknown", browser: "UNKNOWN", rawUserAgent: "UNKNOWN-DOWNLOAD" }, ipAddress: "12.97.85.90" },
  actor: { id: "00u1qw6mqitPHM8AJ0g7", type: "User", alternateId: "admin@example.com", displayName: "Example Admin" },
  outcome: { result: "SUCCESS" },
  uuid: "f790999f-fe87-467a-9880-6982a583986c",
  published: "2018-03-28T22:23:07.777Z",
  eventType: "user.session.start",
  displayMessage: "User login to Okta",
  transaction: { type: "WEB", id: "V04Oy4ubUOc5UuG6s9DyNQAABtc" },
  legacyEventType: "core.user_auth.login_success",
  authenticationContext: { authenticationStep: 0, externalSessionId: "1013FfF-DKQSvCI4RVXChzX-w" },
};

function oktaDelivery(events) {
  return {
    eventType: "com.okta.event_hook",
    eventTypeVersion: "1.0",
    cloudEventsVersion: "0.1",
    contentType: "application/json",
    eventId: "b5a188b9-5ece-4636-b041-482ffda96311",
    eventTime: "2019-03-27T16:59:53.032Z",
    source: "https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3",
    data: { events },
  };
}

function oktaVector(name, source, delivery, eventId, eventType) {
  const body = JSON.stringify(delivery, null, 2);
  const headers = { Accept: "application/json", "Content-Type": "application/json", Authorization: OKTA_SECRET };
  check(headers.Authorization === OKTA_SECRET && JSON.parse(body).data.events.length > 0, `${name}: shape`);
  return { name, source, secret: OKTA_SECRET, body, headers, now: unix(delivery.eventTime), valid: true, eventId, eventType };
}

const okta = [
  oktaVector("sample-one-event", OKTA_SOURCE, oktaDelivery([oktaEvent]), oktaEvent.uuid, "user.session.start"),
  oktaVector("sample-two-events-batched", OKTA_SOURCE + "; a second event (user.lifecycle.deactivate) appended to make a batch",
    oktaDelivery([oktaEvent, { ...oktaEvent, uuid: "5b2a1a7e-6f1d-11ee-9d2a-3b4f5c6d7e8f", published: "2018-03-28T22:23:09.120Z", eventType: "user.lifecycle.deactivate", displayMessage: "Deactivate Okta user", legacyEventType: "core.user.config.user_deactivated" }]),
    "b5a188b9-5ece-4636-b041-482ffda96311", "user.session.start"),
];

// ---------------------------------------------------------------------------
// Microsoft Graph
// ---------------------------------------------------------------------------

const GRAPH_SECRET = "SecretClientState-7d41c2a9";
const GRAPH_SOURCE = "Microsoft Graph change notification example, https://learn.microsoft.com/graph/change-notifications-delivery-webhooks (clientState = the vector's secret; Graph signs nothing)";
const GRAPH_SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
const GRAPH_TENANT = "84bd8158-6d4d-4958-8b9f-9d6445542f95";

function graphMessage(id, messageId, changeType) {
  return {
    id,
    subscriptionId: GRAPH_SUBSCRIPTION,
    subscriptionExpirationDateTime: "2016-03-19T22:11:09.952Z",
    clientState: GRAPH_SECRET,
    changeType,
    resource: `users/5a1b2c3d-0000-4000-8000-00000000a1b2@${GRAPH_TENANT}/messages/${messageId}`,
    tenantId: GRAPH_TENANT,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Message",
      "@odata.id": `Users/5a1b2c3d-0000-4000-8000-00000000a1b2@${GRAPH_TENANT}/Messages/${messageId}`,
      "@odata.etag": "W/\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\"",
      id: messageId,
    },
  };
}

function graphVector(name, source, value, now, eventId, eventType) {
  const body = JSON.stringify({ value });
  check(JSON.parse(body).value.every((n) => n.clientState === GRAPH_SECRET), `${name}: clientState`);
  return { name, source, secret: GRAPH_SECRET, body, headers: { "Content-Type": "application/json; charset=utf-8" }, now, valid: true, eventId: eventId ?? sha256Hex(body), eventType };
}

const msgraph = [
  graphVector("message-created", GRAPH_SOURCE, [graphMessage("lsgTZMr9KwAAA", "AAMkAGUwNjQ4ZjIxAAA=", "created")], unix("2016-03-19T21:11:09Z"), "lsgTZMr9KwAAA", "created"),
  graphVector("two-notifications-batched", GRAPH_SOURCE + "; two notifications in one POST, as the page says Graph may send",
    [graphMessage("lsgTZMr9KwAAA", "AAMkAGUwNjQ4ZjIxAAA=", "created"), graphMessage("lsgTZMr9KwAAB", "AAMkAGUwNjQ4ZjIxAAB=", "updated")], unix("2016-03-19T21:11:09Z"), null, "created"),
  graphVector("lifecycle-reauthorization-required", "Microsoft Graph lifecycle notification structure, https://learn.microsoft.com/graph/change-notifications-lifecycle-events (clientState = the vector's secret)",
    [{ subscriptionId: GRAPH_SUBSCRIPTION, subscriptionExpirationDateTime: "2019-03-20T11:00:00.0000000Z", tenantId: GRAPH_TENANT, clientState: GRAPH_SECRET, lifecycleEvent: "reauthorizationRequired" }],
    unix("2019-03-20T08:00:00Z"), null, "reauthorizationRequired"),
];

// ---------------------------------------------------------------------------
// Azure Event Grid
// ---------------------------------------------------------------------------

const EVENTGRID_SECRET = "eg-Xq2v9LmT4rWb7KcN1pZs";
const EVENTGRID_URL = `https://hooks.example.com/api/webhooks/src_eventgrid?code=${EVENTGRID_SECRET}`;
const deserializer = new EventGridDeserializer();

const blobCreated = {
  topic: "/subscriptions/{subscription-id}/resourceGroups/Storage/providers/Microsoft.Storage/storageAccounts/xstoretestaccount",
  subject: "/blobServices/default/containers/oc2d2817345i200097container/blobs/oc2d2817345i20002296blob",
  eventType: "Microsoft.Storage.BlobCreated",
  eventTime: "2017-06-26T18:41:00.9584103Z",
  id: "831e1650-001e-001b-66ab-eeb76e069631",
  data: {
    api: "PutBlockList",
    clientRequestId: "6d79dbfb-0e37-4fc4-981f-442c9ca65760",
    requestId: "831e1650-001e-001b-66ab-eeb76e000000",
    eTag: "0x8D4BCC2E4835CD0",
    contentType: "application/octet-stream",
    contentLength: 524288,
    blobType: "BlockBlob",
    url: "https://oc2d2817345i60006.blob.core.windows.net/oc2d2817345i200097container/oc2d2817345i20002296blob",
    sequencer: "00000000000004420000000000028963",
    storageDiagnostics: { batchId: "b68529f3-68cd-4744-baa4-3c0498ec19f0" },
  },
  dataVersion: "",
  metadataVersion: "1",
};

const customTopicEvent = {
  topic: "/subscriptions/{subscription-id}/resourceGroups/Storage/providers/Microsoft.EventGrid/topics/myeventgridtopic",
  subject: "/myapp/vehicles/motorcycles",
  id: "b68529f3-68cd-4744-baa4-3c0498ec19e2",
  eventType: "recordInserted",
  eventTime: "2017-06-26T18:41:00.9584103Z",
  data: { make: "Ducati", model: "Monster" },
  dataVersion: "1.0",
  metadataVersion: "1",
};

const validationEvent = {
  id: "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
  topic: "/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
  subject: "",
  data: {
    validationCode: "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
    validationUrl: "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/estest/validate?id=512d38b6-c7b8-40c8-89fe-f46f9e9622b6&t=2018-04-26T20:30:54.4538837Z&apiVersion=2018-05-01-preview&token=1A1A1A1A",
  },
  eventType: "Microsoft.EventGrid.SubscriptionValidationEvent",
  eventTime: "2018-01-25T22:12:19.4556811Z",
  metadataVersion: "1",
  dataVersion: "1",
};

const cloudBlobCreated = {
  specversion: "1.0",
  type: "Microsoft.Storage.BlobCreated",
  source: "/subscriptions/{subscription-id}/resourceGroups/{resource-group}/providers/Microsoft.Storage/storageAccounts/{storage-account}",
  id: "9aeb0fdf-c01e-0131-0922-9eb54906e209",
  time: "2019-11-18T15:13:39.4589254Z",
  subject: "blobServices/default/containers/{storage-container}/blobs/{new-file}",
  data: {
    api: "PutBlockList",
    clientRequestId: "4c5dd7fb-2c48-4a27-bb30-5361b5de920a",
    requestId: "9aeb0fdf-c01e-0131-0922-9eb549000000",
    eTag: "0x8D76C39E4407333",
    contentType: "image/png",
    contentLength: 30699,
    blobType: "BlockBlob",
    url: "https://gridtesting.blob.core.windows.net/testcontainer/{new-file}",
    sequencer: "000000000000000000000000000099240000000000c41c18",
    storageDiagnostics: { batchId: "681fe319-3006-00a8-0022-9e7cde000000" },
  },
};

function eventGridVector(name, doc, body, headers, now, eventId, eventType, challenge) {
  check(new URL(EVENTGRID_URL).searchParams.get("code") === EVENTGRID_SECRET, `${name}: code`);
  const vector = {
    name,
    source: `${doc}; delivered to ${EVENTGRID_URL.replace(EVENTGRID_SECRET, "<secret>")}; body checked with @azure/eventgrid npm ${EVENTGRID_VERSION} EventGridDeserializer; Event Grid signs nothing`,
    secret: EVENTGRID_SECRET,
    body,
    headers,
    now,
    valid: true,
    eventId,
    eventType,
  };
  if (challenge !== undefined) vector.challenge = challenge;
  vector.url = EVENTGRID_URL;
  return vector;
}

const EVENT_SCHEMA_DOC = "Event Grid schema example, https://learn.microsoft.com/azure/event-grid/event-schema, plus the dataVersion/metadataVersion every delivered event carries";
const CLOUD_SCHEMA_DOC = "CloudEvents v1.0 example, https://learn.microsoft.com/azure/event-grid/cloud-event-schema";
const gridHeaders = (type) => ({ "Content-Type": "application/json; charset=utf-8", "aeg-event-type": type, "aeg-subscription-name": "WEBHOOKHUB", "aeg-delivery-count": "0", "aeg-data-version": "1", "aeg-metadata-version": "1" });

const blobBody = JSON.stringify([blobCreated]);
const customBody = JSON.stringify([customTopicEvent]);
const batchBody = JSON.stringify([blobCreated, customTopicEvent]);
const validationBody = JSON.stringify([validationEvent]);
const cloudBody = JSON.stringify(cloudBlobCreated);
const cloudBatchBody = JSON.stringify([cloudBlobCreated, { ...cloudBlobCreated, id: "9aeb0fdf-c01e-0131-0922-9eb54906e20a", subject: "blobServices/default/containers/{storage-container}/blobs/{second-file}" }]);
const binaryData = JSON.stringify(cloudBlobCreated.data);

for (const body of [blobBody, customBody, batchBody, validationBody]) {
  const events = await deserializer.deserializeEventGridEvents(body);
  check(events.length === JSON.parse(body).length, "Event Grid schema body deserializes");
}
check(isSystemEvent("Microsoft.EventGrid.SubscriptionValidationEvent", (await deserializer.deserializeEventGridEvents(validationBody))[0]), "validation event recognised");
for (const body of [cloudBody, cloudBatchBody]) {
  const events = await deserializer.deserializeCloudEvents(body);
  check(events.length >= 1 && events[0].id === cloudBlobCreated.id, "CloudEvents body deserializes");
}

const eventgrid = [
  eventGridVector("event-schema-blob-created", EVENT_SCHEMA_DOC, blobBody, gridHeaders("Notification"), unix(blobCreated.eventTime), blobCreated.id, "Microsoft.Storage.BlobCreated"),
  eventGridVector("event-schema-custom-topic", EVENT_SCHEMA_DOC + " (custom topic)", customBody, gridHeaders("Notification"), unix(customTopicEvent.eventTime), customTopicEvent.id, "recordInserted"),
  eventGridVector("event-schema-batch-of-two", EVENT_SCHEMA_DOC + " (both examples in one batch)", batchBody, gridHeaders("Notification"), unix(blobCreated.eventTime), sha256Hex(batchBody), "Microsoft.Storage.BlobCreated"),
  eventGridVector("subscription-validation", "SubscriptionValidationEvent example, https://learn.microsoft.com/azure/event-grid/webhook-event-delivery", validationBody, gridHeaders("SubscriptionValidation"),
    unix(validationEvent.eventTime), null, null, JSON.stringify({ validationResponse: validationEvent.data.validationCode })),
  eventGridVector("cloudevents-structured", CLOUD_SCHEMA_DOC, cloudBody, { "Content-Type": "application/cloudevents+json; charset=utf-8" }, unix(cloudBlobCreated.time), cloudBlobCreated.id, "Microsoft.Storage.BlobCreated"),
  eventGridVector("cloudevents-batch-of-two", CLOUD_SCHEMA_DOC + " (a second event appended)", cloudBatchBody, { "Content-Type": "application/cloudevents-batch+json; charset=utf-8" }, unix(cloudBlobCreated.time), sha256Hex(cloudBatchBody), "Microsoft.Storage.BlobCreated"),
  eventGridVector("cloudevents-binary", CLOUD_SCHEMA_DOC + " (binary content mode: attributes as ce- headers, data as body)", binaryData,
    { "Content-Type": "application/json", "ce-specversion": "1.0", "ce-id": cloudBlobCreated.id, "ce-type": cloudBlobCreated.type, "ce-source": cloudBlobCreated.source, "ce-time": cloudBlobCreated.time, "ce-subject": cloudBlobCreated.subject },
    unix(cloudBlobCreated.time), cloudBlobCreated.id, "Microsoft.Storage.BlobCreated"),
];

// ---------------------------------------------------------------------------

function write(file, vectors) {
  writeFileSync(join(here, file), JSON.stringify(vectors, null, 2) + "\n", "utf8");
}

write("meta.json", meta);
write("dropbox.json", dropbox);
write("okta.json", okta);
write("msgraph.json", msgraph);
write("eventgrid.json", eventgrid);
console.log(`wrote meta.json (${meta.length}), dropbox.json (${dropbox.length}), okta.json (${okta.length}), msgraph.json (${msgraph.length}), eventgrid.json (${eventgrid.length})`);
