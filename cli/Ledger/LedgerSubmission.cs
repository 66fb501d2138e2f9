using System.Diagnostics;
using SmartChain.Cli.Http;
using SmartChain.Cli.Wallets;
using SmartChain.Domain.Crypto;
using Spectre.Console;

namespace SmartChain.Cli.Ledger;

/// <summary>
/// What <c>send</c> and <c>mint</c> share: take the next nonce, sign, submit, check the node answers with the
/// id computed here, then (unless told not to wait) follow the receipt until the transaction is forged and
/// verify its inclusion proof against the BPSC-signed block.
/// </summary>
public sealed class LedgerSubmission(NodeApi api, CliContext context)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(
        Wallet wallet,
        string chain,
        string recipient,
        string amount,
        long? nonce,
        string? type,
        bool wait,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        if (Address.TryParse(recipient) is null)
        {
            throw new CliFailure($"--to must be an address of 40 lowercase hex characters, not '{recipient}'");
        }

        var info = await api.GetChainAsync(chain, cancellationToken);
        if (!info.IsLedger)
        {
            throw new CliFailure(
                $"chain '{chain}' is a {info.Kind} chain{(info.Mode is null ? "" : $" in {info.Mode} mode")}, not a "
                    + "ledger chain"
            );
        }

        AmountText.Validate(amount, info.Decimals);
        var useNonce = nonce ?? (await api.GetAccountAsync(chain, wallet.Address, cancellationToken)).NextNonce;
        var request = LedgerRequest.Sign(wallet.Key, chain, recipient, amount, useNonce, type);
        var answer = await api.SubmitAsync(chain, request.ToBody(), cancellationToken);
        if (answer.Id != request.Id)
        {
            throw new CliFailure($"the node answered id {answer.Id}, but the payload hashes to {request.Id}");
        }

        context.Out.WriteLine($"id: {request.Id}");
        context.Out.WriteLine($"nonce: {useNonce}");
        if (!wait)
        {
            context.Out.WriteLine($"status: {answer.Status}");
            return 0;
        }

        var receipt = await WaitAsync(chain, request.Id, timeout, cancellationToken);
        context.Out.WriteLine($"status: {receipt.Status}");
        context.Out.WriteLine($"block: {receipt.BlockIndex}");
        if (receipt.Status == ReceiptInfo.Refunded)
        {
            context.Out.WriteLine($"reason: {receipt.Reason}");
            context.Error.WriteLine($"error: refunded: {receipt.Reason}");
            return 1;
        }

        context.Out.WriteLine($"position: {receipt.Position}");
        var block = await api.GetBlockAsync(chain, receipt.BlockIndex!.Value, cancellationToken);
        var failure = InclusionCheck.Check(request, receipt, block, chain, info.BpscPublicKey);
        if (failure is not null)
        {
            throw new CliFailure($"inclusion proof does not verify: {failure}");
        }

        context.Out.WriteLine(
            $"proof: verified (leaf {receipt.Proof!.LeafIndex} of {receipt.Proof.TreeSize}, merkle_root "
                + $"{receipt.Proof.MerkleRoot}, block {receipt.Proof.BlockHash} signed by the BPSC)"
        );
        return 0;
    }

    private async Task<ReceiptInfo> WaitAsync(
        string chain,
        string id,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        return await context
            .Ui.Status()
            .StartAsync(
                $"waiting for {id[..12]}… to be forged",
                async status =>
                {
                    var delay = FirstPoll;
                    while (true)
                    {
                        var receipt = await api.GetReceiptAsync(chain, id, cancellationToken);
                        if (receipt.Status is ReceiptInfo.Included or ReceiptInfo.Refunded)
                        {
                            return receipt;
                        }

                        if (clock.Elapsed >= timeout)
                        {
                            throw new CliFailure(
                                $"still {receipt.Status} after {timeout.TotalSeconds:0} s; it stays accepted: check "
                                    + $"later at {api.BaseUrl}chains/{chain}/transactions/{id}"
                            );
                        }

                        status.Status(
                            $"{receipt.Status}{(receipt.BlockIndex is { } n ? $", due in block {n}" : "")} "
                                + $"({clock.Elapsed.TotalSeconds:0} s)"
                        );
                        await Task.Delay(delay, cancellationToken);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPoll.Ticks));
                    }
                }
            );
    }
}
