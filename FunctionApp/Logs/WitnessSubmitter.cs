using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Logs;

/// <summary>
/// The BPSC's side of tlog-witness: each round, every local chain's head checkpoint goes to every witness of
/// SMARTCHAIN_WITNESSES that has not cosigned it, with a consistency proof from the size the witness last recorded
/// (learned from a 409). A witness that fails waits, doubling from 1 s to 60 s. Runs beside production, never in it.
/// </summary>
public sealed class WitnessSubmitter(
    HttpClient http,
    NodeSettings settings,
    ChainRegistry registry,
    BlockStore blocks,
    CheckpointService checkpoints,
    TimeProvider clock,
    ILogger<WitnessSubmitter> log
)
{
    private readonly ConcurrentDictionary<(string Witness, ChainId Chain), long> _witnessSizes = new();
    private readonly ConcurrentDictionary<
        (string Witness, ChainId Chain),
        (DateTimeOffset Next, TimeSpan Delay)
    > _backoff = new();
    private readonly ConcurrentDictionary<(string Witness, ChainId Chain), long> _cosignedSize = new();

    /// <summary>
    /// The configured witnesses: "&lt;submission prefix URL&gt; &lt;vkey&gt;" entries separated by ';'.
    /// </summary>
    public IReadOnlyList<(Uri Prefix, NoteVerifierKey Key)> Witnesses { get; } = Parse(settings.Witnesses);

    public static IReadOnlyList<(Uri Prefix, NoteVerifierKey Key)> Parse(string? text)
    {
        var witnesses = new List<(Uri, NoteVerifierKey)>();
        foreach (
            var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        )
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (
                parts.Length != 2
                || !Uri.TryCreate(parts[0].TrimEnd('/') + "/", UriKind.Absolute, out var prefix)
                || NoteVerifierKey.TryParse(parts[1]) is not { Type: NoteSignatureType.CosignatureV1 } key
            )
            {
                throw new InvalidOperationException(
                    $"SMARTCHAIN_WITNESSES: '{entry}' is not '<submission prefix URL> <cosignature/v1 vkey>'"
                );
            }

            witnesses.Add((prefix, key));
        }

        return witnesses;
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (Witnesses.Count == 0)
        {
            return;
        }

        foreach (var chain in (await registry.ListAsync(cancellationToken)).Where(c => c.IsLocal && c.Log is not null))
        {
            if (await checkpoints.SignedHeadAsync(chain, cancellationToken) is not { } head)
            {
                continue;
            }

            await Task.WhenAll(
                Witnesses.Select(w =>
                    SubmitAsync(chain.Id, w.Prefix, w.Key, head.Checkpoint, head.Note, cancellationToken)
                )
            );
        }
    }

    private async Task SubmitAsync(
        ChainId chain,
        Uri prefix,
        NoteVerifierKey key,
        Checkpoint checkpoint,
        string note,
        CancellationToken cancellationToken
    )
    {
        var id = (key.Text, chain);
        if (
            _cosignedSize.TryGetValue(id, out var done) && done == checkpoint.Size
            || _backoff.TryGetValue(id, out var wait) && wait.Next > clock.GetUtcNow()
        )
        {
            return;
        }

        try
        {
            // A 409 teaches the witness's size; the second attempt sends the proof from there.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var old = Math.Min(_witnessSizes.GetValueOrDefault(id), checkpoint.Size);
                var proof =
                    old == 0
                        ? []
                        : await blocks.Tiles.HashesAsync(
                            chain,
                            ProofPlan.Consistency(old, checkpoint.Size),
                            checkpoint.Size,
                            cancellationToken
                        );
                var body = new StringBuilder($"old {old.ToString(CultureInfo.InvariantCulture)}\n");
                foreach (var hash in proof)
                {
                    body.Append(Convert.ToBase64String(hash)).Append('\n');
                }

                body.Append('\n').Append(note);
                using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain");
                using var response = await http.PostAsync(
                    new Uri(prefix, "add-checkpoint"),
                    content,
                    cancellationToken
                );
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (
                    (int)response.StatusCode == 409
                    && Checkpoint.TryParseSize(text.TrimEnd('\n'), out var recorded)
                    && recorded != old
                )
                {
                    _witnessSizes[id] = recorded;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"{prefix} answered {(int)response.StatusCode}: {text.Trim()}");
                }

                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(NoteSignature.TryParse)
                    .Where(s => s is not null && key.Verify(checkpoint.Text, s))
                    .Select(s => s!)
                    .ToList();
                if (lines.Count == 0)
                {
                    throw new HttpRequestException($"{prefix} answered no cosignature of its key");
                }

                await checkpoints.AddCosignaturesAsync(chain, checkpoint, lines, cancellationToken);
                _witnessSizes[id] = checkpoint.Size;
                _cosignedSize[id] = checkpoint.Size;
                _backoff.TryRemove(id, out _);
                return;
            }

            throw new HttpRequestException($"{prefix} keeps answering 409");
        }
        catch (Exception e)
            when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var delay = _backoff.TryGetValue(id, out var last)
                ? TimeSpan.FromTicks(Math.Min(last.Delay.Ticks * 2, TimeSpan.FromSeconds(60).Ticks))
                : TimeSpan.FromSeconds(1);
            _backoff[id] = (clock.GetUtcNow() + delay, delay);
            log.LogInformation(
                "Chain {Chain}: witness {Witness} did not cosign size {Size}, retry in {Delay}: {Reason}",
                chain,
                key.Name,
                checkpoint.Size,
                delay,
                e.Message
            );
        }
    }
}
