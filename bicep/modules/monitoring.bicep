// Monitoring: a Log Analytics workspace and a workspace-based Application Insights component with local authentication
// off, so telemetry is accepted only with a Microsoft Entra token (the app's identity holds Monitoring Metrics Publisher,
// see roles.bicep; the Functions host sends with APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD).
// Resource references:
//   https://learn.microsoft.com/azure/templates/microsoft.operationalinsights/2023-09-01/workspaces
//   https://learn.microsoft.com/azure/templates/microsoft.insights/2020-02-02/components
//   https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication (DisableLocalAuth)

@description('Azure region of the workspace and the component.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('How many days the workspace keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

@description('Name of the Log Analytics workspace.')
output workspaceName string = workspace.name

@description('Name of the Application Insights component.')
output applicationInsightsName string = appInsights.name

@description('Resource ID of the Application Insights component (scope of the log alerts and the workbook).')
output applicationInsightsId string = appInsights.id
