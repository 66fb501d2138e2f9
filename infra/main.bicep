metadata description = 'SmartChain node on Azure Functions Flex Consumption (.NET isolated): function app, identity-only storage, Key Vault for the BPSC signing keys, Log Analytics and Application Insights. Deploy into an existing resource group (azd up, or az deployment group create).'

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Environment name (azd sets it from AZURE_ENV_NAME). Tagged as azd-env-name and hashed into the resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Short prefix for resource names: 2-8 lowercase letters or digits (hyphens are dropped where a name forbids them).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'sc'

@description('Azure region for all resources; must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Optional object id of the deploying user or group (azd passes AZURE_PRINCIPAL_ID). Gets table/blob data access and Key Vault Secrets Officer, so the self-hosted node can run against these resources. Empty: nobody besides the app.')
param principalId string = ''

@description('Principal type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('.NET isolated version for functionAppConfig.runtime.version (Flex Consumption lists 8.0, 9.0 and 10.0 for dotnet-isolated).')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Maximum number of instances the app may scale out to (bounds the worst-case bill).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB (512, 2048 or 4096). Execution time is billed per GB-second of this size.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Storage redundancy of the account that holds the chain tables and the host blobs.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Prefix of the SmartChain table names (SMARTCHAIN_TABLE_PREFIX).')
@minLength(1)
@maxLength(20)
param tablePrefix string = 'sc'

@description('NCRONTAB schedule (6 fields, with seconds) of the forge timer (SMARTCHAIN_FORGE_SCHEDULE).')
param forgeSchedule string = '*/10 * * * * *'

@description('NCRONTAB schedule (6 fields, with seconds) of the sync timer (SMARTCHAIN_SYNC_SCHEDULE).')
param syncSchedule string = '*/30 * * * * *'

@description('NCRONTAB schedule (6 fields, with seconds) of the checkpoint submission to witnesses (SMARTCHAIN_WITNESS_SCHEDULE).')
param witnessSchedule string = '*/5 * * * * *'

@description('Base URL of the BPSC service (SMARTCHAIN_BPSC_URL); empty when not used.')
param bpscUrl string = ''

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily ingestion cap for the Log Analytics workspace in GB; -1 for no cap. Telemetry beyond the cap is dropped until the next day.')
@minValue(-1)
param logDailyQuotaGb int = 1

@description('Key Vault soft-delete retention in days (purge protection keeps the vault name reserved this long after deletion).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

// ---------------------------------------------------------------------------------------------
// Names and tags
// ---------------------------------------------------------------------------------------------

@description('13-character hash that makes the names unique per subscription, resource group and environment.')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))

@description('Name prefix in lower case.')
var prefix = toLower(namePrefix)

@description('Name prefix without hyphens, for storage accounts and vaults.')
var compactPrefix = replace(prefix, '-', '')

@description('Tags on every resource; azd finds its resources through azd-env-name.')
var tags = {
  'azd-env-name': environmentName
  application: 'smartchain'
}

@description('Service name in azure.yaml; tagged on the function app so azd deploy finds it.')
var azdServiceName = 'api'

@description('Resource names, each within its resource type\'s length and character rules.')
var names = {
  identity: 'id-${prefix}-${resourceToken}'
  logAnalytics: 'log-${prefix}-${resourceToken}'
  appInsights: 'appi-${prefix}-${resourceToken}'
  storage: take('st${compactPrefix}${resourceToken}', 24)
  keyVault: take('kv${compactPrefix}${resourceToken}', 24)
  plan: 'plan-${prefix}-${resourceToken}'
  functionApp: 'func-${prefix}-${resourceToken}'
  deploymentContainer: 'app-package'
}

// ---------------------------------------------------------------------------------------------
// Resources (local modules)
// ---------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
    appIdentityName: names.identity
  }
  // Role assignments reference the identity by name.
  dependsOn: [
    identity
  ]
}

module storage 'modules/storage.bicep' = {
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: names.deploymentContainer
    appIdentityName: names.identity
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  // Role assignments reference the identity by name.
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  params: {
    name: names.keyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    appIdentityName: names.identity
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  // Role assignments reference the identity by name.
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    azdServiceName: azdServiceName
    identityName: names.identity
    appInsightsName: names.appInsights
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    smartChainSettings: {
      SMARTCHAIN_STORAGE: storage.outputs.tableEndpoint
      SMARTCHAIN_TABLE_PREFIX: tablePrefix
      SMARTCHAIN_KEYVAULT_URI: keyVault.outputs.uri
      SMARTCHAIN_FORGE_SCHEDULE: forgeSchedule
      SMARTCHAIN_SYNC_SCHEDULE: syncSchedule
      SMARTCHAIN_WITNESS_SCHEDULE: witnessSchedule
      SMARTCHAIN_BPSC_URL: bpscUrl
    }
  }
  // The site references the identity and App Insights by name; wait for them (and their role assignments).
  dependsOn: [
    identity
    monitoring
  ]
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env)
// ---------------------------------------------------------------------------------------------

@description('Region the resources were deployed to.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group that holds the deployment.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Function app name (also SERVICE_API_NAME for azd).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Function app URL, https://<name>.azurewebsites.net.')
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url

@description('Name of the azd service\'s resource.')
output SERVICE_API_NAME string = functionApp.outputs.name

@description('Endpoint of the azd service.')
output SERVICE_API_URI string = functionApp.outputs.url

@description('Storage account with the chain tables and the host blobs.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Table endpoint the app uses (SMARTCHAIN_STORAGE).')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('Key Vault name.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Key Vault URI (SMARTCHAIN_KEYVAULT_URI).')
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri

@description('Client id of the app\'s user-assigned identity (deliberately not named AZURE_CLIENT_ID, so it does not leak into local DefaultAzureCredential runs).')
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Application Insights component name.')
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
