using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// OpenTelemetry for both hosts, by configuration only (docs/operations.md): OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is,
/// and on the self-host an in-process reader behind <c>GET /metrics</c> (Prometheus text). With none of these,
/// nothing is registered: the instruments have no listener and recording is a no-op.
/// </summary>
public static class TelemetryRegistration
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Set by infra/ for Entra ID ingestion: "ClientId=…;Authorization=AAD" names the managed identity to export with.
    /// </summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Read by the Azure SDK: its clients trace each operation on an ActivitySource named "Azure.*" only when this is
    /// on.
    /// </summary>
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <param name="prometheus">True on the self-host: keep the metrics for <c>GET /metrics</c> (map it with
    /// <c>MapPrometheusScrapingEndpoint</c>).</param>
    /// <param name="host">The host's own additions (the Functions worker's defaults), applied only when something is
    /// exported.</param>
    public static IServiceCollection AddSmartChainTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        bool prometheus,
        Action<OpenTelemetryBuilder>? host = null
    )
    {
        // Logs carry the trace and span ids of the work they describe, in scopes, whatever the exporter.
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |=
                ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId
        );

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var azureMonitor = configuration[AzureMonitorSetting] is { Length: > 0 } connectionString
            ? connectionString
            : null;
        var exported = otlp || azureMonitor is not null;
        if (!exported && !prometheus)
        {
            return services;
        }

        var telemetry = services
            .AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "smartchain"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (prometheus)
                {
                    // No cache: a scrape sees what happened before it (the exporter's default holds an answer 300 ms).
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        if (!exported)
        {
            return services;
        }

        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        telemetry
            .WithTracing(tracing =>
                tracing
                    .AddSource(Telemetry.Name, "Azure.*")
                    .AddAspNetCoreInstrumentation(o =>
                        o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics")
                    )
                    // The Azure SDK traces its own HTTP calls (Azure.Core.Http); counting them twice helps nobody.
                    .AddHttpClientInstrumentation(o =>
                        o.FilterHttpRequestMessage = _ => Activity.Current?.Source.Name != "Azure.Core.Http"
                    )
            )
            .WithLogging();
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor is not null)
        {
            var credential = Credential(configuration[AzureMonitorAuthenticationSetting]);
            void Configure(AzureMonitorExporterOptions o)
            {
                o.ConnectionString = azureMonitor;
                o.Credential = credential;
            }

            telemetry
                .WithTracing(t => t.AddAzureMonitorTraceExporter(Configure))
                .WithMetrics(m => m.AddAzureMonitorMetricExporter(Configure))
                .WithLogging(l => l.AddAzureMonitorLogExporter(Configure));
        }

        host?.Invoke(telemetry);
        return services;
    }

    /// <summary>
    /// The managed identity named by "ClientId=…;Authorization=AAD", or null (the connection string's key is used).
    /// </summary>
    private static TokenCredential? Credential(string? authentication)
    {
        if (authentication is null || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication
            .Split(';')
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(kv => kv.Length == 2 && kv[0].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            ?[1].Trim();
        return clientId is null
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
