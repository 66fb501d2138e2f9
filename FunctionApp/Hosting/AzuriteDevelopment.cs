namespace SmartChain.FunctionApp.Hosting;

/// <summary>
/// Azurite's well-known development account (public, documented by Microsoft; not a secret): the one C# copy of
/// its key, used by the node's default storage, the tests and the bench. scripts/azurite.sh and
/// local.settings.sample.json keep their own literal, as shell and JSON cannot reference C#.
/// </summary>
public static class AzuriteDevelopment
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development account on Azurite's default table port, 10002.</summary>
    public const string DefaultTableStorage =
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"TableEndpoint=http://127.0.0.1:10002/{AccountName};";

    /// <summary>The development account for an Azurite table service on <paramref name="port"/>.</summary>
    public static string TableStorage(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"TableEndpoint=http://127.0.0.1:{port}/{AccountName};";
}
