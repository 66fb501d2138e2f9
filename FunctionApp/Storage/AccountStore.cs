using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Ledger accounts, in the <c>pending</c> table beside their owner's pending transfers: RowKey <c>a{address}</c>
/// in the partition of the address's shard. Accepting transfers is one batch there — each sender's account row
/// replaced under its ETag (reserve, advance the nonce), their pending entries (one pending row) and an id
/// index row each added — so two transfers racing for one balance cannot both pass, on one instance or many.
/// </summary>
public sealed class AccountStore(Tables tables)
{
    // The row as this process last wrote it, with its ETag: the next acceptance for the same sender can skip the
    // read. Never trusted blindly — the batch still carries the ETag, so a row changed elsewhere (another process,
    // a block's follow-up) fails with 412 and is read afresh.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<
        (ChainId Chain, Address Address),
        Account
    > _lastWritten = new();

    /// <summary>
    /// The shards a ledger chain's accounts (and so its transfers) live in: 4 of the 16 pending shards, because a
    /// group commit can only join transfers of one partition, and storage costs far more per request than per entity:
    /// with the bench's 32 clients, groups held ~1.5 transfers over 16 shards and ~4 over 4 (docs/benchmarks.md).
    /// What 4 partitions allow a chain on Azure is in docs/scale.md.
    /// </summary>
    public const int Shards = 4;

    /// <summary>Which of the <see cref="Shards"/> shards holds an account: its first hex digit, modulo 4.</summary>
    public static int ShardOf(Address address) => Convert.ToInt32(address.Value[..1], 16) % Shards;

    public async Task<Account> ReadAsync(ChainId chain, Address address, CancellationToken cancellationToken)
    {
        var row = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(
            PendingStore.Partition(chain, ShardOf(address)),
            "a" + address,
            cancellationToken: cancellationToken
        );
        return row.HasValue ? From(row.Value!) : Account.Empty(address);
    }

    /// <summary>
    /// The account as this process last wrote it (<c>Remembered</c>: good enough to attempt an acceptance, whose
    /// ETag check settles it, but not to refuse one), or as storage has it.
    /// </summary>
    public async Task<(Account Account, bool Remembered)> ReadForAcceptAsync(
        ChainId chain,
        Address address,
        CancellationToken cancellationToken
    ) =>
        _lastWritten.TryGetValue((chain, address), out var account)
            ? (account, true)
            : (await ReadAsync(chain, address, cancellationToken), false);

    /// <summary>
    /// The sequence of the accepted transfer <paramref name="id"/> of this sender, or null if it was never accepted.
    /// </summary>
    public async Task<string?> FindAcceptedAsync(
        ChainId chain,
        Address sender,
        TxId id,
        CancellationToken cancellationToken
    )
    {
        var row = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(
            PendingStore.Partition(chain, ShardOf(sender)),
            "i" + id,
            cancellationToken: cancellationToken
        );
        return row.HasValue ? row.Value!.GetString("Seq") : null;
    }

    /// <summary>
    /// Where a ledger id was accepted: its shard and sequence, looking in every shard (a ledger id does not name its
    /// sender).
    /// </summary>
    public async Task<(int Shard, string Seq)?> LocateAsync(ChainId chain, TxId id, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(
            Enumerable
                .Range(0, Shards)
                .Select(async shard =>
                {
                    var row = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(
                        PendingStore.Partition(chain, shard),
                        "i" + id,
                        cancellationToken: cancellationToken
                    );
                    return row.HasValue ? (shard, row.Value!.GetString("Seq")) : ((int, string)?)null;
                })
        );
        return found.FirstOrDefault(f => f is not null);
    }

    /// <summary>
    /// Reserves <paramref name="reserve"/>, advances the nonce and stores the pending entry as a row of its own,
    /// atomically. False when the account changed since <paramref name="account"/> was read: read again and re-judge.
    /// </summary>
    public Task<bool> AcceptAsync(
        ChainId chain,
        Account account,
        Amount reserve,
        PendingEntry entry,
        CancellationToken cancellationToken
    ) => AcceptAsync(chain, [new Reservation(account, reserve, entry)], cancellationToken);

    /// <summary>
    /// Accepts transfers of distinct senders of one shard in one entity-group transaction: each account replaced under
    /// its ETag (or added when new) with its reservation and next nonce, one pending row holding every entry (they
    /// share its sequence) and an id index row each. False when any account changed since it was read, or a row exists
    /// already: then nothing of it was stored, and each transfer must be read again and re-judged.
    /// </summary>
    public async Task<bool> AcceptAsync(
        ChainId chain,
        IReadOnlyList<Reservation> reservations,
        CancellationToken cancellationToken
    )
    {
        var shard = reservations[0].Entry.Ref.Shard;
        if (
            reservations.Any(r => ShardOf(r.Account.Address) != shard)
            || reservations.DistinctBy(r => r.Account.Address).Count() != reservations.Count
        )
        {
            throw new ArgumentException("one transaction accepts distinct senders of one shard", nameof(reservations));
        }

        var partition = PendingStore.Partition(chain, shard);
        var updated = reservations
            .Select(r =>
                r.Account with
                {
                    Reserved = r.Account.Reserved + r.Amount,
                    NextNonce = r.Account.NextNonce + 1,
                }
            )
            .ToList();
        var actions = updated
            .Select(
                (account, i) =>
                    reservations[i].Account.ETag is { } etag
                        ? new TableTransactionAction(
                            TableTransactionActionType.UpdateReplace,
                            Row(partition, account),
                            etag
                        )
                        : new TableTransactionAction(TableTransactionActionType.Add, Row(partition, account))
            )
            .ToList();
        actions.Add(
            new(TableTransactionActionType.Add, PendingRow.Build(chain, reservations.Select(r => r.Entry).ToList()))
        );
        actions.AddRange(
            reservations.Select(r => new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(partition, "i" + r.Entry.Ref.Id) { ["Seq"] = r.Entry.Ref.Seq }
            ))
        );
        try
        {
            // The responses come in the order of the actions: the account rows first.
            var responses = await tables.Pending.SubmitTransactionAsync(actions, cancellationToken);
            for (var i = 0; i < updated.Count; i++)
            {
                _lastWritten[(chain, updated[i].Address)] = updated[i] with { ETag = responses.Value[i].Headers.ETag };
            }

            return true;
        }
        catch (Exception e)
        {
            // Failed or unknown (an outage may hide a transaction that landed): forget the rows, read them next time.
            foreach (var account in updated)
            {
                _lastWritten.TryRemove((chain, account.Address), out _);
            }

            if (e is RequestFailedException { Status: 409 or 412 })
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>
    /// Applies a forged block's account changes, each account at most once (rows already at
    /// <paramref name="blockIndex"/> are skipped), retrying a shard whose rows moved under it.
    /// </summary>
    public async Task ApplyAsync(
        ChainId chain,
        long blockIndex,
        IReadOnlyDictionary<Address, AccountChange> changes,
        CancellationToken cancellationToken
    )
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            changes.GroupBy(d => ShardOf(d.Key)),
            options,
            async (shard, ct) =>
            {
                foreach (var chunk in shard.Chunk(100))
                {
                    while (!await TryApplyAsync(chain, blockIndex, chunk, ct))
                    {
                        // An acceptance changed one of these rows meanwhile: read them again.
                    }
                }
            }
        );
    }

    private async Task<bool> TryApplyAsync(
        ChainId chain,
        long blockIndex,
        KeyValuePair<Address, AccountChange>[] changes,
        CancellationToken cancellationToken
    )
    {
        var accounts = await Task.WhenAll(changes.Select(d => ReadAsync(chain, d.Key, cancellationToken)));
        var actions = new List<TableTransactionAction>();
        for (var i = 0; i < changes.Length; i++)
        {
            var account = accounts[i];
            if (account.AppliedBlock >= blockIndex)
            {
                continue;
            }

            var row = Row(
                PendingStore.Partition(chain, ShardOf(account.Address)),
                account with
                {
                    Balance = changes[i].Value.BalanceAfter(account.Balance),
                    Reserved = changes[i].Value.ReservedAfter(account.Reserved),
                    AppliedBlock = blockIndex,
                }
            );
            actions.Add(
                account.ETag is { } etag
                    ? new(TableTransactionActionType.UpdateReplace, row, etag)
                    : new(TableTransactionActionType.Add, row)
            );
        }

        if (actions.Count == 0)
        {
            return true;
        }

        try
        {
            await tables.Pending.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static TableEntity Row(string partition, Account account) =>
        new(partition, "a" + account.Address)
        {
            ["Balance"] = account.Balance.ToString(),
            ["Reserved"] = account.Reserved.ToString(),
            ["NextNonce"] = account.NextNonce,
            ["AppliedBlock"] = account.AppliedBlock,
        };

    private static Account From(TableEntity row) =>
        new(
            Address.Parse(row.RowKey[1..]),
            Amount.Of(decimal.Parse(row.GetString("Balance"), CultureInfo.InvariantCulture)),
            Amount.Of(decimal.Parse(row.GetString("Reserved"), CultureInfo.InvariantCulture)),
            row.GetInt64("NextNonce") ?? 0,
            row.GetInt64("AppliedBlock") ?? 0,
            row.ETag
        );
}
