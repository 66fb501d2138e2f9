namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Every API route of a node, mapped onto an endpoint builder: the self-host serves them, and the OpenAPI
/// document both hosts serve is generated from them (<see cref="OpenApiDescription"/>).
/// </summary>
public static class NodeRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArticleApi.Map(routes);
        ChainsApi.Map(routes);
        BlocksApi.Map(routes);
        TransactionsApi.Map(routes);
        AccountsApi.Map(routes);
        AccountHistoryApi.Map(routes);
        LogApi.Map(routes);
        WitnessApi.Map(routes);
        ChainEvents.Map(routes);
        ExplorerApi.Map(routes); // GET /, /explorer/…, /assets/…: the block explorer (docs/explorer.md)
    }
}
