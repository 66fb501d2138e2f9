using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Http;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Hosting;

/// <summary>The services both hosts register: storage, acceptance, production, sync and the HTTP handlers.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddSmartChain(
        this IServiceCollection services,
        Func<IServiceProvider, NodeSettings> settings
    )
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Tables>();
        services.AddSingleton<SigningKeyVault>();
        services.AddSingleton<ChainRegistry>();
        services.AddSingleton<BlockStore>();
        services.AddSingleton(sp => sp.GetRequiredService<BlockStore>().Tiles);
        services.AddSingleton<Logs.CheckpointService>();
        services.AddSingleton<LogApi>();
        services.AddSingleton<Logs.WitnessService>();
        services.AddSingleton<WitnessApi>();
        // One submitter per process: it remembers each witness's size and backoff between rounds.
        services.AddHttpClient(nameof(Logs.WitnessSubmitter), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp =>
            ActivatorUtilities.CreateInstance<Logs.WitnessSubmitter>(
                sp,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Logs.WitnessSubmitter))
            )
        );
        services.AddSingleton<PendingStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountHistory>();
        services.AddSingleton<AcceptanceSequence>();
        services.AddSingleton<OpenEntryCommitter>();
        services.AddSingleton<LedgerTransferCommitter>();
        services.AddSingleton<PendingCounter>();
        services.AddSingleton<TransactionIntake>();
        services.AddSingleton<BlockProducer>();
        services.AddSingleton<ForgeGate>();
        services.AddSingleton<ChainFactory>();
        services.AddSingleton<PendingBacklog>();
        services.AddSingleton<ScheduledForging>();
        services.AddSingleton<PeerStore>();
        services.AddSingleton<LogStateStore>();
        services.AddSingleton<PeerRegistry>();
        // NodeClient keeps its own deadline, which covers the body too (HttpClient.Timeout covers the headers only
        // once a caller streams); redirects are not followed: a peer does not get to send a replica elsewhere.
        services
            .AddHttpClient<NodeClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ReplicaSync>();
        services.AddSingleton<TransactionAcceptance>();
        services.AddSingleton<Receipts.ReceiptLookup>();
        services.AddSingleton<SyncRound>();
        services.AddSingleton<NodeStartup>();
        services.AddSingleton<ChainStream>();
        services.AddSingleton<ArticleApi>();
        services.AddSingleton<ChainsApi>();
        services.AddSingleton<BlocksApi>();
        services.AddSingleton<TransactionsApi>();
        services.AddSingleton<AccountsApi>();
        services.AddSingleton<AccountHistoryApi>();
        services.AddSingleton<ChainEvents>();
        services.AddSingleton<ExplorerAssets>();
        services.AddSingleton<ExplorerApi>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<OpenApiDescription>();

        services.AddSingleton<ClientRateLimiter>();
        return services;
    }
}
