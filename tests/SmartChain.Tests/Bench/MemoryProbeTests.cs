using SmartChain.Bench.Infrastructure;

namespace SmartChain.Tests.Bench;

/// <summary>The bench's memory probe, watching this test process: /proc, and the runtime's counters by EventPipe.
/// </summary>
public sealed class MemoryProbeTests
{
    [Fact]
    public async Task It_sees_memory_the_process_holds_in_its_pages_and_in_the_gc()
    {
        const int Megabytes = 64;
        await using var probe = MemoryProbe.Start(Environment.ProcessId);
        var held = new List<byte[]>();
        for (var i = 0; i < Megabytes; i++)
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)i); // touched, so resident
            held.Add(block);
        }

        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the counters come each second
        var peak = await probe.StopAsync();
        GC.KeepAlive(held);

        Assert.NotNull(peak);
        Assert.True(peak.Value.AnonMb >= Megabytes, $"anonymous {peak.Value.AnonMb:0} MB");
        Assert.True(peak.Value.FileMb > 0, "the runtime's mapped files");
        Assert.True(peak.Value.GcCommittedMb >= Megabytes, $"GC committed {peak.Value.GcCommittedMb:0} MB");
        Assert.True(peak.Value.GcLiveMb >= Megabytes, $"GC held {peak.Value.GcLiveMb:0} MB after a collection");
    }
}
