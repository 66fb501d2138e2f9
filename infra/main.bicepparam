// Parameters for main.bicep. Values come from the azd environment (.azure/<env>/.env, which azd
// exports while provisioning) or from the shell; the second argument is the default.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'smartchain')
param namePrefix = readEnvironmentVariable('SMARTCHAIN_NAME_PREFIX', 'sc')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

param dotnetVersion = '10.0'
param maximumInstanceCount = int(readEnvironmentVariable('SMARTCHAIN_MAX_INSTANCES', '40'))
param instanceMemoryMB = 2048

param tablePrefix = readEnvironmentVariable('SMARTCHAIN_TABLE_PREFIX', 'sc')
param forgeSchedule = readEnvironmentVariable('SMARTCHAIN_FORGE_SCHEDULE', '*/10 * * * * *')
param syncSchedule = readEnvironmentVariable('SMARTCHAIN_SYNC_SCHEDULE', '*/30 * * * * *')
param bpscUrl = readEnvironmentVariable('SMARTCHAIN_BPSC_URL', '')

param logDailyQuotaGb = int(readEnvironmentVariable('SMARTCHAIN_LOG_DAILY_QUOTA_GB', '1'))
