metadata description = 'Key Vault (RBAC authorization, soft delete, purge protection) for the BPSC signing keys; the app identity gets Key Vault Secrets Officer so it can create the key secret on first start.'

@description('Key Vault name: 3-24 characters, letters, digits and single hyphens, starting with a letter; globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags resourceTags

@description('Days a deleted vault or secret stays recoverable (7-90). Purge protection is on: the name stays reserved for this long after deletion.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the app\'s user-assigned identity (gets Key Vault Secrets Officer).')
param appIdentityName string

@description('Optional object id of a user or group that also gets Key Vault Secrets Officer. Empty: none.')
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

@description('Built-in role: Key Vault Secrets Officer (create, read, update, delete secrets).')
var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource appSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, secretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Vault URI, e.g. https://<name>.vault.azure.net/ (SMARTCHAIN_KEYVAULT_URI).')
output uri string = vault.properties.vaultUri
