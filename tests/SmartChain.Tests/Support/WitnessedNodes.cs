using System.Net;
using SmartChain.Domain.Log;

namespace SmartChain.Tests.Support;

/// <summary>
/// Real node processes for witnessed-log tests: a BPSC with manual production whose SMARTCHAIN_WITNESSES names
/// a number of replicas of it, each a witness (SPEC §12) that cosigns only roots it verified.
/// </summary>
public sealed class WitnessedNodes : IAsyncDisposable
{
    private readonly List<NodeProcess> _witnesses = [];

    private WitnessedNodes(
        NodeProcess bpsc,
        List<NodeProcess> witnesses,
        List<NoteVerifierKey> keys,
        NoteVerifierKey logKey
    )
    {
        Bpsc = bpsc;
        _witnesses = witnesses;
        WitnessKeys = keys;
        LogKey = logKey;
    }

    public NodeProcess Bpsc { get; }

    public IReadOnlyList<NodeProcess> Witnesses => _witnesses;

    public IReadOnlyList<NoteVerifierKey> WitnessKeys { get; }

    public NoteVerifierKey LogKey { get; }

    public string Url => Bpsc.Url.ToString();

    public static async Task<WitnessedNodes> StartAsync(int witnessCount, string? prefix = null)
    {
        prefix ??= TestStorage.UniquePrefix();
        var bpscPort = TestStorage.FreePort();
        var witnesses = new List<NodeProcess>();
        var keys = new List<NoteVerifierKey>();
        for (var i = 1; i <= witnessCount; i++)
        {
            var witness = await NodeProcess.StartAsync(
                prefix + "w" + i,
                args: ["--manual", "--bpsc", $"http://127.0.0.1:{bpscPort}"],
                env: new Dictionary<string, string> { ["SMARTCHAIN_WITNESS_NAME"] = $"witness.example/w{i}" }
            );
            witnesses.Add(witness);
            var identity = await witness.Http.GetJsonAsync("/witness");
            keys.Add(NoteVerifierKey.TryParse(identity.GetProperty("verifier_key").GetString())!);
        }

        var configured = string.Join(";", witnesses.Select((w, i) => $"{w.Url}witness {keys[i].Text}"));
        var bpsc = await NodeProcess.StartAsync(
            prefix + "b",
            port: bpscPort,
            args: ["--manual"],
            env: new Dictionary<string, string> { ["SMARTCHAIN_WITNESSES"] = configured }
        );
        var info = await bpsc.Http.GetJsonAsync("/chains/aka");
        var logKey = NoteVerifierKey.TryParse(info.GetProperty("log_verifier_key").GetString())!;
        return new WitnessedNodes(bpsc, witnesses, keys, logKey);
    }

    /// <summary>Posts <paramref name="count"/> article transfers on aka and forges them; answers their ids.</summary>
    public async Task<IReadOnlyList<string>> ForgeAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var posted = await Bpsc.Http.PostJsonAsync(
                "/transactions/new",
                new
                {
                    sender = "alice",
                    amount = 100 + i,
                    recipient = "bob",
                }
            );
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            ids.Add((await posted.JsonAsync()).GetProperty("id").GetString()!);
        }

        await Bpsc.Http.GetJsonAsync("/mine");
        return ids;
    }

    /// <summary>
    /// Waits until the BPSC serves its checkpoint with every witness's cosignature; answers the note. The BPSC signs
    /// its head and attaches only cosignatures of that very size and root, so this is the head, cosigned.
    /// </summary>
    public Task<string> CosignedByAllAsync() =>
        Eventually.ReturnsAsync(
            () => Bpsc.Http.GetStringAsync("/chains/aka/checkpoint"),
            served => SignedNote.TryParse(served) is { } note && WitnessKeys.All(k => note.Signatures.Any(k.Claims)),
            TimeSpan.FromSeconds(90),
            "the head checkpoint cosigned by every witness"
        );

    public async ValueTask DisposeAsync()
    {
        await Bpsc.DisposeAsync();
        foreach (var witness in _witnesses)
        {
            await witness.DisposeAsync();
        }
    }
}
