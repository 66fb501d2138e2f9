using SmartChain.Bench.Reporting;

namespace SmartChain.Tests.Bench;

/// <summary>
/// How the bench sorts a sampled stack of the node (root first, managed frames only) into what it was spending CPU on.
/// </summary>
public sealed class CpuBreakdownTests
{
    private const string Kestrel =
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol+<ProcessRequests>d__1.MoveNext()";
    private const string Send = "System.Net.Sockets.Socket.SendAsync(class System.Net.Sockets.SocketAsyncEventArgs)";
    private const string HttpClient = "System.Net.Http.HttpConnection+<SendAsync>d__56.MoveNext()";
    private const string Pool = "System.Threading.PortableThreadPool+WorkerThread.WorkerThreadStart()";
    private const string Semaphore = "System.Threading.LowLevelLifoSemaphore.WaitForSignal(int32)";

    [Fact]
    public void A_socket_call_is_the_http_servers_under_kestrel_and_the_storage_clients_otherwise()
    {
        Assert.Equal(CpuBreakdown.HttpServerSockets, CpuBreakdown.BucketOf([Pool, Kestrel, Send], external: true));
        Assert.Equal(CpuBreakdown.StorageSockets, CpuBreakdown.BucketOf([Pool, HttpClient, Send], external: true));
    }

    [Fact]
    public void The_deepest_named_frame_decides()
    {
        string[] verify =
        [
            Pool,
            Kestrel,
            "Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(class Microsoft.AspNetCore.Http.HttpContext)",
            "SmartChain.Domain.Ledger.SignedTransfer.TryRead(value class System.Text.Json.JsonElement)",
            "System.Security.Cryptography.ECDsaOpenSsl.VerifyHashCore(value class System.ReadOnlySpan`1<uint8>)",
        ];
        Assert.Equal(CpuBreakdown.Verify, CpuBreakdown.BucketOf(verify, external: true));
        Assert.Equal(CpuBreakdown.SmartChain, CpuBreakdown.BucketOf(verify[..^1], external: false));
        Assert.Equal(CpuBreakdown.HttpServer, CpuBreakdown.BucketOf(verify[..^2], external: false));
    }

    [Fact]
    public void A_blocked_thread_is_idle_and_the_same_frame_in_managed_code_is_spinning()
    {
        Assert.Null(CpuBreakdown.BucketOf([Pool, Semaphore], external: true));
        Assert.Equal(CpuBreakdown.Spinning, CpuBreakdown.BucketOf([Pool, Semaphore], external: false));
        Assert.Null(
            CpuBreakdown.BucketOf([Pool, HttpClient, "System.Threading.Thread.<PollGC>g__PollGCWorker|67_0()"], false)
        );
        Assert.Null(CpuBreakdown.BucketOf([], external: true));
    }

    [Fact]
    public void Shares_are_of_busy_samples_only()
    {
        var breakdown = new CpuBreakdown();
        breakdown.Add([Pool, Kestrel, Send], external: true);
        breakdown.Add([Pool, Kestrel, Send], external: true);
        breakdown.Add([Pool, HttpClient, Send], external: true);
        breakdown.Add([Pool, Semaphore], external: true);
        breakdown.Add(["Program.<Main>(class System.String[])", "Some.Unknown.Frame()"], external: false);

        Assert.Equal(4, breakdown.Busy);
        Assert.Equal(1, breakdown.Idle);
        Assert.Equal(
            [(CpuBreakdown.HttpServerSockets, 0.5), (CpuBreakdown.StorageSockets, 0.25), (CpuBreakdown.Other, 0.25)],
            breakdown.Shares()
        );
    }
}
