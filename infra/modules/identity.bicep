metadata description = 'User-assigned managed identity used by the function app for storage, Key Vault and Application Insights.'

@description('Name of the user-assigned managed identity (3-128 characters).')
@minLength(3)
@maxLength(128)
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags resourceTags

@description('String-to-string tag map.')
type resourceTags = {
  @description('Tag value.')
  *: string
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output resourceId string = identity.id

@description('Client (application) id of the identity; the app uses it for DefaultAzureCredential and AzureWebJobsStorage.')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity; the target of the role assignments.')
output principalId string = identity.properties.principalId
