metadata description = 'Storage account (no shared keys, TLS 1.2, no public blobs) with the Flex Consumption deployment container; data-plane roles for the app identity and, optionally, a developer.'

@description('Storage account name: 3-24 lowercase letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags resourceTags

@description('Blob container that holds the function app deployment package.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string

@description('Storage redundancy SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Name of the app\'s user-assigned identity (gets Blob Data Owner and Table Data Contributor).')
param appIdentityName string

@description('Optional object id of a user or group that also gets data access (for running the self-hosted node against this account). Empty: none.')
param userPrincipalId string

@description('Principal type of userPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param userPrincipalType string

@description('String-to-string tag map.')
type resourceTags = {
  @description('Tag value.')
  *: string
}

@description('Built-in roles granted on the account: Storage Blob Data Owner (deployment package, AzureWebJobsStorage blobs: host locks, timer status, keys) and Storage Table Data Contributor (chain tables).')
var dataRoleIds = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        table: {
          enabled: true
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataRoleIds: {
    name: guid(account.id, appIdentity.id, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource userRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataRoleIds: if (!empty(userPrincipalId)) {
    name: guid(account.id, userPrincipalId, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

@description('Storage account name (AzureWebJobsStorage__accountName).')
output name string = account.name

@description('Blob URL of the deployment container (functionAppConfig.deployment.storage.value).')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Table service endpoint without trailing slash, e.g. https://<account>.table.core.windows.net (SMARTCHAIN_STORAGE).')
output tableEndpoint string = 'https://${account.name}.table.${environment().suffixes.storage}'
