// Alerts for on-call: one action group and four alert rules.
//   dead-lettered messages   metric alert on the Service Bus namespace (DeadletteredMessages > 0, per entity): a dispatch or
//                            deliver invocation failed maxDeliveryCount times, or a message expired. Infrastructure, not a
//                            failing endpoint (those are WebhookHub's own dead letters, counted in the failure rate).
//   delivery failure rate    log alert, per tenant: share of delivery attempts that did not succeed (outcome failed = retry
//                            scheduled, dead = dead-lettered by WebhookHub) over 15 minutes.
//   signature rejections     log alert, per tenant: webhooks refused for a missing, malformed, stale or wrong signature.
//   ingest latency           log alert: p95 duration of the ingest requests over 15 minutes.
// The log alerts read Application Insights customMetrics that the app writes from its Meter("WebhookHub") instruments:
// webhookhub.delivery.attempts (dimensions tenant, outcome) and webhookhub.events.rejected (tenant, reason); and the
// requests the app records under the route template (e.g. "POST /api/webhooks/{sourceId}"; never the source ID itself).
// Counters arrive pre-aggregated (one row per minute and dimension set), so counts are sum(valueSum).
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.insights/2023-01-01/actiongroups
//   https://learn.microsoft.com/azure/templates/microsoft.insights/2018-03-01/metricalerts
//   https://learn.microsoft.com/azure/templates/microsoft.insights/2023-12-01/scheduledqueryrules
//   https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-servicebus-namespaces-metrics

@description('Azure region of the log alert rules (the region of the Application Insights component).')
param location string

@description('Tags put on every resource.')
param tags object

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Name of the action group.')
param actionGroupName string

@description('Short name of the action group, shown in SMS and e-mail (at most 12 characters).')
@maxLength(12)
param actionGroupShortName string

@description('E-mail address the action group notifies; empty = no receiver (add one in the portal or by redeploying).')
param alertEmail string

@description('Resource ID of the Application Insights component.')
param applicationInsightsId string

@description('Resource ID of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('Request name of the ingest endpoint in Application Insights.')
param ingestRequestName string

@description('Alert when more than this percentage of a tenant\'s delivery attempts fail within 15 minutes.')
@minValue(1)
@maxValue(100)
param deliveryFailureRatePercent int

@description('Attempts a tenant needs within 15 minutes before its failure rate is judged (avoids alerts on a handful).')
@minValue(1)
param deliveryFailureMinAttempts int

@description('Alert when a tenant has more than this many signature rejections within 15 minutes.')
@minValue(1)
param signatureRejectionThreshold int

@description('Alert when the p95 ingest duration over 15 minutes exceeds this many milliseconds.')
@minValue(50)
param ingestLatencyP95Milliseconds int

@description('Ingest requests needed within 15 minutes before the p95 is judged.')
@minValue(1)
param ingestLatencyMinRequests int

var emailReceivers = [
  {
    name: 'on-call'
    emailAddress: alertEmail
    useCommonAlertSchema: true
  }
]

var tenantDimension = [
  {
    name: 'tenant'
    operator: 'Include'
    values: [
      '*'
    ]
  }
]

var oncePerWindow = {
  numberOfEvaluationPeriods: 1
  minFailingPeriodsToAlert: 1
}

var failureRateQuery = join([
  'customMetrics'
  '| where name == "webhookhub.delivery.attempts"'
  '| extend tenant = tostring(customDimensions.tenant), outcome = tostring(customDimensions.outcome)'
  '| summarize attempts = sum(valueSum), failed = sumif(valueSum, outcome != "succeeded") by tenant'
  '| where attempts >= ${deliveryFailureMinAttempts}'
  '| extend failureRate = round(100.0 * failed / attempts, 1)'
], '\n')

// Rejections that are not about the signature (too large, overloaded, unknown source, no event ID) are left out.
var signatureRejectionQuery = join([
  'customMetrics'
  '| where name == "webhookhub.events.rejected"'
  '| extend tenant = tostring(customDimensions.tenant), reason = tostring(customDimensions.reason)'
  '| where reason !in~ ("too_large", "overloaded", "unknown_source", "MissingEventId")'
  '| summarize rejected = sum(valueSum) by tenant'
], '\n')

var ingestLatencyQuery = join([
  'requests'
  '| where name == "${ingestRequestName}"'
  '| summarize p95 = percentile(duration, 95), requestCount = count()'
  '| where requestCount >= ${ingestLatencyMinRequests}'
  '| project p95'
], '\n')

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : emailReceivers
  }
}

resource deadLetteredMessages 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-lettered-messages'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages in a Service Bus dead-letter queue: a dispatch or deliver invocation failed maxDeliveryCount times, or a message expired. See README "On call".'
    severity: 2
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadletteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

resource deliveryFailureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-delivery-failure-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: delivery failure rate'
    description: 'More than ${deliveryFailureRatePercent}% of a tenant\'s delivery attempts failed in 15 minutes (at least ${deliveryFailureMinAttempts} attempts). See README "On call".'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: failureRateQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failureRate'
          dimensions: tenantDimension
          operator: 'GreaterThan'
          threshold: deliveryFailureRatePercent
          failingPeriods: oncePerWindow
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource signatureRejections 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-signature-rejections'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: signature rejection spike'
    description: 'More than ${signatureRejectionThreshold} webhooks of one tenant refused for their signature in 15 minutes. See README "On call".'
    severity: 3
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: signatureRejectionQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'rejected'
          dimensions: tenantDimension
          operator: 'GreaterThan'
          threshold: signatureRejectionThreshold
          failingPeriods: oncePerWindow
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource ingestLatency 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-ingest-latency'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: ingest latency'
    description: 'p95 of "${ingestRequestName}" above ${ingestLatencyP95Milliseconds} ms over 15 minutes. Providers time out and retry. See README "On call".'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: ingestLatencyQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'p95'
          operator: 'GreaterThan'
          threshold: ingestLatencyP95Milliseconds
          failingPeriods: oncePerWindow
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

@description('Name of the action group.')
output actionGroupName string = actionGroup.name

@description('Names of the alert rules.')
output alertRuleNames array = [
  deadLetteredMessages.name
  deliveryFailureRate.name
  signatureRejections.name
  ingestLatency.name
]
