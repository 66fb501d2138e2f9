using System.Security.Cryptography;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Where BPSC private keys live in Azure: a Key Vault (SMARTCHAIN_KEYVAULT_URI), read and written with the app's
/// managed identity. Unset — locally — keys stay in the chains table. Each key gets a fresh secret name, written
/// before the chain row that names it, so a producer that loses the race to create a chain leaves only an unused
/// secret, never a chain without its key.
/// </summary>
public sealed class SigningKeyVault(NodeSettings settings)
{
    private readonly SecretClient? _client = settings.KeyVaultUri is { } uri
        ? new SecretClient(uri, new DefaultAzureCredential())
        : null;

    public bool IsConfigured => _client is not null;

    /// <summary>Stores a chain's PKCS#8 key; answers the secret's name.</summary>
    public async Task<string> StoreAsync(string chain, byte[] pkcs8, CancellationToken cancellationToken)
    {
        var name = $"bpsc-{settings.TablePrefix}-{chain}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        await _client!.SetSecretAsync(name, Convert.ToBase64String(pkcs8), cancellationToken);
        return name;
    }

    public async Task<byte[]> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var client =
            _client
            ?? throw new InvalidOperationException(
                $"the key of this chain is in Key Vault secret '{name}', but SMARTCHAIN_KEYVAULT_URI is not set"
            );
        var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
        return Convert.FromBase64String(secret.Value.Value);
    }
}
