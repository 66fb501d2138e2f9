using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Load;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenario 2: signed ledger transfers (SPEC §5–6) from 1,000 wallets funded by the genesis allocation, through
/// <c>POST /chains/{chain}/transactions</c> under 32 concurrent clients. Each wallet belongs to one client, so
/// its nonces go up in order; a nonce is consumed only by a 202, so a failed request is sent again as is.
/// Requests are signed before the measured window (the client's signing is not what is measured).
/// </summary>
public sealed class LedgerScenario : IBenchScenario
{
    private const string Name = "ledger";
    private const string Chain = "bench-ledger";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string Title => "Ledger accept: signed transfers (POST /chains/{chain}/transactions)";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var prefix = BenchContext.UniquePrefix("bl");
        var env = new Dictionary<string, string> { ["SMARTCHAIN_MANUAL"] = "true", ["SMARTCHAIN_MAX_BODY_BYTES"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var node = await context.StartNodeAsync(prefix, env: env, cancellationToken: cancellationToken);
        try
        {
            var wallets = Enumerable.Range(0, options.LedgerWallets).Select(_ => SigningKey.Generate()).ToArray();
            using var issuer = SigningKey.Generate();
            var addresses = wallets.Select(w => Address.Of(w.PublicKey).Value).ToArray();
            var created = await CreateChainAsync(node, issuer, addresses, cancellationToken);
            if (created is not null)
            {
                context.Report.Add(Name, $"{options.LedgerWallets:N0} wallets, {options.Clients} clients", "not available in this build", created);
                context.Report.Detail(Name, "not_available", created);
                return;
            }

            var perWallet = options.Quick ? 10 : 40;
            var signed = Presign(wallets, addresses, perWallet);
            var nextNonce = new int[wallets.Length];
            var accepted = new long[wallets.Length];
            var owned = Enumerable.Range(0, options.Clients).Select(c => Enumerable.Range(0, wallets.Length).Where(w => w % options.Clients == c).ToArray()).ToArray();
            using var http = BenchHttp.Create(node.Url, TimeSpan.FromSeconds(30));
            var cpu = CpuMeter.Of(("node", node.Process.Id), ("azurite", context.Azurite.Process.Id), ("bench", Environment.ProcessId));
            var result = await LoadRunner.RunAsync(options.Clients, options.Warmup, options.AcceptDuration, async (client, iteration, ct) =>
            {
                var mine = owned[client];
                if (mine.Length == 0)
                {
                    await Task.Delay(100, ct);
                    return "no wallet for this client";
                }

                var wallet = mine[iteration % mine.Length];
                var nonce = nextNonce[wallet];
                var body = nonce < perWallet ? signed[wallet][nonce] : Sign(wallets[wallet], addresses[wallet], addresses[(wallet + 1) % addresses.Length], nonce);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await http.PostAsync($"chains/{Chain}/transactions", content, ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
                }

                nextNonce[wallet]++;
                accepted[wallet]++;
                return null;
            }, cpu.Start, () => cpu.Stop(), cancellationToken);
            var used = cpu.Last!;

            var check = await AccountCheckAsync(node, addresses[0], accepted[0], cancellationToken);
            context.Report.Add(Name, $"{options.LedgerWallets:N0} wallets, {options.Clients} clients", $"{result.Rate:N0} tx/s", $"p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} errors{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}; {check}; {used}");
            context.Report.Figure("ledger.per_s", result.Rate);
            var json = result.ToJson();
            json["cpu"] = used.ToJson();
            json["wallets"] = options.LedgerWallets;
            json["account_check"] = check;
            context.Report.Detail(Name, "signed_transfers", json);
            if (context.Report.Figures.TryGetValue("accept.smartchain.manual.per_s", out var open) && open > 0)
            {
                context.Report.Add(Name, "ratio ledger ÷ open accept (manual)", $"{result.Rate / open:0.00}×");
            }

            foreach (var wallet in wallets)
            {
                wallet.Dispose();
            }
        }
        finally
        {
            node.Dispose();
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    /// <summary>Creates the ledger chain with every wallet funded at genesis; null when created, else why it is not available.</summary>
    private static async Task<string?> CreateChainAsync(NodeProcess node, SigningKey issuer, string[] addresses, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["id"] = Chain,
            ["kind"] = "token",
            ["mode"] = "ledger",
            ["decimals"] = 8,
            ["fee_rate"] = "0.00005",
            ["fee_policy"] = "accumulate",
            ["issuer_public_key"] = issuer.PublicKey.Base64Url,
            ["genesis"] = new JsonArray(addresses.Select(a => (JsonNode)new JsonObject { ["address"] = a, ["amount"] = "1000000" }).ToArray()),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "chains") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", NodeProcess.AdminKey);
        using var response = await node.Http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        if ((int)response.StatusCode is >= 400 and < 500 && answer.Contains("not available", StringComparison.OrdinalIgnoreCase))
        {
            return $"POST /chains answered {(int)response.StatusCode}: {Detail(answer)}";
        }

        throw new InvalidOperationException($"creating the ledger chain failed: {(int)response.StatusCode} {answer}");
    }

    private static byte[][][] Presign(SigningKey[] wallets, string[] addresses, int perWallet)
    {
        var signed = new byte[wallets.Length][][];
        Parallel.For(0, wallets.Length, w =>
        {
            signed[w] = Enumerable.Range(0, perWallet).Select(nonce => Sign(wallets[w], addresses[w], addresses[(w + 1) % addresses.Length], nonce)).ToArray();
        });
        return signed;
    }

    /// <summary>A transfer request exactly as SPEC §6 has it: P1363 ECDSA-SHA256 over the RFC 8785 bytes of the payload.</summary>
    private static byte[] Sign(SigningKey key, string sender, string recipient, long nonce)
    {
        var payload = new JsonObject { ["chain"] = Chain, ["sender"] = sender, ["recipient"] = recipient, ["amount"] = "1", ["nonce"] = nonce };
        var signature = key.Sign(CanonicalJson.ToBytes(payload));
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["payload"] = payload,
            ["public_key"] = key.PublicKey.Base64Url,
            ["signature"] = Base64Url.Encode(signature),
        }.ToJsonString());
    }

    /// <summary>Whether the node's account view agrees with what the bench saw acknowledged for one wallet.</summary>
    private static async Task<string> AccountCheckAsync(NodeProcess node, string address, long accepted, CancellationToken cancellationToken)
    {
        using var response = await node.Http.GetAsync($"chains/{Chain}/accounts/{address}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"account check: {(int)response.StatusCode}";
        }

        using var json = JsonDocument.Parse(text);
        var nonce = json.RootElement.TryGetProperty("next_nonce", out var n) ? n.ToString() : "?";
        return $"wallet 0: next_nonce {nonce}, {accepted} acknowledged";
    }

    private static string Detail(string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.ToString()
                : json.RootElement.TryGetProperty("title", out var title) ? title.ToString()
                : problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }
}
