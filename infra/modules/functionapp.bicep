metadata description = 'Flex Consumption plan and Linux function app (.NET isolated) that uses a user-assigned identity for AzureWebJobsStorage, the deployment container, Key Vault and Application Insights.'

@description('Function app name: 2-60 characters, letters, digits and hyphens; globally unique (it is the host name).')
@minLength(2)
@maxLength(60)
param name string

@description('Flex Consumption plan name.')
@minLength(1)
@maxLength(60)
param planName string

@description('Azure region; must offer the Flex Consumption plan.')
param location string

@description('Tags for the plan; the site additionally gets azd-service-name.')
param tags resourceTags

@description('azd service name from azure.yaml, set as the azd-service-name tag on the site.')
param azdServiceName string

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Storage account used for AzureWebJobsStorage (identity based).')
param storageAccountName string

@description('Blob container URL for the deployment package.')
param deploymentContainerUrl string

@description('.NET isolated worker version (functionAppConfig.runtime.version).')
param dotnetVersion string

@description('Upper bound on instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('HTTP requests one instance takes at once before Flex Consumption adds an instance (the handlers are I/O-bound on Table Storage).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('SmartChain settings that are passed through as app settings as-is.')
param smartChainSettings smartChainAppSettings

@description('String-to-string tag map.')
type resourceTags = {
  @description('Tag value.')
  *: string
}

@description('App settings read by the SmartChain node (names are the environment variable names).')
type smartChainAppSettings = {
  @description('Table endpoint URL (https://<account>.table.core.windows.net) used with DefaultAzureCredential.')
  SMARTCHAIN_STORAGE: string
  @description('Prefix for the chain\'s table names.')
  SMARTCHAIN_TABLE_PREFIX: string
  @description('Key Vault URI that holds the BPSC signing key.')
  SMARTCHAIN_KEYVAULT_URI: string
  @description('NCRONTAB (6 fields) schedule of the forge timer.')
  SMARTCHAIN_FORGE_SCHEDULE: string
  @description('NCRONTAB (6 fields) schedule of the sync timer.')
  SMARTCHAIN_SYNC_SCHEDULE: string
  @description('NCRONTAB (6 fields) schedule of the checkpoint submission to witnesses.')
  SMARTCHAIN_WITNESS_SCHEDULE: string
  @description('Base URL of the BPSC service; empty when not used.')
  SMARTCHAIN_BPSC_URL: string
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
    }
  }
}

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: the runtime comes from functionAppConfig.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    {
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      AZURE_CLIENT_ID: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      // No "Your Functions app is up and running" page: GET / is the API's (a 404 problem+json from Unmatched).
      AzureWebJobsDisableHomepage: 'true'
    },
    smartChainSettings
  )
}

// No publishing user/password: deployments (azd, az, func) use Microsoft Entra tokens.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('HTTPS URL of the app.')
output url string = 'https://${site.properties.defaultHostName}'
