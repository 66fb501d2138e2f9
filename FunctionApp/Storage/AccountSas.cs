using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// An account SAS for the node's tables, made from the account key once and renewed in the background well before
/// it expires: each request then carries a signature computed once, instead of an HMAC per request.
/// </summary>
public static class AccountSas
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    private static readonly TimeSpan Renewal = TimeSpan.FromHours(6);

    // Rooted for the process's life, like the clients that use the credential.
    private static readonly List<Timer> Renewals = [];

    /// <summary>
    /// A renewing SAS credential, or null when <paramref name="keyed"/> was made without an account key.
    /// </summary>
    public static AzureSasCredential? For(TableServiceClient keyed)
    {
        string first;
        try
        {
            first = Make(keyed);
        }
        catch (InvalidOperationException)
        {
            return null; // no account key: a SAS connection string, used as it is
        }

        var credential = new AzureSasCredential(first);
        lock (Renewals)
        {
            Renewals.Add(new Timer(_ => credential.Update(Make(keyed)), null, Renewal, Renewal));
        }

        return credential;
    }

    private static string Make(TableServiceClient keyed) =>
        keyed
            .GenerateSasUri(
                TableAccountSasPermissions.All,
                TableAccountSasResourceTypes.All,
                DateTimeOffset.UtcNow.Add(Lifetime)
            )
            .Query;
}
