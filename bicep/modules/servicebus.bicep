// Service Bus: the namespace (local/SAS authentication off: only Microsoft Entra identities with data roles can send or
// receive), the events topic with the dispatch subscription, and the deliveries queue.
//
// What each setting is for, and why the value:
//   requiresDuplicateDetection + duplicateDetectionHistoryTimeWindow: the app sends each event with MessageId = event ID
//     and each delivery attempt with MessageId = delivery ID + due time (WebhookHub.Azure.Messaging.WorkMessages), so a send
//     repeated after a timeout or a crash (the outbox relay resends until it has recorded the send) is dropped by the
//     broker, while a retry, due at another time, is a new message. The window (default 10 minutes) covers that resend
//     horizon (seconds to minutes); a longer one costs broker memory and throughput for no gain. Within the window, the same
//     event cannot be published twice: a replay must go through new delivery messages, not a second event message.
//   maxDeliveryCount: how often a message is handed to a function that answers non-2xx before Service Bus dead-letters it.
//     Endpoint failures never count here (the app records them and schedules its own retry), only failures of the app or its
//     store, so 10 rides out a short outage without parking a message forever.
//   lockDuration: one invocation holds the message this long; dispatch is a few store writes and deliver one HTTP attempt
//     (WebhookHub__Delivery__Timeout, 15 s by default, plus connect), so 1 minute leaves margin; the Functions host also renews.
//   defaultMessageTimeToLive: 14 days, longer than the longest retry delay the app schedules (7 days), so a scheduled retry
//     never expires before it is due; expired messages are dead-lettered (deadLetteringOnMessageExpiration) rather than lost.
// Entity settings can only partly be changed after creation (duplicate detection cannot be switched on or off later).
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.servicebus/2022-10-01-preview/namespaces
//   https://learn.microsoft.com/azure/templates/microsoft.servicebus/2022-10-01-preview/namespaces/topics
//   https://learn.microsoft.com/azure/templates/microsoft.servicebus/2022-10-01-preview/namespaces/topics/subscriptions
//   https://learn.microsoft.com/azure/templates/microsoft.servicebus/2022-10-01-preview/namespaces/queues
//   https://learn.microsoft.com/azure/service-bus-messaging/duplicate-detection
//   https://learn.microsoft.com/azure/service-bus-messaging/disable-local-authentication

@description('Azure region of the namespace.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the namespace (6-50 letters, digits and hyphens).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Tier: Standard (shared capacity) or Premium (dedicated messaging units, predictable latency).')
@allowed([
  'Standard'
  'Premium'
])
param sku string

@description('Messaging units when the tier is Premium; ignored for Standard.')
@allowed([
  1
  2
  4
  8
  16
])
param premiumMessagingUnits int

@description('Topic every stored event is published to (WebhookHub__ServiceBus__EventsTopic).')
param eventsTopicName string

@description('Subscription of the events topic that the dispatch function reads (WebhookHub__ServiceBus__DispatchSubscription).')
param dispatchSubscriptionName string

@description('Queue of delivery attempts that the deliver function reads (WebhookHub__ServiceBus__DeliveriesQueue).')
param deliveriesQueueName string

@description('Deliveries of one message to a failing function before Service Bus dead-letters it.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int

@description('Peek-lock duration, ISO 8601 (at most PT5M).')
param lockDuration string

@description('Message time to live, ISO 8601; must exceed the longest retry delay the app schedules (7 days).')
param messageTimeToLive string

@description('Duplicate detection window, ISO 8601 (PT20S to P7D).')
param duplicateDetectionWindow string

var premiumSku = {
  name: 'Premium'
  tier: 'Premium'
  capacity: premiumMessagingUnits
}

var standardSku = {
  name: 'Standard'
  tier: 'Standard'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: location
  tags: tags
  sku: sku == 'Premium' ? premiumSku : standardSku
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: eventsTopicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
    enableBatchedOperations: true
  }
}

resource dispatchSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = {
  parent: eventsTopic
  name: dispatchSubscriptionName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    requiresSession: false
    enableBatchedOperations: true
  }
}

resource deliveriesQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: deliveriesQueueName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
    requiresSession: false
    enableBatchedOperations: true
  }
}

@description('Name of the namespace.')
output namespaceName string = namespace.name

@description('Resource ID of the namespace (scope of the dead-letter alert).')
output namespaceId string = namespace.id

@description('Host name of the namespace, <name>.servicebus.windows.net (ServiceBusConnection__fullyQualifiedNamespace).')
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')

@description('Name of the events topic.')
output eventsTopicName string = eventsTopic.name

@description('Name of the dispatch subscription of the events topic.')
output dispatchSubscriptionName string = dispatchSubscription.name

@description('Name of the deliveries queue.')
output deliveriesQueueName string = deliveriesQueue.name
