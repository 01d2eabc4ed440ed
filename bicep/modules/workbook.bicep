// An Application Insights workbook for on-call: per tenant, webhooks received (and duplicates, rejections), deliveries
// succeeded, failed (retry scheduled) and dead-lettered, delivery latency percentiles, and ingest latency over time.
// Source data: customMetrics written by the app from Meter("WebhookHub") (webhookhub.events.received with dimensions tenant
// and duplicate, webhookhub.events.rejected with tenant and reason, webhookhub.delivery.attempts with tenant and outcome,
// webhookhub.delivery.duration in milliseconds with tenant, webhookhub.delivery.disabled_dead_letters with tenant) and the
// requests table (ingest requests named by route template).
// Delivery latency percentiles are approximate: custom metrics arrive as one aggregate per minute (count, sum, min, max),
// so the percentiles are taken over the per-minute means weighted by their counts; the max column is exact.
// Resource reference: https://learn.microsoft.com/azure/templates/microsoft.insights/2023-06-01/workbooks
// Workbook JSON: https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate

@description('Azure region of the workbook.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Resource name of the workbook (a GUID).')
param workbookName string

@description('Title shown in the portal.')
param displayName string

@description('Resource ID of the Application Insights component the workbook reads.')
param applicationInsightsId string

@description('Request name of the ingest endpoint in Application Insights.')
param ingestRequestName string

var tenantFilter = 'let tenantFilter = "{Tenant}";'

var perTenantQuery = join([
  tenantFilter
  'customMetrics'
  '| where name startswith "webhookhub."'
  '| extend tenant = tostring(customDimensions.tenant), outcome = tostring(customDimensions.outcome), duplicate = tostring(customDimensions.duplicate)'
  '| where isempty(tenantFilter) or tenant == tenantFilter'
  '| summarize'
  '    received = sumif(valueSum, name == "webhookhub.events.received" and duplicate !~ "true"),'
  '    duplicates = sumif(valueSum, name == "webhookhub.events.received" and duplicate =~ "true"),'
  '    rejected = sumif(valueSum, name == "webhookhub.events.rejected"),'
  '    delivered = sumif(valueSum, name == "webhookhub.delivery.attempts" and outcome == "succeeded"),'
  '    failed = sumif(valueSum, name == "webhookhub.delivery.attempts" and outcome == "failed"),'
  '    deadLettered = sumif(valueSum, (name == "webhookhub.delivery.attempts" and outcome == "dead") or name == "webhookhub.delivery.disabled_dead_letters")'
  '    by tenant'
  '| where isnotempty(tenant)'
  '| order by received desc'
], '\n')

var attemptsOverTimeQuery = join([
  tenantFilter
  'customMetrics'
  '| where name == "webhookhub.delivery.attempts"'
  '| extend tenant = tostring(customDimensions.tenant), outcome = tostring(customDimensions.outcome)'
  '| where isempty(tenantFilter) or tenant == tenantFilter'
  '| summarize attempts = sum(valueSum) by outcome, bin(timestamp, {TimeRange:grain})'
], '\n')

var deliveryLatencyQuery = join([
  tenantFilter
  'customMetrics'
  '| where name == "webhookhub.delivery.duration" and valueCount > 0'
  '| extend tenant = tostring(customDimensions.tenant), meanMs = valueSum / valueCount, weight = tolong(valueCount)'
  '| where isempty(tenantFilter) or tenant == tenantFilter'
  '| summarize attempts = sum(weight), p50Ms = percentilew(meanMs, weight, 50), p95Ms = percentilew(meanMs, weight, 95),'
  '    p99Ms = percentilew(meanMs, weight, 99), maxMs = max(valueMax) by tenant'
  '| order by p95Ms desc'
], '\n')

var ingestLatencyQuery = join([
  'requests'
  '| where name == "${ingestRequestName}"'
  '| summarize p50 = percentile(duration, 50), p95 = percentile(duration, 95), p99 = percentile(duration, 99)'
  '    by bin(timestamp, {TimeRange:grain})'
], '\n')

var rejectionsQuery = join([
  tenantFilter
  'customMetrics'
  '| where name == "webhookhub.events.rejected"'
  '| extend tenant = tostring(customDimensions.tenant), reason = tostring(customDimensions.reason)'
  '| where isempty(tenantFilter) or tenant == tenantFilter'
  '| summarize rejected = sum(valueSum) by tenant, reason'
  '| order by rejected desc'
], '\n')

var content = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'intro'
      content: {
        json: '## WebhookHub\nPer-tenant flow from the app\'s custom metrics. Start with the table: a tenant whose **failed** or **deadLettered** grows has failing endpoints (open its deliveries with the API); **rejected** growing means signatures stopped matching (see the rejections table). Service Bus dead letters (infrastructure) are on the namespace\'s metrics, not here.'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        style: 'pills'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        parameters: [
          {
            id: '6a1f1b1e-0c57-4d0c-9a0e-6c1e4a7b2f01'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: {
              durationMs: 86400000
            }
            typeSettings: {
              selectableValues: [
                {
                  durationMs: 3600000
                }
                {
                  durationMs: 14400000
                }
                {
                  durationMs: 86400000
                }
                {
                  durationMs: 604800000
                }
              ]
            }
          }
          {
            id: '6a1f1b1e-0c57-4d0c-9a0e-6c1e4a7b2f02'
            version: 'KqlParameterItem/1.0'
            name: 'Tenant'
            label: 'Tenant ID (empty = all)'
            type: 1
            value: ''
          }
        ]
      }
    }
    {
      type: 3
      name: 'per-tenant'
      content: {
        version: 'KqlItem/1.0'
        title: 'Per tenant: received, rejected, delivered, failed (retry scheduled), dead-lettered'
        query: perTenantQuery
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
      }
    }
    {
      type: 3
      name: 'attempts-over-time'
      content: {
        version: 'KqlItem/1.0'
        title: 'Delivery attempts by outcome'
        query: attemptsOverTimeQuery
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
      }
    }
    {
      type: 3
      name: 'delivery-latency'
      content: {
        version: 'KqlItem/1.0'
        title: 'Delivery latency per tenant (ms; percentiles approximate, max exact)'
        query: deliveryLatencyQuery
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
      }
    }
    {
      type: 3
      name: 'ingest-latency'
      content: {
        version: 'KqlItem/1.0'
        title: 'Ingest latency (ms): ${ingestRequestName}'
        query: ingestLatencyQuery
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
      }
    }
    {
      type: 3
      name: 'rejections'
      content: {
        version: 'KqlItem/1.0'
        title: 'Rejected webhooks by tenant and reason'
        query: rejectionsQuery
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
      }
    }
  ]
  fallbackResourceIds: [
    applicationInsightsId
  ]
  '$schema': 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json'
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: workbookName
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: string(content)
    version: 'Notebook/1.0'
  }
}

@description('Resource ID of the workbook.')
output workbookId string = workbook.id
