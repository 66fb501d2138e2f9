namespace SmartChain.Tests.Functions;

/// <summary>
/// The public surface of the Azure Functions isolated worker that FunctionApp/Functions uses, with the
/// signatures of Azure/azure-functions-dotnet-worker (Worker.Extensions.Abstractions FunctionAttribute,
/// Worker.Extensions.Http HttpTriggerAttribute/AuthorizationLevel, Worker.Extensions.Timer
/// TimerTriggerAttribute/TimerInfo/ScheduleStatus, DotNetWorker FunctionsApplication(Builder),
/// Worker.Extensions.Http.AspNetCore ConfigureFunctionsWebApplication, Worker.OpenTelemetry UseFunctionsWorkerDefaults)
/// and no behaviour. The worker packages
/// are not on this machine's NuGet; compiling the functions against this shape still proves they call the
/// shared handlers with the right names and types.
/// </summary>
public static class WorkerApiShape
{
    /// <summary>The usings the Web SDK adds to FunctionApp (ImplicitUsings), as in its generated GlobalUsings.g.cs.</summary>
    public const string WebSdkImplicitUsings = """
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public const string Source = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Diagnostics.Metrics;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        namespace Microsoft.Azure.Functions.Worker
        {
            [AttributeUsage(AttributeTargets.Method)]
            public class FunctionAttribute : Attribute
            {
                public FunctionAttribute(string name) => Name = name;
                public string Name { get; }
            }

            public enum AuthorizationLevel { Anonymous = 0, User = 1, Function = 2, System = 3, Admin = 4 }

            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class HttpTriggerAttribute : Attribute
            {
                public HttpTriggerAttribute() => AuthLevel = AuthorizationLevel.Function;
                public HttpTriggerAttribute(params string[] methods) => Methods = methods;
                public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;
                public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) { AuthLevel = authLevel; Methods = methods; }
                public string? Route { get; set; }
                public string[]? Methods { get; private set; }
                public AuthorizationLevel AuthLevel { get; private set; }
            }

            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class TimerTriggerAttribute : Attribute
            {
                public TimerTriggerAttribute(string schedule) { Schedule = schedule; UseMonitor = true; }
                public string Schedule { get; private set; }
                public bool UseMonitor { get; set; }
                public bool RunOnStartup { get; set; }
            }

            public class TimerInfo
            {
                public ScheduleStatus? ScheduleStatus { get; set; }
                public bool IsPastDue { get; set; }
            }

            public class ScheduleStatus
            {
                public DateTime Last { get; set; }
                public DateTime Next { get; set; }
                public DateTime LastUpdated { get; set; }
            }
        }

        namespace Microsoft.Azure.Functions.Worker.Builder
        {
            public class FunctionsApplication
            {
                public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException();
            }

            public class FunctionsApplicationBuilder : IHostApplicationBuilder
            {
                public IDictionary<object, object> Properties => throw new NotSupportedException();
                public ConfigurationManager Configuration => throw new NotSupportedException();
                IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;
                public IHostEnvironment Environment => throw new NotSupportedException();
                public ILoggingBuilder Logging => throw new NotSupportedException();
                public IMetricsBuilder Metrics => throw new NotSupportedException();
                public IServiceCollection Services => throw new NotSupportedException();
                public IHost Build() => throw new NotSupportedException();
                public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null) where TContainerBuilder : notnull => throw new NotSupportedException();
            }

            public static class FunctionsApplicationBuilderAspNetCoreExtensions
            {
                public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) => builder;
            }
        }

        namespace Microsoft.Azure.Functions.Worker.OpenTelemetry
        {
            // Worker.OpenTelemetry: the worker's OpenTelemetry defaults (resource, correlation with the host's invocation).
            public static class ConfigureFunctionsOpenTelemetry
            {
                public static global::OpenTelemetry.IOpenTelemetryBuilder UseFunctionsWorkerDefaults(this global::OpenTelemetry.IOpenTelemetryBuilder builder) => builder;
            }
        }
        """;
}
